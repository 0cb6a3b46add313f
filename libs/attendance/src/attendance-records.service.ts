import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditActor, AuditLogWriter, AuthUser, requireAccess } from '@app/accounts';
import { AppConfig, conflict, notFound, RequestValidationException } from '@app/common';
import { mapRecord } from './attendance.mapper';
import { AttendanceRepository, CheckInGrace } from './attendance.repository';
import { checkInGrace, FAILURE_TEXT } from './check-in.rules';
import { AbsenceDto, AttendanceRecordDto, ScanDto } from './dto/attendance.dto';

/**
 * Attendance records besides the scan: check-out, absences and excuses with a reason, undo
 * (kept, not deleted), bridge-point headcounts, and a part's records with its refused scans.
 */
@Injectable()
export class AttendanceRecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attendance: AttendanceRepository,
    private readonly audit: AuditLogWriter,
    private readonly config: AppConfig,
  ) {}

  private get grace(): CheckInGrace {
    return checkInGrace(this.config);
  }

  async checkOut(
    sessionId: number,
    partId: number,
    input: ScanDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<AttendanceRecordDto> {
    requireAccess(user, { session: sessionId, action: 'attendance.record' });
    return this.dataSource.transaction(async (manager) => {
      const part = await this.attendance.part(manager, sessionId, partId);
      if (!part) throw notFound('Session part', partId);
      const target = await this.attendance.target(manager, input);
      const record = target ? await this.attendance.standing(manager, partId, Number(target.id)) : undefined;
      if (!record || record.status !== 'present')
        throw conflict('not-checked-in', 'This person is not checked in for this part');
      await this.attendance.checkOut(manager, Number(record.id));
      await this.audit.record(manager, {
        ...actor,
        action: 'attendance.checked_out',
        entityType: 'attendance',
        entityId: record.id,
      });
      return mapRecord((await this.attendance.record(manager, Number(record.id)))!);
    });
  }

  async markAbsence(
    sessionId: number,
    partId: number,
    input: AbsenceDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<AttendanceRecordDto> {
    requireAccess(user, { session: sessionId, action: 'attendance.record' });
    return this.dataSource.transaction(async (manager) => {
      const part = await this.attendance.scanPart(manager, sessionId, partId, this.grace);
      if (!part) throw notFound('Session part', partId);
      if (part.session_status === 'cancelled') {
        throw conflict('session-cancelled', FAILURE_TEXT.session_cancelled, { reason: 'session_cancelled' });
      }
      const target = await this.attendance.targetById(manager, input.registrationId);
      if (!target || Number(target.session_id) !== sessionId) {
        throw new RequestValidationException([
          { path: 'registrationId', message: 'is not a registration of this session' },
        ]);
      }
      const id = await this.attendance.insertAbsence(
        manager,
        partId,
        input.registrationId,
        input.kind,
        input.reason,
        user.id,
      );
      if (!id) {
        const standing = await this.attendance.standing(manager, partId, input.registrationId);
        throw conflict('already-recorded', `Attendance is already recorded as ${standing?.status}; undo it first`, {
          attendanceId: standing ? Number(standing.id) : null,
        });
      }
      await this.audit.record(manager, {
        ...actor,
        action: `attendance.${input.kind}`,
        entityType: 'attendance',
        entityId: id,
        after: input,
      });
      return mapRecord((await this.attendance.record(manager, Number(id)))!);
    });
  }

  async undo(attendanceId: number, reason: string, user: AuthUser, actor: AuditActor): Promise<AttendanceRecordDto> {
    return this.dataSource.transaction(async (manager) => {
      const record = await this.attendance.record(manager, attendanceId, true);
      if (!record) throw notFound('Attendance record', attendanceId);
      requireAccess(user, {
        session: record.session_id,
        action: 'attendance.undo',
        resource: { what: 'Attendance record', id: attendanceId },
      });
      if (record.undone_at) throw conflict('already-undone', 'This record was already undone');
      await this.attendance.undo(manager, attendanceId, user.id, reason);
      await this.audit.record(manager, {
        ...actor,
        action: 'attendance.undone',
        entityType: 'attendance',
        entityId: attendanceId,
        before: mapRecord(record),
        after: { reason },
      });
      return mapRecord((await this.attendance.record(manager, attendanceId))!);
    });
  }

  async setHeadcount(
    sessionId: number,
    partId: number,
    bridgePointId: number,
    headcount: number,
    user: AuthUser,
    actor: AuditActor,
  ) {
    requireAccess(user, { session: sessionId, action: 'attendance.record' });
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.attendance.part(manager, sessionId, partId))) throw notFound('Session part', partId);
      if (!(await this.attendance.bridgePointOf(manager, sessionId, bridgePointId)))
        throw notFound('Bridge point', bridgePointId);
      await this.attendance.setHeadcount(manager, partId, bridgePointId, headcount, user.id);
      await this.audit.record(manager, {
        ...actor,
        action: 'attendance.headcount',
        entityType: 'bridge_point',
        entityId: bridgePointId,
        after: { partId, headcount },
      });
    });
  }

  async records(sessionId: number, partId: number, user: AuthUser) {
    requireAccess(user, { session: sessionId, action: 'attendance.record' });
    const manager = this.dataSource.manager;
    if (!(await this.attendance.part(manager, sessionId, partId))) throw notFound('Session part', partId);
    const failures: { presented: string; reason: string; client_scanned_at: Date | null; recorded_at: Date }[] =
      await this.attendance.failures(manager, partId);
    return {
      records: (await this.attendance.partRecords(manager, partId)).map(mapRecord),
      failedScans: failures.map((failure) => ({
        // Only the first characters of a presented code: enough to recognise, not to reuse.
        presented: failure.presented.slice(0, 6),
        reason: failure.reason,
        scannedAt: failure.client_scanned_at ? new Date(failure.client_scanned_at).toISOString() : null,
        recordedAt: new Date(failure.recorded_at).toISOString(),
      })),
    };
  }
}
