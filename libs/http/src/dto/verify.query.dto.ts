import { ledgerHashParameter } from '@libs/queries';
import { Parameter } from './parameter.decorator';

export class VerifyQueryDto {
  @Parameter(ledgerHashParameter, {
    required: false,
    description: 'the ledger hash the history must have (as printed on a statement): a different head is a 409',
  })
  expect?: string;
}
