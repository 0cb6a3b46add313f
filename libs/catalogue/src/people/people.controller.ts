import { Authenticated } from '@app/accounts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdOrSlugPipe } from '@app/common';
import { SearchPageQuery } from '../shared/search-query';
import { AtDateQuery, PersonDetailDto, PersonPageDto } from './people.dto';
import { PeopleService } from './people.service';

@ApiTags('people')
@Authenticated({ public: true })
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get()
  @ApiOperation({ summary: 'Presenters and speakers; accent-insensitive name search, Vietnamese order' })
  @ApiOkResponse({ type: PersonPageDto })
  list(@Query() query: SearchPageQuery) {
    return this.people.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A person with every post, the posts held at ?at=, and their presentations' })
  @ApiOkResponse({ type: PersonDetailDto })
  detail(@Param('id', IdOrSlugPipe) id: string, @Query() query: AtDateQuery) {
    return this.people.detail(id, query.at, { canSeeDrafts: false });
  }
}
