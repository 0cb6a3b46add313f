import { Authenticated, AuthUser, CurrentUser } from '@app/accounts';
import { AppearancesService } from '../appearances/appearances.service';
import { viewerOf } from '../sessions/session.service';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { notFound, toPage } from '@app/common';
import { IdPipe } from '@app/common';
import {
  ProvinceDetailDto,
  ProvinceDto,
  ProvinceListQuery,
  ProvincePageDto,
  RegionDetailDto,
  RegionDto,
} from './places.dto';
import { PlacesRepository, ProvinceRow } from './places.repository';

export const mapProvince = (row: ProvinceRow): ProvinceDto => ({
  id: row.id,
  code: row.code,
  name: row.name,
  kind: row.kind,
  regionId: row.region_id,
  regionName: row.region_name,
  validFrom: row.valid_from,
  validTo: row.valid_to,
  successorId: row.successor_id,
  successorName: row.successor_name,
});

/** Provinces and regions are reference data with no rules beyond look-up: the controller maps rows directly. */
@ApiTags('provinces')
@Authenticated({ public: true })
@Controller()
export class PlacesController {
  constructor(
    private readonly places: PlacesRepository,
    private readonly appearances: AppearancesService,
  ) {}

  @Get('provinces')
  @ApiOperation({
    summary: 'Provincial units of either era (63 until 30/6/2025, 34 from 1/7/2025); q matches name or alias (TP HCM)',
  })
  @ApiOkResponse({ type: ProvincePageDto })
  async provinces(@Query() query: ProvinceListQuery) {
    const { rows, total } = await this.places.provinces(query);
    return toPage(rows.map(mapProvince), total, query);
  }

  @Get('provinces/:id')
  @ApiOperation({
    summary: 'A unit with its successor (2025 merger), the units merged into it, and the delegations it sent',
  })
  @ApiOkResponse({ type: ProvinceDetailDto })
  async province(@Param('id', IdPipe) id: number, @CurrentUser() user?: AuthUser): Promise<ProvinceDetailDto> {
    const row = await this.places.province(id);
    if (!row) throw notFound('Province', id);
    return {
      ...mapProvince(row),
      predecessors: (await this.places.predecessors(id)).map(mapProvince),
      ...(await this.appearances.ofProvince(id, viewerOf(user).canSeeDrafts)),
    };
  }

  @Get('regions')
  @ApiOperation({ summary: 'The six socio-economic regions' })
  @ApiOkResponse({ type: [RegionDto] })
  async regions(): Promise<RegionDto[]> {
    return (await this.places.regions()).map((row) => ({
      id: row.id,
      slug: row.slug,
      name: row.name,
      provinceCount: row.province_count,
    }));
  }

  @Get('regions/:id')
  @ApiOperation({ summary: 'A region with its pre-2025 units' })
  @ApiOkResponse({ type: RegionDetailDto })
  async region(@Param('id', IdPipe) id: number): Promise<RegionDetailDto> {
    const region = (await this.places.regions()).find((row) => row.id === id);
    if (!region) throw notFound('Region', id);
    return {
      id: region.id,
      slug: region.slug,
      name: region.name,
      provinceCount: region.province_count,
      provinces: (await this.places.regionProvinces(id)).map(mapProvince),
    };
  }
}
