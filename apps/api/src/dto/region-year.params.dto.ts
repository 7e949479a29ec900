import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';

export class RegionParamsDto {
  @ApiProperty({ example: 'holland-rijnland', description: 'region id' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'regionId must be a lower-case region id such as holland-rijnland' })
  regionId!: string;
}

export class RegionYearParamsDto extends RegionParamsDto {
  @ApiProperty({ example: 2024, description: 'budget year' })
  @Type(() => Number)
  @IsInt({ message: 'year must be an integer year such as 2024' })
  @Min(1900)
  @Max(2999)
  year!: number;
}

export class TraceParamsDto extends RegionParamsDto {
  @ApiProperty({ example: 'iu-bw-2023', description: 'the Rijk payment id' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}$/, { message: 'paymentId is not a valid id' })
  paymentId!: string;
}
