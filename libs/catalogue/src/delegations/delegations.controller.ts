import { Body, Controller, Delete, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuditActor, AuditContext, Authenticated, AuthUser, CurrentUser } from '@app/accounts';
import { IdPipe } from '@app/common';
import { SessionChild, type SessionChildRef } from '../shared/session-child.params';
import { SessionDetailDto } from '../sessions/dto/session.response';
import { CreateDelegationDto, UpdateDelegationDto } from './delegations.dto';
import { DelegationsService } from './delegations.service';

@ApiTags('sessions')
@Authenticated({ roles: ['organiser'] })
@Controller('sessions/:id/delegations')
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

  @Post()
  @ApiOperation({
    summary: 'Record a delegation of a province (by agency, with an optional headcount) and its citations',
  })
  @ApiCreatedResponse({ type: SessionDetailDto })
  @ApiBadRequestResponse({ description: 'Invalid fields or a citation the source text does not support' })
  @ApiConflictResponse({ description: 'That province (and agency) is already recorded' })
  add(
    @Param('id', IdPipe) id: number,
    @Body() body: CreateDelegationDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.delegations.add(id, body, user, actor);
  }

  @Patch(':delegationId')
  @ApiOperation({ summary: "Correct a delegation's headcount or note; a changed headcount retires its old citations" })
  @ApiOkResponse({ type: SessionDetailDto })
  @ApiNotFoundResponse({ description: 'No such delegation on this session' })
  update(
    @SessionChild('delegationId') { sessionId, childId }: SessionChildRef,
    @Body() body: UpdateDelegationDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.delegations.update(sessionId, childId, body, user, actor);
  }

  @Delete(':delegationId')
  @ApiOperation({ summary: 'Remove a delegation and its citations' })
  @ApiOkResponse({ type: SessionDetailDto })
  remove(
    @SessionChild('delegationId') { sessionId, childId }: SessionChildRef,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.delegations.remove(sessionId, childId, user, actor);
  }
}
