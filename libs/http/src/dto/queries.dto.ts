import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { YEAR_MAX, YEAR_MIN } from '@libs/domain';
import { CSV_LOCALES, CsvLocale } from '@libs/reports';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsMoment, IsYearRange, IsYearText } from './validators';

export class AsOfQueryDto {
  @ApiPropertyOptional({
    example: '2026-03-01T12:00:00Z',
    format: 'date-time',
    description: 'the ledger as it was recorded at this moment (RFC 3339, or a date for its midnight UTC)',
  })
  @IsOptional()
  @IsMoment()
  asOf?: string;
}

export class StatementQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'], { message: 'format must be json, csv or xlsx' })
  format?: 'json' | 'csv' | 'xlsx';

  @ApiPropertyOptional({
    enum: CSV_LOCALES,
    default: 'nl',
    description:
      'CSV only. nl: for Dutch spreadsheets (`;`, decimal comma, UTF-8 BOM); en: the machine form (`,`, decimal point, no BOM)',
  })
  @IsOptional()
  @IsIn(CSV_LOCALES, { message: 'locale must be nl or en' })
  locale?: CsvLocale;
}

export class ExplainQueryDto extends AsOfQueryDto {
  @ApiProperty({ example: 2023, type: 'integer', minimum: YEAR_MIN, maximum: YEAR_MAX })
  @IsYearText()
  year!: number;

  @ApiProperty({ example: 'municipality:GM0537:bw' })
  @IsString()
  @Length(1, 200)
  account!: string;
}

export class CompareKeysQueryDto {
  @ApiProperty({ example: '2023-2024', description: 'a range of budget years' })
  @IsYearRange()
  years!: string;

  @ApiPropertyOptional({ enum: ['BW', 'MO'], default: 'BW' })
  @IsOptional()
  @IsIn(['BW', 'MO'], { message: 'scheme must be BW or MO' })
  scheme?: 'BW' | 'MO';
}

export const EXPORT_FORMATS = ['hledger', 'journal-csv', 'journal-mapping'] as const;

export class ExportQueryDto {
  @ApiProperty({
    enum: EXPORT_FORMATS,
    description:
      'hledger: a journal hledger reads; journal-csv: one line per posting for a financial system (Iv3 task fields mapped by the starting mapping); journal-mapping: that mapping, to fill in',
  })
  @IsIn(EXPORT_FORMATS, { message: 'format must be hledger, journal-csv or journal-mapping' })
  format!: (typeof EXPORT_FORMATS)[number];

  @ApiPropertyOptional({
    enum: CSV_LOCALES,
    default: 'nl',
    description: 'journal-csv and journal-mapping: nl for Dutch spreadsheets, en for the machine form',
  })
  @IsOptional()
  @IsIn(CSV_LOCALES, { message: 'locale must be nl or en' })
  locale?: CsvLocale;

  @ApiPropertyOptional({ example: 2024, type: 'integer', minimum: YEAR_MIN, maximum: YEAR_MAX })
  @IsOptional()
  @IsYearText()
  year?: number;
}
