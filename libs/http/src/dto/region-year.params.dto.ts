import { municipalityParameter, paymentIdParameter, regionIdParameter, yearParameter } from '@libs/queries';
import { Parameter } from './parameter.decorator';

export class RegionParamsDto {
  @Parameter(regionIdParameter, { description: 'region id' })
  regionId!: string;
}

export class RegionYearParamsDto extends RegionParamsDto {
  @Parameter(yearParameter, { description: 'budget year' })
  year!: number;
}

export class TraceParamsDto extends RegionParamsDto {
  @Parameter(paymentIdParameter, { description: 'the Rijk payment id' })
  paymentId!: string;
}

export class LetterParamsDto extends RegionYearParamsDto {
  @Parameter(municipalityParameter, { description: 'the CBS code of a member municipality' })
  code!: string;
}
