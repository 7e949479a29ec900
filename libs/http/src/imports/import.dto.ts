import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_ISSUES } from '@libs/intake';
import { yearParameter } from '@libs/queries';
import { IsIn, IsOptional } from 'class-validator';
import { Parameter } from '../dto/parameter.decorator';

export class ImportQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    default: 'false',
    description: 'true: check every row and answer with the preview, recording nothing',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun must be true or false' })
  dryRun?: 'true' | 'false';
}

export class TemplateQueryDto {
  @Parameter(yearParameter, { description: 'the budget year the workbook is for' })
  year!: number;
}

export class YearTotalDto {
  @ApiProperty({ example: 2024, type: 'integer' }) year!: number;
  @ApiProperty({ enum: ['BW', 'MO'], nullable: true, example: 'BW', description: 'null for policy corrections' })
  scheme!: string | null;
  @ApiProperty({
    example: '38750000.00',
    description: 'the sum of the amounts (local expenditure: care plus execution)',
  })
  amount!: string;
}

export class SheetReportDto {
  @ApiProperty({ example: 'begroting-2024.xlsx' }) file!: string;
  @ApiProperty({ example: 'Rijksbetalingen' }) sheet!: string;
  @ApiProperty({ example: 'RecordRijkPayment' }) command!: string;
  @ApiProperty({ type: 'integer', description: 'non-empty data rows' }) rows!: number;
  @ApiProperty({ type: 'integer', description: 'rows that became a command' }) commands!: number;
  @ApiProperty({ type: 'integer', description: 'rows that record something new' }) new!: number;
  @ApiProperty({ type: 'integer', description: 'rows recorded before with the same content: they record nothing' })
  identical!: number;
  @ApiProperty({ type: 'integer', description: 'rows whose id or version is recorded with other content' })
  conflicting!: number;
  @ApiProperty({ type: 'integer', description: 'rows refused for another reason' }) rejected!: number;
  @ApiProperty({ type: 'integer', description: 'events recorded (in a dry run: that would be)' }) events!: number;
  @ApiProperty({ type: [YearTotalDto] }) totals!: YearTotalDto[];
}

export class IntakeIssueDto {
  @ApiProperty({ example: 'begroting-2024.xlsx' }) file!: string;
  @ApiPropertyOptional({ example: 'Rijksbetalingen' }) sheet?: string;
  @ApiPropertyOptional({ example: 7, type: 'integer', description: 'the row as the spreadsheet program shows it' })
  row?: number;
  @ApiPropertyOptional({ example: 'bedrag', description: 'the column (its header)' }) column?: string;
  @ApiProperty({ example: 'INVALID_FIELD' }) code!: string;
  @ApiProperty({
    example: 'heeft meer dan twee decimalen: "12,345"; een bedrag is in hele centen',
    description: 'why, in Dutch',
  })
  reason!: string;
  @ApiPropertyOptional({
    example: 'paymentId "p1" is already recorded with other content',
    description:
      "the command parser's or ledger's own (English) words, when the refusal came from them; not part of `reason`",
  })
  original?: string;
  @ApiProperty({
    example:
      'begroting-2024.xlsx:Rijksbetalingen:7: bedrag: heeft meer dan twee decimalen: "12,345"; een bedrag is in hele centen',
    description: '`FILE:SHEET:ROW: column: reason`, as geldstroom apply prints it',
  })
  message!: string;
}

export class IgnoredSheetDto {
  @ApiProperty() file!: string;
  @ApiProperty() sheet!: string;
}

export class ImportReportDto {
  @ApiProperty({ example: 'holland-rijnland' }) regionId!: string;
  @ApiProperty({ description: 'true for ?dryRun=true' }) dryRun!: boolean;
  @ApiProperty({ description: 'true when the rows were recorded' }) recorded!: boolean;
  @ApiProperty({ type: [SheetReportDto], description: 'per sheet, in the order they are applied' })
  sheets!: SheetReportDto[];
  @ApiProperty({ type: [IgnoredSheetDto], description: 'sheets that are not read (unknown names)' })
  ignoredSheets!: IgnoredSheetDto[];
  @ApiProperty({ type: 'integer' }) rows!: number;
  @ApiProperty({ type: 'integer' }) commands!: number;
  @ApiProperty({ type: 'integer' }) new!: number;
  @ApiProperty({ type: 'integer' }) identical!: number;
  @ApiProperty({ type: 'integer' }) conflicting!: number;
  @ApiProperty({ type: 'integer' }) rejected!: number;
  @ApiProperty({ type: 'integer' }) events!: number;
  @ApiProperty({
    type: [IntakeIssueDto],
    description: `the first ${MAX_ISSUES} problems in file order; empty when every row passed`,
  })
  issues!: IntakeIssueDto[];
  @ApiProperty({ type: 'integer', description: 'how many problems were found beyond those in `issues`' })
  moreIssues!: number;
}
