import { Body, Controller, Delete, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditActor, AuditContext, Authenticated, AuthUser, CurrentUser } from '@app/accounts';
import { IdPipe } from '@app/common';
import { SessionChild, type SessionChildRef } from '../shared/session-child.params';
import { SessionDetailDto } from '../sessions/dto/session.response';
import { CreateAwardDto, CreateEventRoleDto, CreateStatedPostDto } from './roles.dto';
import { RolesService } from './roles.service';

@ApiTags('sessions')
@Authenticated({ roles: ['organiser'] })
@Controller('sessions/:id')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Post('roles')
  @ApiOperation({ summary: 'Record a role at the event: chair, guest, speaker, lecturer or award recipient' })
  @ApiCreatedResponse({ type: SessionDetailDto })
  @ApiBadRequestResponse({ description: 'Invalid fields or a citation the source text does not support' })
  addRole(
    @Param('id', IdPipe) id: number,
    @Body() body: CreateEventRoleDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.roles.addRole(id, body, user, actor);
  }

  @Delete('roles/:roleId')
  @ApiOperation({ summary: 'Remove a role at the event' })
  @ApiOkResponse({ type: SessionDetailDto })
  removeRole(
    @SessionChild('roleId') { sessionId, childId }: SessionChildRef,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.roles.removeRole(sessionId, childId, user, actor);
  }

  @Post('awards')
  @ApiOperation({ summary: 'Record an award given at the event (bằng khen…) with its recipients' })
  @ApiCreatedResponse({ type: SessionDetailDto })
  @ApiBadRequestResponse({ description: 'Invalid fields or a citation the source text does not support' })
  addAward(
    @Param('id', IdPipe) id: number,
    @Body() body: CreateAwardDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.roles.addAward(id, body, user, actor);
  }

  @Delete('awards/:awardId')
  @ApiOperation({ summary: 'Remove an award and its recipients' })
  @ApiOkResponse({ type: SessionDetailDto })
  removeAward(
    @SessionChild('awardId') { sessionId, childId }: SessionChildRef,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.roles.removeAward(sessionId, childId, user, actor);
  }

  @Post('stated-posts')
  @ApiOperation({
    summary: "Record a person's post as the report states it at this event; shown here first, never on other sessions",
  })
  @ApiCreatedResponse({ type: SessionDetailDto })
  @ApiBadRequestResponse({ description: 'Invalid fields or a citation the source text does not support' })
  addStatedPost(
    @Param('id', IdPipe) id: number,
    @Body() body: CreateStatedPostDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.roles.addStatedPost(id, body, user, actor);
  }

  @Delete('stated-posts/:postId')
  @ApiOperation({ summary: 'Remove a post stated at this event' })
  @ApiOkResponse({ type: SessionDetailDto })
  removeStatedPost(
    @SessionChild('postId') { sessionId, childId }: SessionChildRef,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.roles.removeStatedPost(sessionId, childId, user, actor);
  }
}
