import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Scheme } from '@libs/domain';
import {
  accountParameter,
  csvLocaleParameter,
  localeParameter,
  momentParameter,
  schemeParameter,
  YearRange,
  yearParameter,
  yearRangeParameter,
} from '@libs/queries';
import { CsvLocale, Locale } from '@libs/reports';
import { IsIn, IsOptional } from 'class-validator';
import { Parameter } from './parameter.decorator';

export class AsOfQueryDto {
  @Parameter(momentParameter, {
    required: false,
    description: 'the ledger as it was recorded at this moment (RFC 3339, or a date for its midnight UTC)',
  })
  asOf?: Date;
}

export class StatementQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'], { message: 'format must be json, csv or xlsx' })
  format?: 'json' | 'csv' | 'xlsx';

  @Parameter(csvLocaleParameter, {
    required: false,
    description:
      'CSV only. nl (default): for Dutch spreadsheets (`;`, decimal comma, UTF-8 BOM); en: the machine form (`,`, decimal point, no BOM)',
  })
  locale?: CsvLocale;
}

const LOCALE_DESCRIPTION =
  'the language of the sentences (explain: `derivation`, trace: `via`): en (default) the machine form in English, nl the Dutch a controller reads; field names stay the same';

export class ExplainQueryDto extends AsOfQueryDto {
  @Parameter(yearParameter)
  year!: number;

  @Parameter(accountParameter, { description: 'an account, e.g. municipality:GM0537:bw' })
  account!: string;

  @Parameter(localeParameter, { required: false, description: LOCALE_DESCRIPTION })
  locale?: Locale;
}

export class TraceQueryDto extends AsOfQueryDto {
  @Parameter(localeParameter, { required: false, description: LOCALE_DESCRIPTION })
  locale?: Locale;
}

export class CompareKeysQueryDto {
  @Parameter(yearRangeParameter)
  years!: YearRange;

  @Parameter(schemeParameter, { required: false, description: 'the scheme whose budget is split (default BW)' })
  scheme?: Scheme;
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

  @Parameter(csvLocaleParameter, {
    required: false,
    description: 'journal-csv and journal-mapping: nl (default) for Dutch spreadsheets, en for the machine form',
  })
  locale?: CsvLocale;

  @Parameter(yearParameter, { required: false, description: 'only this budget year' })
  year?: number;
}
