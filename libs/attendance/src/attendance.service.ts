import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter, AuthUser, canActOnSession } from '@app/accounts';
import { conflict, notFound, ProblemException, RequestValidationException } from '@app/common';
import { AttendanceRepository, AttendanceRow, PartRow, ScanTarget } from './attendance.repository';
import {
  AbsenceDto,
  AttendanceRecordDto,
  BatchAnswerDto,
  BatchItemResultDto,
  CreatePartDto,
  PartDto,
  ScanAnswerDto,
  ScanDto,
  WalkInDto,
} from './dto/attendance.dto';

/** Why a scan was refused; kept in scan_failure and returned to the scanner. */
export type ScanFailureReason = 'unknown_code' | 'wrong_session' | 'not_confirmed' | 'withdrawn' | 'bad_bridge_point';

const FAILURE_TEXT: Record<ScanFailureReason, string> = {
  unknown_code: 'No registration has this code',
  wrong_session: 'This registration is for another session',
  not_confirmed: 'This registration is not confirmed',
  withdrawn: 'This registration was withdrawn or rejected',
  bad_bridge_point: 'This bridge point does not belong to the session',
};

class ScanRefused {
  constructor(readonly reason: ScanFailureReason) {}
}

// Built once: constructing an Intl.DateTimeFormat per scan showed in the check-in profile.
const LOCAL_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const localTime = (at: Date) => LOCAL_TIME.format(at);

export const mapPart = (row: PartRow): PartDto => ({
  id: Number(row.id),
  sessionId: Number(row.session_id),
  position: row.position,
  label: row.label,
  startsAt: new Date(row.starts_at).toISOString(),
  endsAt: new Date(row.ends_at).toISOString(),
});

const mapRecord = (row: AttendanceRow): AttendanceRecordDto => ({
  id: Number(row.id),
  partId: Number(row.part_id),
  registrationId: row.registration_id === null ? null : Number(row.registration_id),
  walkInId: row.walk_in_id === null ? null : Number(row.walk_in_id),
  fullName: row.full_name,
  status: row.status,
  method: row.method,
  checkedInAt: row.checked_in_at ? new Date(row.checked_in_at).toISOString() : null,
  checkedOutAt: row.checked_out_at ? new Date(row.checked_out_at).toISOString() : null,
  reason: row.reason,
  undoneAt: row.undone_at ? new Date(row.undone_at).toISOString() : null,
  undoReason: row.undo_reason,
});

/** Offline scans keep their device time when it is plausible: not in the future, not days before the part. */
function checkInTime(scannedAt: string | undefined, part: PartRow, now = new Date()): Date {
  if (!scannedAt) return now;
  const at = new Date(scannedAt);
  const earliest = new Date(new Date(part.starts_at).getTime() - 24 * 3600_000);
  return at > now || at < earliest ? now : at;
}

/**
 * Check-in and attendance rules: one record per person and part whatever the number of
 * scans, safe retries by nonce, failed scans kept with their reason, walk-ins, absences,
 * undo with a reason, bridge-point headcounts. Coordinators and organisers of the session
 * (and admins) may record; everything is audited in the same transaction.
 */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attendance: AttendanceRepository,
    private readonly audit: AuditLogWriter,
  ) {}

  async addPart(sessionId: number, input: CreatePartDto, user: AuthUser, actor: AuditActor): Promise<PartDto> {
    if (!canActOnSession(user, 'organiser', sessionId))
      throw forbidden('Only organisers of this session define its parts.');
    if (new Date(input.endsAt) <= new Date(input.startsAt)) {
      throw new RequestValidationException([{ path: 'endsAt', message: 'must be after startsAt' }]);
    }
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.attendance.sessionExists(manager, sessionId))) throw notFound('Session', sessionId);
      const part = await this.attendance.addPart(manager, sessionId, input.label, input.startsAt, input.endsAt);
      await this.audit.record(manager, {
        ...actor,
        action: 'session_part.created',
        entityType: 'session_part',
        entityId: part.id,
        after: input,
      });
      return mapPart(part);
    });
  }

  async parts(sessionId: number, user: AuthUser): Promise<PartDto[]> {
    this.requireRecorder(user, sessionId);
    return (await this.attendance.parts(this.dataSource.manager, sessionId)).map(mapPart);
  }

  /** One scan. 201 checked_in, 200 already; a refusal is recorded and answered 422 with its reason. */
  async scan(
    sessionId: number,
    partId: number,
    input: ScanDto,
    user: AuthUser,
    actor: AuditActor,
    method: 'code' | 'offline_batch' = 'code',
  ) {
    this.requireRecorder(user, sessionId);
    if ((input.code === undefined) === (input.registrationId === undefined)) {
      throw new RequestValidationException([{ path: 'code', message: 'send exactly one of code or registrationId' }]);
    }
    if (input.code !== undefined && !input.nonce && !input.scannedAt && input.bridgePointId === undefined) {
      const fast = await this.fastScan(sessionId, partId, input.code, user, actor);
      if (fast) return fast;
    }
    const outcome = await this.dataSource.transaction(async (manager) => {
      const part = await this.attendance.part(manager, sessionId, partId);
      if (!part) throw notFound('Session part', partId);
      if (input.nonce) {
        await this.attendance.lockNonce(manager, partId, input.nonce);
        const stored = await this.attendance.storedAnswer(manager, partId, input.nonce);
        if (stored) return stored as ScanAnswerDto | { refused: ScanFailureReason };
      }
      const result = await this.tryCheckIn(manager, sessionId, part, input, user, actor, method);
      if (input.nonce) {
        await this.attendance.storeAnswer(
          manager,
          partId,
          input.nonce,
          result instanceof ScanRefused ? { refused: result.reason } : result,
        );
      }
      return result instanceof ScanRefused ? { refused: result.reason } : result;
    });
    if ('refused' in outcome) {
      throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'scan-refused', FAILURE_TEXT[outcome.refused], {
        reason: outcome.refused,
      });
    }
    return outcome;
  }

  /**
   * A live scan of a valid code in one statement. Returns undefined when the scan must be
   * refused (or the person is recorded absent): the full path then records and explains it.
   */
  private async fastScan(sessionId: number, partId: number, code: string, user: AuthUser, actor: AuditActor) {
    const manager = this.dataSource.manager;
    const row = await this.attendance.checkInByCode(manager, sessionId, partId, code, user.id, actor.requestId);
    if (row.part_id === null) throw notFound('Session part', partId);
    const target = row.target;
    if (!target || Number(target.session_id) !== sessionId || target.status !== 'confirmed') return undefined;
    if (row.attendance_id !== null) {
      return this.answer('checked_in', Number(row.attendance_id), new Date(row.checked_in_at!), target);
    }
    const standing = await this.attendance.standing(manager, partId, Number(target.id));
    if (!standing || standing.status !== 'present') return undefined;
    return this.answer('already', Number(standing.id), new Date(standing.checked_in_at!), target);
  }

  /** Offline scans: each item applied (or refused) on its own, in its own transaction. */
  async batch(
    sessionId: number,
    partId: number,
    items: ScanDto[],
    user: AuthUser,
    actor: AuditActor,
  ): Promise<BatchAnswerDto> {
    this.requireRecorder(user, sessionId);
    const results: BatchItemResultDto[] = [];
    for (const [index, item] of items.entries()) {
      try {
        const answer = await this.scan(sessionId, partId, item, user, actor, 'offline_batch');
        results.push({ index, result: answer.outcome === 'checked_in' ? 'ok' : 'already', reason: null, answer });
      } catch (error) {
        if (!(error instanceof ProblemException) || error.getStatus() >= 500) throw error;
        results.push({ index, result: 'error', reason: String(error.extensions.reason ?? error.code), answer: null });
      }
    }
    return { items: results };
  }

  async checkOut(
    sessionId: number,
    partId: number,
    input: ScanDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<AttendanceRecordDto> {
    this.requireRecorder(user, sessionId);
    return this.dataSource.transaction(async (manager) => {
      const part = await this.attendance.part(manager, sessionId, partId);
      if (!part) throw notFound('Session part', partId);
      const target = await this.resolve(manager, input);
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

  async walkIn(
    sessionId: number,
    partId: number,
    input: WalkInDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<AttendanceRecordDto> {
    this.requireRecorder(user, sessionId);
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.attendance.part(manager, sessionId, partId))) throw notFound('Session part', partId);
      if (
        input.provinceId !== undefined &&
        (await manager.query(`SELECT 1 FROM province WHERE id = $1`, [input.provinceId])).length === 0
      ) {
        throw new RequestValidationException([
          { path: 'provinceId', message: `province ${input.provinceId} does not exist` },
        ]);
      }
      const id = await this.attendance.insertWalkIn(
        manager,
        sessionId,
        partId,
        {
          fullName: input.fullName,
          provinceId: input.provinceId ?? null,
          agency: input.agency,
          position: input.position ?? null,
          phone: input.phone ?? null,
        },
        user.id,
      );
      await this.audit.record(manager, {
        ...actor,
        action: 'attendance.walk_in',
        entityType: 'attendance',
        entityId: id,
        after: input,
      });
      return mapRecord((await this.attendance.record(manager, Number(id)))!);
    });
  }

  async markAbsence(
    sessionId: number,
    partId: number,
    input: AbsenceDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<AttendanceRecordDto> {
    this.requireRecorder(user, sessionId);
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.attendance.part(manager, sessionId, partId))) throw notFound('Session part', partId);
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
      if (!record || !canActOnSession(user, ['coordinator', 'organiser'], Number(record.session_id))) {
        throw notFound('Attendance record', attendanceId);
      }
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
    this.requireRecorder(user, sessionId);
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
    this.requireRecorder(user, sessionId);
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

  private async tryCheckIn(
    manager: EntityManager,
    sessionId: number,
    part: PartRow,
    input: ScanDto,
    user: AuthUser,
    actor: AuditActor,
    method: 'code' | 'offline_batch',
  ): Promise<ScanAnswerDto | ScanRefused> {
    const presented = input.code ?? `registration:${input.registrationId}`;
    const refuse = async (reason: ScanFailureReason) => {
      await this.attendance.recordFailure(
        manager,
        Number(part.id),
        presented,
        reason,
        input.scannedAt ?? null,
        user.id,
      );
      return new ScanRefused(reason);
    };
    const target = await this.resolve(manager, input);
    if (!target) return refuse('unknown_code');
    if (Number(target.session_id) !== sessionId) return refuse('wrong_session');
    if (target.status === 'withdrawn' || target.status === 'rejected') return refuse('withdrawn');
    if (target.status !== 'confirmed') return refuse('not_confirmed');
    if (
      input.bridgePointId !== undefined &&
      !(await this.attendance.bridgePointOf(manager, sessionId, input.bridgePointId))
    ) {
      return refuse('bad_bridge_point');
    }
    const inserted = await this.attendance.insertCheckIn(manager, {
      partId: Number(part.id),
      registrationId: Number(target.id),
      method: input.code ? method : 'registration_id',
      checkedInAt: checkInTime(input.scannedAt, part),
      clientScannedAt: input.scannedAt ?? null,
      bridgePointId: input.bridgePointId ?? null,
      userId: user.id,
    });
    if (inserted) {
      await this.audit.record(manager, {
        ...actor,
        action: 'attendance.checked_in',
        entityType: 'attendance',
        entityId: inserted.id,
        after: { partId: Number(part.id), registrationId: Number(target.id), method },
      });
      return this.answer('checked_in', Number(inserted.id), new Date(inserted.checked_in_at), target);
    }
    const standing = await this.attendance.standing(manager, Number(part.id), Number(target.id));
    if (!standing || standing.status !== 'present') {
      // Marked absent or excused for this part: a scan does not silently overwrite it.
      throw conflict(
        'recorded-as-absent',
        `This person is recorded as ${standing?.status ?? 'absent'} for this part; undo that first`,
        {
          attendanceId: standing ? Number(standing.id) : null,
        },
      );
    }
    return this.answer('already', Number(standing.id), new Date(standing.checked_in_at!), target);
  }

  private answer(outcome: 'checked_in' | 'already', attendanceId: number, at: Date, target: ScanTarget): ScanAnswerDto {
    const local = localTime(at);
    return {
      outcome,
      attendanceId,
      checkedInAt: at.toISOString(),
      checkedInAtLocal: local,
      message: outcome === 'checked_in' ? `checked in at ${local}` : `already checked in at ${local}`,
      person: {
        registrationId: Number(target.id),
        fullName: target.full_name,
        provinceName: target.province_name,
        agency: target.agency,
      },
    };
  }

  private resolve(manager: EntityManager, input: ScanDto): Promise<ScanTarget | undefined> {
    return input.code !== undefined
      ? this.attendance.targetByCode(manager, input.code)
      : this.attendance.targetById(manager, input.registrationId!);
  }

  private requireRecorder(user: AuthUser, sessionId: number) {
    if (!canActOnSession(user, ['coordinator', 'organiser'], sessionId)) {
      throw forbidden('Only coordinators and organisers of this session record attendance.');
    }
  }
}

const forbidden = (detail: string) => new ProblemException(HttpStatus.FORBIDDEN, 'forbidden', detail);
