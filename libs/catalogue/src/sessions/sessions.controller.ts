import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuditActor, AuditContext, Authenticated, AuthUser, CurrentUser } from '@app/accounts';
import { IdOrSlugPipe, IdPipe } from '@app/common';
import { SessionConflictProblemDto } from './dto/session-conflict.problem';
import { SessionListQuery } from './dto/session-list.query';
import {
  ChangeStatusDto,
  CreateAgendaItemDto,
  CreateBridgePointDto,
  CreateSessionDto,
  ReplaceInvitationsDto,
  ReplaceOrganisersDto,
  UpdateAgendaItemDto,
  UpdateSessionDto,
} from './dto/session-write.dto';
import { SessionDetailDto, SessionPageDto } from './dto/session.response';
import { SessionAgendaService } from './session-agenda.service';
import { SessionParticipantsService } from './session-participants.service';
import { SessionEditService } from './session-edit.service';
import { SessionLifecycleService } from './session-lifecycle.service';
import { SessionQueryService, viewerOf } from './session.service';

const ORGANISERS = { roles: ['organiser' as const] };

@ApiTags('sessions')
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionQueryService,
    private readonly editing: SessionEditService,
    private readonly lifecycle: SessionLifecycleService,
    private readonly agenda: SessionAgendaService,
    private readonly participants: SessionParticipantsService,
  ) {}

  @Get()
  @Authenticated({ public: true })
  @ApiOperation({ summary: 'List and search sessions (drafts only for organisers)' })
  @ApiOkResponse({ type: SessionPageDto })
  list(@Query() query: SessionListQuery, @CurrentUser() user?: AuthUser) {
    return this.sessions.list(query, viewerOf(user));
  }

  @Get(':id')
  @Authenticated({ public: true })
  @ApiOperation({
    summary: 'A session with agenda, presenters (positions at that date), organisers, documents and citations',
  })
  @ApiOkResponse({ type: SessionDetailDto })
  @ApiNotFoundResponse({ description: 'No such session visible to you (problem+json)' })
  detail(@Param('id', IdOrSlugPipe) id: string, @CurrentUser() user?: AuthUser) {
    return this.sessions.detail(id, viewerOf(user));
  }

  @Post()
  @Authenticated(ORGANISERS)
  @ApiOperation({ summary: 'Create a draft session' })
  @ApiCreatedResponse({ type: SessionDetailDto })
  @ApiBadRequestResponse({ description: 'Invalid fields (problem+json naming each)' })
  @ApiConflictResponse({ description: 'Slug already used' })
  create(@Body() body: CreateSessionDto, @CurrentUser() user: AuthUser, @AuditContext() actor: AuditActor) {
    return this.editing.create(body, user, actor);
  }

  @Patch(':id')
  @Authenticated(ORGANISERS)
  @ApiOperation({ summary: 'Change a session; send the version you read (optimistic locking)' })
  @ApiOkResponse({ type: SessionDetailDto })
  @ApiConflictResponse({
    type: SessionConflictProblemDto,
    description: 'Stale version (with the current version and who last changed the session, when) or slug taken',
  })
  update(
    @Param('id', IdPipe) id: number,
    @Body() body: UpdateSessionDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.editing.update(id, body, user, actor);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Authenticated(ORGANISERS)
  @ApiOperation({ summary: 'Move a session along its lifecycle; illegal transitions are refused with 409' })
  @ApiOkResponse({ type: SessionDetailDto })
  @ApiConflictResponse({ description: 'Illegal transition (lists the allowed ones)' })
  changeStatus(
    @Param('id', IdPipe) id: number,
    @Body() body: ChangeStatusDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.lifecycle.changeStatus(id, body, user, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated(ORGANISERS)
  @ApiOperation({ summary: 'Delete a draft or cancelled session' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'The session is published, or still referenced' })
  async remove(@Param('id', IdPipe) id: number, @CurrentUser() user: AuthUser, @AuditContext() actor: AuditActor) {
    await this.lifecycle.remove(id, user, actor);
  }

  @Put(':id/organisers')
  @Authenticated(ORGANISERS)
  @ApiOperation({ summary: 'Replace the organisers (lead "chủ trì", co-organiser "phối hợp") in order' })
  @ApiOkResponse({ type: SessionDetailDto })
  replaceOrganisers(
    @Param('id', IdPipe) id: number,
    @Body() body: ReplaceOrganisersDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.participants.replaceOrganisers(id, body, user, actor);
  }

  @Put(':id/invitations')
  @Authenticated(ORGANISERS)
  @ApiOperation({
    summary: 'Replace the invited provinces; whole regions expand to their units in force on the start date',
  })
  @ApiOkResponse({ type: SessionDetailDto })
  replaceInvitations(
    @Param('id', IdPipe) id: number,
    @Body() body: ReplaceInvitationsDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.participants.replaceInvitations(id, body, user, actor);
  }

  @Post(':id/bridge-points')
  @Authenticated(ORGANISERS)
  @ApiOperation({ summary: 'Add a bridge point (điểm cầu) of an online or hybrid session' })
  @ApiCreatedResponse({ type: SessionDetailDto })
  addBridgePoint(
    @Param('id', IdPipe) id: number,
    @Body() body: CreateBridgePointDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.agenda.addBridgePoint(id, body, user, actor);
  }

  @Delete(':id/bridge-points/:pointId')
  @Authenticated(ORGANISERS)
  @ApiOperation({ summary: 'Remove a bridge point that has no attendance recorded' })
  @ApiOkResponse({ type: SessionDetailDto })
  @ApiConflictResponse({ description: 'Attendance or headcounts were recorded there' })
  removeBridgePoint(
    @Param('id', IdPipe) id: number,
    @Param('pointId', IdPipe) pointId: number,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.agenda.removeBridgePoint(id, pointId, user, actor);
  }

  @Post(':id/agenda')
  @Authenticated(ORGANISERS)
  @ApiOperation({ summary: 'Add an agenda item (topic, report, speech) at a position' })
  @ApiCreatedResponse({ type: SessionDetailDto })
  addAgendaItem(
    @Param('id', IdPipe) id: number,
    @Body() body: CreateAgendaItemDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.agenda.addAgendaItem(id, body, user, actor);
  }

  @Patch(':id/agenda/:itemId')
  @Authenticated(ORGANISERS)
  @ApiOperation({ summary: 'Change or move an agenda item' })
  @ApiOkResponse({ type: SessionDetailDto })
  updateAgendaItem(
    @Param('id', IdPipe) id: number,
    @Param('itemId', IdPipe) itemId: number,
    @Body() body: UpdateAgendaItemDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.agenda.updateAgendaItem(id, itemId, body, user, actor);
  }

  @Delete(':id/agenda/:itemId')
  @Authenticated(ORGANISERS)
  @ApiOperation({ summary: 'Remove an agenda item; later items move up' })
  @ApiOkResponse({ type: SessionDetailDto })
  removeAgendaItem(
    @Param('id', IdPipe) id: number,
    @Param('itemId', IdPipe) itemId: number,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.agenda.removeAgendaItem(id, itemId, user, actor);
  }
}
