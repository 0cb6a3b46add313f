import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdOrSlugPipe } from '../shared/id-or-slug.pipe';
import { SessionListQuery } from './dto/session-list.query';
import { SessionDetailDto, SessionPageDto } from './dto/session.response';
import { SessionQueryService } from './session.service';

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionQueryService) {}

  @Get()
  @ApiOperation({ summary: 'List and search published sessions' })
  @ApiOkResponse({ type: SessionPageDto })
  list(@Query() query: SessionListQuery) {
    return this.sessions.list(query, { canSeeDrafts: false });
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A session with agenda, presenters (positions at that date), organisers, documents and citations',
  })
  @ApiOkResponse({ type: SessionDetailDto })
  @ApiNotFoundResponse({ description: 'No such published session (problem+json)' })
  detail(@Param('id', IdOrSlugPipe) id: string) {
    return this.sessions.detail(id, { canSeeDrafts: false });
  }
}
