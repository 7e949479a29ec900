import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class AsOfQueryDto {
  @ApiPropertyOptional({
    example: '2026-03-01T12:00:00Z',
    description: 'the ledger as it was recorded at this moment (ISO 8601)',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO 8601 moment such as 2026-03-01T12:00:00Z' })
  asOf?: string;
}

export class StatementQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'], { message: 'format must be json, csv or xlsx' })
  format?: 'json' | 'csv' | 'xlsx';
}

export class ExplainQueryDto extends AsOfQueryDto {
  @ApiProperty({ example: 2023 })
  @Type(() => Number)
  @IsInt({ message: 'year must be an integer year such as 2024' })
  @Min(1900)
  @Max(2999)
  year!: number;

  @ApiProperty({ example: 'municipality:GM0537:bw' })
  @IsString()
  @Length(1, 200)
  account!: string;
}

export class CompareKeysQueryDto {
  @ApiProperty({ example: '2023-2024', description: 'a range of budget years' })
  @Matches(/^\d{4}-\d{4}$/, { message: 'years must be a range such as 2023-2025' })
  years!: string;

  @ApiPropertyOptional({ enum: ['BW', 'MO'], default: 'BW' })
  @IsOptional()
  @IsIn(['BW', 'MO'], { message: 'scheme must be BW or MO' })
  scheme?: 'BW' | 'MO';
}

export class ExportQueryDto {
  @ApiProperty({ enum: ['hledger'], description: 'journal format' })
  @IsIn(['hledger'], { message: 'format must be hledger' })
  format!: 'hledger';

  @ApiPropertyOptional({ example: 2024 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be an integer year such as 2024' })
  @Min(1900)
  @Max(2999)
  year?: number;
}
