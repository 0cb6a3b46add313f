import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditActor, AuditContext, Authenticated, AuthUser, CurrentUser } from '@app/accounts';
import { IdPipe } from '@app/common';
import { PartOf, type PartRef } from './part-params';
import { AttendanceRecordsService } from './attendance-records.service';
import { CheckInService } from './check-in.service';
import { PartsService } from './parts.service';
import { WalkInService } from './walk-in.service';
import {
  AbsenceDto,
  AttendanceRecordDto,
  BatchAnswerDto,
  BatchScanDto,
  CreatePartDto,
  HeadcountDto,
  PartAttendanceDto,
  PartDto,
  ScanAnswerDto,
  ScanDto,
  UndoDto,
  UpdatePartDto,
  WalkInDto,
} from './dto/attendance.dto';
import {
  ProvinceStatisticsQuery,
  ProvinceYearDto,
  SessionStatisticsDto,
  StatisticsService,
} from './statistics.service';

const RECORDERS = { roles: ['coordinator' as const, 'organiser' as const] };

@ApiTags('attendance')
@Controller()
export class AttendanceController {
  constructor(
    private readonly checkIns: CheckInService,
    private readonly attendanceRecords: AttendanceRecordsService,
    private readonly partsService: PartsService,
    private readonly walkIns: WalkInService,
    private readonly statistics: StatisticsService,
  ) {}

  @Post('sessions/:id/parts')
  @Authenticated(RECORDERS)
  @ApiOperation({
    summary:
      'Add a part (buổi, e.g. a half-day) within the session dates; times without an offset are Việt Nam time (organisers and coordinators of the session)',
  })
  @ApiCreatedResponse({ type: PartDto })
  addPart(
    @Param('id', IdPipe) sessionId: number,
    @Body() body: CreatePartDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.partsService.add(sessionId, body, user, actor);
  }

  @Get('sessions/:id/parts')
  @Authenticated(RECORDERS)
  @ApiOkResponse({ type: [PartDto] })
  parts(@Param('id', IdPipe) sessionId: number, @CurrentUser() user: AuthUser) {
    return this.partsService.list(sessionId, user);
  }

  @Patch('sessions/:id/parts/:partId')
  @Authenticated(RECORDERS)
  @ApiOperation({ summary: "Correct a part's label or times (still within the session dates)" })
  @ApiOkResponse({ type: PartDto })
  updatePart(
    @PartOf() { sessionId, partId }: PartRef,
    @Body() body: UpdatePartDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.partsService.update(sessionId, partId, body, user, actor);
  }

  @Delete('sessions/:id/parts/:partId')
  @HttpCode(204)
  @Authenticated(RECORDERS)
  @ApiOperation({ summary: 'Remove a part; refused (409) once any attendance is recorded for it' })
  async removePart(
    @PartOf() { sessionId, partId }: PartRef,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    await this.partsService.remove(sessionId, partId, user, actor);
  }

  @Post('sessions/:id/parts/:partId/check-ins')
  @Authenticated(RECORDERS)
  @ApiOperation({ summary: 'Check in by code or registration id; repeated scans never make a second record' })
  @ApiCreatedResponse({ type: ScanAnswerDto, description: 'checked_in (201) or already (200)' })
  @ApiUnprocessableEntityResponse({
    description:
      "Refused scan (unknown or retired code, withdrawn, wrong session, outside the part's check-in window, cancelled session…), kept with its reason",
  })
  async checkIn(
    @PartOf() { sessionId, partId }: PartRef,
    @Body() body: ScanDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const answer = await this.checkIns.scan(sessionId, partId, body, user, actor);
    reply.status(answer.outcome === 'checked_in' ? 201 : 200);
    return answer;
  }

  @Post('sessions/:id/parts/:partId/check-ins/batch')
  @HttpCode(200)
  @Authenticated(RECORDERS)
  @ApiOperation({ summary: 'Upload scans made offline; each item answered on its own (ok / already / error)' })
  @ApiOkResponse({ type: BatchAnswerDto })
  batch(
    @PartOf() { sessionId, partId }: PartRef,
    @Body() body: BatchScanDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.checkIns.batch(sessionId, partId, body.items, user, actor);
  }

  @Post('sessions/:id/parts/:partId/check-outs')
  @HttpCode(200)
  @Authenticated(RECORDERS)
  @ApiOkResponse({ type: AttendanceRecordDto })
  checkOut(
    @PartOf() { sessionId, partId }: PartRef,
    @Body() body: ScanDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.attendanceRecords.checkOut(sessionId, partId, body, user, actor);
  }

  @Post('sessions/:id/parts/:partId/walk-ins')
  @Authenticated(RECORDERS)
  @ApiOperation({ summary: 'Record someone who came without registering (marked as a walk-in)' })
  @ApiCreatedResponse({ type: AttendanceRecordDto })
  walkIn(
    @PartOf() { sessionId, partId }: PartRef,
    @Body() body: WalkInDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.walkIns.walkIn(sessionId, partId, body, user, actor);
  }

  @Post('sessions/:id/parts/:partId/absences')
  @Authenticated(RECORDERS)
  @ApiOperation({ summary: 'Mark a registered person absent or excused, with a reason' })
  @ApiCreatedResponse({ type: AttendanceRecordDto })
  absence(
    @PartOf() { sessionId, partId }: PartRef,
    @Body() body: AbsenceDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.attendanceRecords.markAbsence(sessionId, partId, body, user, actor);
  }

  @Get('sessions/:id/parts/:partId/attendance')
  @Authenticated(RECORDERS)
  @ApiOperation({ summary: 'Records of a part, undone ones included, and the refused scans with their reasons' })
  @ApiOkResponse({ type: PartAttendanceDto })
  records(@PartOf() { sessionId, partId }: PartRef, @CurrentUser() user: AuthUser) {
    return this.attendanceRecords.records(sessionId, partId, user);
  }

  @Put('sessions/:id/parts/:partId/bridge-points/:bridgePointId/headcount')
  @HttpCode(204)
  @Authenticated(RECORDERS)
  @ApiOperation({ summary: 'Headcount at a bridge point (điểm cầu) that takes no names' })
  async headcount(
    @PartOf() { sessionId, partId }: PartRef,
    @Param('bridgePointId', IdPipe) bridgePointId: number,
    @Body() body: HeadcountDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    await this.attendanceRecords.setHeadcount(sessionId, partId, bridgePointId, body.headcount, user, actor);
  }

  @Post('attendance/:id/undo')
  @HttpCode(200)
  @Authenticated(RECORDERS)
  @ApiOperation({ summary: 'Undo a check-in, absence or walk-in, with a reason (kept, not deleted)' })
  @ApiOkResponse({ type: AttendanceRecordDto })
  undo(
    @Param('id', IdPipe) attendanceId: number,
    @Body() body: UndoDto,
    @CurrentUser() user: AuthUser,
    @AuditContext() actor: AuditActor,
  ) {
    return this.attendanceRecords.undo(attendanceId, body.reason, user, actor);
  }

  @Get('sessions/:id/statistics')
  @Authenticated(RECORDERS)
  @ApiOperation({ summary: 'Invited, registered, confirmed, attended and rates, per part, province and agency' })
  @ApiOkResponse({ type: SessionStatisticsDto })
  sessionStatistics(@Param('id', IdPipe) sessionId: number, @CurrentUser() user: AuthUser) {
    return this.statistics.session(sessionId, user);
  }

  @Get('statistics/provinces')
  // Figures across every session: a grant scoped to one session does not cover them.
  @Authenticated({ roles: ['organiser', 'coordinator'], unscoped: true })
  @ApiOperation({
    summary: 'Per province and year: trainings and people; rollUp=true counts old units under their 2025 successors',
  })
  @ApiOkResponse({ type: [ProvinceYearDto] })
  provinceStatistics(@Query() query: ProvinceStatisticsQuery) {
    return this.statistics.provinces(query);
  }
}
