import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class VerifyQueryDto {
  @ApiPropertyOptional({
    example: '3f0c…64 hexadecimal digits',
    description: 'the ledger hash the history must have (as printed on a statement): a different head is a 409',
  })
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'expect must be a ledger hash of 64 hexadecimal digits' })
  expect?: string;
}
