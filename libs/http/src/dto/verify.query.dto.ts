import { ledgerHashParameter } from '@libs/queries';
import { Parameter } from './parameter.decorator';

export class VerifyQueryDto {
  @Parameter(ledgerHashParameter, {
    required: false,
    description: 'the ledger hash the history must have (as printed on a statement): a different head is a 409',
  })
  expect?: string;

  @Parameter(ledgerHashParameter, {
    required: false,
    description:
      'a ledger hash printed earlier (on a letter or statement): 200 naming after which event the chain had it as its head; a hash the intact chain never had is a 409',
  })
  contains?: string;
}
