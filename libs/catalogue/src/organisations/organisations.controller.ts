import { Authenticated } from '@app/accounts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AtDateQuery } from '../people/people.dto';
import { IdOrSlugPipe } from '@app/common';
import { SearchPageQuery } from '../shared/search-query';
import { OrganisationDetailDto, OrganisationPageDto } from './organisations.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Authenticated({ public: true })
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @ApiOperation({ summary: 'Organisations, found by current name, former name, short name, alias or province' })
  @ApiOkResponse({ type: OrganisationPageDto })
  list(@Query() query: SearchPageQuery) {
    return this.organisations.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An organisation with its names over time, the name at ?at=, sub-bodies and sessions' })
  @ApiOkResponse({ type: OrganisationDetailDto })
  detail(@Param('id', IdOrSlugPipe) id: string, @Query() query: AtDateQuery) {
    return this.organisations.detail(id, query.at, { canSeeDrafts: false });
  }
}
