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
  @ApiOperation({
    summary: 'Presenters and speakers; search by name, academic title, rank, honorific or post',
    description:
      'q: see the parameter; words may come from the name, titles ("PGS.TS"), rank ("Thiếu tướng") or posts. ' +
      'Name hits rank first, then Vietnamese order. When nothing matches, each word of 3+ letters is retried ' +
      "with the most similar words of people's and provinces' names (one typo).",
  })
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
