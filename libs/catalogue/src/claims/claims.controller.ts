import { Body, Controller, Delete, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
import { CreateClaimDto, UpdateClaimDto } from './claims.dto';
import { ClaimsService } from './claims.service';

@ApiTags('sessions')
@Authenticated({ roles: ['organiser'] })
@Controller('sessions/:id/claims')
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Post()
  @ApiOperation({ summary: 'Add a reported count (what, value, qualifier) with its citations' })
  @ApiCreatedResponse({ type: SessionDetailDto })
  @ApiBadRequestResponse({ description: 'Invalid fields or a citation the source text does not support' })
  add(
    @Param('id', IdPipe) id: number,
    @Body() body: CreateClaimDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.claims.add(id, body, user, actor);
  }

  @Patch(':claimId')
  @ApiOperation({ summary: 'Correct a reported count; a changed value retires its old citations' })
  @ApiOkResponse({ type: SessionDetailDto })
  @ApiNotFoundResponse({ description: 'No such count on this session' })
  update(
    @SessionChild('claimId') { sessionId, childId }: SessionChildRef,
    @Body() body: UpdateClaimDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.claims.update(sessionId, childId, body, user, actor);
  }

  @Delete(':claimId')
  @ApiOperation({ summary: 'Remove a reported count and its citations' })
  @ApiOkResponse({ type: SessionDetailDto })
  remove(
    @SessionChild('claimId') { sessionId, childId }: SessionChildRef,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.claims.remove(sessionId, childId, user, actor);
  }
}
