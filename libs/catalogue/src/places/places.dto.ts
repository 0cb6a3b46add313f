import { DelegationAtSessionDto } from '../appearances/appearances.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageMeta } from '@app/common';
import { SearchPageQuery } from '../shared/search-query';

export class ProvinceListQuery extends SearchPageQuery {
  @ApiPropertyOptional({
    enum: ['pre-2025', '2025'],
    description: 'pre-2025: the 63 units of 2008–30/6/2025; 2025: the 34 units from 1/7/2025',
  })
  @IsOptional()
  @IsIn(['pre-2025', '2025'])
  era?: 'pre-2025' | '2025';

  @ApiPropertyOptional({ description: 'Units in force on this date', example: '2024-08-07' })
  @IsOptional()
  @IsDateString({ strict: true })
  at?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(32767)
  region?: number;
}

export class ProvinceDto {
  @ApiProperty() id: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Official code (unknown for the 2025 units)' })
  code: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['province', 'city'] }) kind: string;
  @ApiProperty() regionId: number;
  @ApiProperty() regionName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) validFrom: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) validTo: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) successorId: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) successorName: string | null;
}

export class ProvincePageDto {
  @ApiProperty({ type: [ProvinceDto] }) items: ProvinceDto[];
  @ApiProperty({ type: PageMeta }) page: PageMeta;
}

export class ProvinceDetailDto extends ProvinceDto {
  @ApiProperty({ type: [ProvinceDto], description: 'Units merged into this one' }) predecessors: ProvinceDto[];
  @ApiProperty({
    type: [DelegationAtSessionDto],
    description: 'Delegations it sent (by agency), also those of the units merged into it',
  })
  delegations: DelegationAtSessionDto[];
}

export class RegionDto {
  @ApiProperty() id: number;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Pre-2025 units in the region' }) provinceCount: number;
}

export class RegionDetailDto extends RegionDto {
  @ApiProperty({ type: [ProvinceDto] }) provinces: ProvinceDto[];
}
