import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuditActor, AuditContext, Authenticated, AuthUser, CurrentUser } from '@app/accounts';
import { RequestValidationException } from '@app/common';
import { SOURCE_KEY } from '../citations/citation-input.dto';
import { SearchPageQuery } from '../shared/search-query';
import { viewerOf } from '../sessions/session.service';
import { CreateSourceDto, SourceDetailDto, SourcePageDto, UpdateSourceDto } from './sources.dto';
import { SourcesService } from './sources.service';

const checkedKey = (key: string) => {
  if (!SOURCE_KEY.test(key)) {
    throw new RequestValidationException([{ path: 'key', message: 'must be a source key such as 000' }]);
  }
  return key;
};

@ApiTags('sources')
@Controller('sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Get()
  @Authenticated({ public: true })
  @ApiOperation({ summary: 'Sources (news reports), searchable by title, publisher, author, URL or key' })
  @ApiOkResponse({ type: SourcePageDto })
  list(@Query() query: SearchPageQuery, @CurrentUser() user?: AuthUser) {
    return this.sources.search(query, viewerOf(user));
  }

  @Get(':key')
  @Authenticated({ public: true })
  @ApiOperation({ summary: 'One source: its paragraphs when on file, and every fact that cites it' })
  @ApiOkResponse({ type: SourceDetailDto })
  detail(@Param('key') key: string, @CurrentUser() user?: AuthUser) {
    return this.sources.detail(checkedKey(key), viewerOf(user));
  }

  @Post()
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({ summary: 'Add a source, optionally with its text so citations of it are checked' })
  @ApiCreatedResponse({ type: SourceDetailDto })
  @ApiBadRequestResponse({ description: 'Invalid fields (problem+json naming each)' })
  @ApiConflictResponse({ description: 'Key already used' })
  create(@Body() body: CreateSourceDto, @AuditContext() actor: AuditActor, @CurrentUser() user: AuthUser) {
    return this.sources.create(body, actor, viewerOf(user));
  }

  @Patch(':key')
  @Authenticated({ roles: ['organiser'], unscoped: true })
  @ApiOperation({ summary: 'Correct a source; a new text must still hold every citation of it' })
  @ApiOkResponse({ type: SourceDetailDto })
  @ApiConflictResponse({ description: 'Key taken, or the new text breaks citations (lists them)' })
  update(
    @Param('key') key: string,
    @Body() body: UpdateSourceDto,
    @AuditContext() actor: AuditActor,
    @CurrentUser() user: AuthUser,
  ) {
    return this.sources.update(checkedKey(key), body, actor, viewerOf(user));
  }
}
