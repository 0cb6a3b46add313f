import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter, AuthUser, requireAccess } from '@app/accounts';
import {
  AppConfig,
  conflict,
  FieldError,
  flattenValidationErrors,
  notFound,
  ProblemException,
  RequestValidationException,
} from '@app/common';
import { mapScanAnswer } from './attendance.mapper';
import { AttendanceRepository, CheckInGrace, ScanPartRow } from './attendance.repository';
import {
  checkInGrace,
  Refusal,
  refusalProblem,
  ScanFailureReason,
  ScanRefused,
  scanTime,
  windowRefusal,
} from './check-in.rules';
import { BatchAnswerDto, BatchItemResultDto, ScanAnswerDto, ScanDto } from './dto/attendance.dto';

/**
 * Check-in at the door: one record per person and part whatever the number of scans, safe
 * retries by nonce, refused scans kept with their reason, offline batches item by item.
 * Coordinators and organisers of the session (and admins) may record; each check-in is
 * audited in its transaction.
 */
@Injectable()
export class CheckInService {
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
    requireAccess(user, { session: sessionId, action: 'attendance.record' });
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
      return mapScanAnswer('checked_in', Number(row.attendance_id), new Date(row.checked_in_at!), target);
    }
    const standing = await this.attendance.standing(manager, partId, Number(target.id));
    if (!standing || standing.status !== 'present') return undefined;
    return mapScanAnswer('already', Number(standing.id), new Date(standing.checked_in_at!), target);
  }

  /** Offline scans: each item applied (or refused) on its own, in its own transaction. */
  async batch(
    sessionId: number,
    partId: number,
    items: unknown[],
    user: AuthUser,
    actor: AuditActor,
  ): Promise<BatchAnswerDto> {
    requireAccess(user, { session: sessionId, action: 'attendance.record' });
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
    const target = await this.attendance.target(manager, input);
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
      return mapScanAnswer('checked_in', Number(inserted.id), new Date(inserted.checked_in_at), target);
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
    return mapScanAnswer('already', Number(standing.id), new Date(standing.checked_in_at!), target);
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
