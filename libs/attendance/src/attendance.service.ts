import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter, AuthUser, canActOnSession } from '@app/accounts';
import {
  AppConfig,
  conflict,
  FieldError,
  flattenValidationErrors,
  notFound,
  ProblemException,
  RequestValidationException,
} from '@app/common';
import { accessFor } from '@app/registration';
import { mapRecord } from './attendance.mapper';
import { AttendanceRepository, CheckInGrace, ScanPartRow, ScanTarget } from './attendance.repository';
import {
  checkInGrace,
  FAILURE_TEXT,
  Refusal,
  refusalProblem,
  requireRecorder,
  ScanFailureReason,
  ScanRefused,
  scanTime,
  windowRefusal,
} from './check-in.rules';
import {
  AbsenceDto,
  AttendanceRecordDto,
  BatchAnswerDto,
  BatchItemResultDto,
  ScanAnswerDto,
  ScanDto,
} from './dto/attendance.dto';

// Built once: constructing an Intl.DateTimeFormat per scan showed in the check-in profile.
const LOCAL_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const localTime = (at: Date) => LOCAL_TIME.format(at);

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
    private readonly config: AppConfig,
  ) {}

  private get grace(): CheckInGrace {
    return checkInGrace(this.config);
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
      const part = await this.attendance.scanPart(manager, sessionId, partId, this.grace);
      if (!part) throw notFound('Session part', partId);
      if (input.nonce) {
        await this.attendance.lockNonce(manager, partId, input.nonce);
        const stored = await this.attendance.storedAnswer(manager, partId, input.nonce);
        if (stored) return stored as ScanAnswerDto | Refusal;
      }
      const result = await this.tryCheckIn(manager, sessionId, part, input, user, actor, method);
      const answer: ScanAnswerDto | Refusal =
        result instanceof ScanRefused ? { refused: result.reason, extensions: result.extensions } : result;
      if (input.nonce) await this.attendance.storeAnswer(manager, partId, input.nonce, answer);
      return answer;
    });
    if ('refused' in outcome) throw refusalProblem(outcome.refused, outcome.extensions);
    return outcome;
  }

  /**
   * A live scan of a valid code in one statement. Returns undefined when the scan must be
   * refused (or the person is recorded absent): the full path then records and explains it.
   */
  private async fastScan(sessionId: number, partId: number, code: string, user: AuthUser, actor: AuditActor) {
    const manager = this.dataSource.manager;
    const row = await this.attendance.checkInByCode(
      manager,
      sessionId,
      partId,
      code,
      user.id,
      actor.requestId,
      this.grace,
    );
    if (row.part_id === null) throw notFound('Session part', partId);
    if (!row.part_open) return undefined;
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
    items: unknown[],
    user: AuthUser,
    actor: AuditActor,
  ): Promise<BatchAnswerDto> {
    this.requireRecorder(user, sessionId);
    const results: BatchItemResultDto[] = [];
    for (const [index, raw] of items.entries()) {
      const parsed = await parseScanItem(raw, `items.${index}`);
      if (!(parsed instanceof ScanDto)) {
        results.push({ index, result: 'error', reason: 'invalid', errors: parsed, answer: null });
        continue;
      }
      try {
        const answer = await this.scan(sessionId, partId, parsed, user, actor, 'offline_batch');
        results.push({ index, result: answer.outcome === 'checked_in' ? 'ok' : 'already', reason: null, answer });
      } catch (error) {
        if (!(error instanceof ProblemException) || error.getStatus() >= 500) throw error;
        if (error instanceof RequestValidationException) {
          const errors = (error.extensions.errors ?? []).map((e) => ({ ...e, path: `items.${index}.${e.path}` }));
          results.push({ index, result: 'error', reason: 'invalid', errors, answer: null });
          continue;
        }
        // A part that does not exist (or a permission) is the same for every item: answer the batch.
        if (error.getStatus() === HttpStatus.NOT_FOUND || error.getStatus() === HttpStatus.FORBIDDEN) throw error;
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

  async markAbsence(
    sessionId: number,
    partId: number,
    input: AbsenceDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<AttendanceRecordDto> {
    this.requireRecorder(user, sessionId);
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
    part: ScanPartRow,
    input: ScanDto,
    user: AuthUser,
    actor: AuditActor,
    method: 'code' | 'offline_batch',
  ): Promise<ScanAnswerDto | ScanRefused> {
    const presented = input.code ?? `registration:${input.registrationId}`;
    const refuse = async (refusal: ScanRefused | ScanFailureReason) => {
      const refused = typeof refusal === 'string' ? new ScanRefused(refusal) : refusal;
      await this.attendance.recordFailure(
        manager,
        Number(part.id),
        presented,
        refused.reason,
        input.scannedAt ?? null,
        user.id,
      );
      return refused;
    };
    const at = scanTime(input.scannedAt);
    const outside = windowRefusal(part, at);
    if (outside) return refuse(outside);
    const target = await this.resolve(manager, input);
    if (!target && input.code !== undefined) {
      const retired = await this.attendance.retiredCode(manager, input.code);
      if (retired && Number(retired.session_id) === sessionId) {
        return refuse(
          new ScanRefused('retired_code', {
            registrationId: Number(retired.registration_id),
            retiredAt: new Date(retired.retired_at).toISOString(),
          }),
        );
      }
    }
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
      checkedInAt: at,
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

  /**
   * The check-in code of a registration, for its own province delegate or the session staff
   * (anyone else gets 404: existence is not disclosed). A person who is not (or no longer)
   * confirmed has no usable code: 409 says why instead of pretending the code does not exist.
   */
  async checkInCode(registrationId: number, user: AuthUser): Promise<string> {
    const row = await this.attendance.codeOf(this.dataSource.manager, registrationId);
    const access = row ? accessFor(user, Number(row.session_id)) : null;
    if (!row || !access || (access.kind === 'delegate' && access.provinceId !== row.province_id))
      throw notFound('Registration', registrationId);
    if (row.status === 'pending' || row.status === 'waitlisted') {
      throw conflict(
        'not-confirmed',
        `Registration ${registrationId} is ${row.status}, not confirmed yet (chưa được xác nhận): ` +
          'its check-in code is issued when it is confirmed',
        { registrationStatus: row.status, reason: 'chưa được xác nhận' },
      );
    }
    if (row.status !== 'confirmed' || !row.check_in_code) {
      throw conflict(
        'registration-closed',
        `Registration ${registrationId} is ${row.status}: it has no check-in code any more`,
        { registrationStatus: row.status },
      );
    }
    return row.check_in_code;
  }

  private requireRecorder(user: AuthUser, sessionId: number) {
    requireRecorder(user, sessionId);
  }
}

/** One offline item, validated as the request body of a single scan would be; field errors otherwise. */
async function parseScanItem(raw: unknown, path: string): Promise<ScanDto | FieldError[]> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [{ path, message: 'must be an object' }];
  const item = plainToInstance(ScanDto, raw);
  const errors = await validate(item, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  return errors.length > 0 ? flattenValidationErrors(errors, path) : item;
}
