import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuditActor, AuditContext, Authenticated, AuthUser, CurrentUser } from '@app/accounts';
import { IdPipe } from '@app/common';
import { ImportAcceptService } from './import-accept.service';
import { ImportService, toStored } from './import.service';
import { AcceptImportDto, ImportArticleDto, StoredImportDto } from './imports.dto';

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportService,
    private readonly accepting: ImportAcceptService,
  ) {}

  @Post('articles')
  @HttpCode(200)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary: 'Read a news report of a training and propose a draft session, every field with its quote',
    description:
      'The proposal is stored for its author (answered with its id). Fields are linked to the catalogue (people, bodies, documents, provinces) or proposed as ' +
      'new; a report of an event already in the catalogue is proposed as a second source of it (sameEventAs). A ' +
      'field the article does not support with a quote is left empty.',
  })
  @ApiOkResponse({ type: StoredImportDto })
  @ApiPayloadTooLargeResponse({ description: 'The article is larger than 512 KiB (problem+json)' })
  propose(@Body() body: ImportArticleDto, @CurrentUser() user: AuthUser): Promise<StoredImportDto> {
    return this.imports.store(body, user);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Authenticated({ roles: ['organiser'] })
  @ApiOperation({
    summary: 'Accept a reviewed proposal: a new draft session, or a further source of an existing one',
    description:
      'One transaction: the session (or the merge), its source with paragraphs, and every accepted fact with its ' +
      'citation and claim. The proposal is then accepted; a second accept is refused with 409.',
  })
  @ApiOkResponse({ type: StoredImportDto })
  @ApiBadRequestResponse({
    description:
      'validation-failed naming the field: `exclude.<i>` (no such fact in the proposal), `title` (none in the report ' +
      'nor the review), `endsOn` (before startsOn), `hostProvinceId` (no such province), …',
  })
  @ApiForbiddenResponse({ description: 'Not an organiser, or merging into a session you do not organise' })
  @ApiNotFoundResponse({
    description: 'No such proposal, or not yours; or no such session to merge into (problem+json)',
  })
  @ApiConflictResponse({
    description: 'import-already-accepted (problem+json with `sessionId` and `acceptedAs` of the first accept)',
  })
  async accept(
    @Param('id', IdPipe) id: number,
    @Body() body: AcceptImportDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ): Promise<StoredImportDto> {
    return toStored(await this.accepting.accept(id, body, user, actor));
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'A stored import proposal (its author and admins; 404 for anyone else)' })
  @ApiOkResponse({ type: StoredImportDto })
  @ApiNotFoundResponse({ description: 'No such proposal, or not yours (problem+json)' })
  read(@Param('id', IdPipe) id: number, @CurrentUser() user: AuthUser): Promise<StoredImportDto> {
    return this.imports.read(id, user);
  }
}
