import { ApiProperty } from '@nestjs/swagger';
import { identifier, municipalityCode, slug, YEAR_MAX, YEAR_MIN } from '@libs/domain';
import { IsYearText, ParsedBy } from './validators';

export class RegionParamsDto {
  @ApiProperty({ example: 'holland-rijnland', description: 'region id' })
  @ParsedBy(slug)
  regionId!: string;
}

export class RegionYearParamsDto extends RegionParamsDto {
  @ApiProperty({ example: 2024, type: 'integer', minimum: YEAR_MIN, maximum: YEAR_MAX, description: 'budget year' })
  @IsYearText()
  year!: number;
}

export class TraceParamsDto extends RegionParamsDto {
  @ApiProperty({ example: 'iu-bw-2023', description: 'the Rijk payment id' })
  @ParsedBy(identifier)
  paymentId!: string;
}

export class LetterParamsDto extends RegionYearParamsDto {
  @ApiProperty({ example: 'GM0484', description: 'the CBS code of a member municipality' })
  @ParsedBy(municipalityCode)
  code!: string;
}
