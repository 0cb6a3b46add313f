import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter, AuthUser, requireAccess } from '@app/accounts';
import { conflict, FieldError, notFound, RequestValidationException, vietnamDay } from '@app/common';
import type { PartRow } from './attendance.repository';
import { PartsRepository } from './parts.repository';
import { CreatePartDto, PartDto, UpdatePartDto } from './dto/attendance.dto';

export const mapPart = (row: PartRow): PartDto => ({
  id: Number(row.id),
  sessionId: Number(row.session_id),
  position: row.position,
  label: row.label,
  startsAt: new Date(row.starts_at).toISOString(),
  endsAt: new Date(row.ends_at).toISOString(),
});

/** DD/MM/YYYY, as Vietnamese users read a date in a message. */
const dayText = (isoDay: string) => isoDay.split('-').reverse().join('/');

/**
 * Session parts (buổi): the units attendance is recorded in. Organisers and the coordinators of
 * the session define them (coordinators run the day and know when each half-day really starts);
 * a part lies within the session's dates, and a part with attendance on file is not removed.
 */
@Injectable()
export class PartsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly parts: PartsRepository,
    private readonly audit: AuditLogWriter,
  ) {}

  async list(sessionId: number, user: AuthUser): Promise<PartDto[]> {
    this.requireManager(user, sessionId);
    return (await this.parts.parts(this.dataSource.manager, sessionId)).map(mapPart);
  }

  async add(sessionId: number, input: CreatePartDto, user: AuthUser, actor: AuditActor): Promise<PartDto> {
    this.requireManager(user, sessionId);
    return this.dataSource.transaction(async (manager) => {
      await this.checkTimes(manager, sessionId, input.startsAt, input.endsAt);
      const part = await this.parts.addPart(manager, sessionId, input.label, input.startsAt, input.endsAt);
      await this.audit.record(manager, {
        ...actor,
        action: 'session_part.created',
        entityType: 'session_part',
        entityId: part.id,
        after: mapPart(part),
      });
      return mapPart(part);
    });
  }

  async update(
    sessionId: number,
    partId: number,
    input: UpdatePartDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<PartDto> {
    this.requireManager(user, sessionId);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.parts.lockPart(manager, sessionId, partId);
      if (!before) throw notFound('Session part', partId);
      const merged = {
        label: input.label ?? before.label,
        startsAt: input.startsAt ?? new Date(before.starts_at).toISOString(),
        endsAt: input.endsAt ?? new Date(before.ends_at).toISOString(),
      };
      await this.checkTimes(manager, sessionId, merged.startsAt, merged.endsAt);
      const after = await this.parts.updatePart(manager, partId, merged);
      await this.audit.record(manager, {
        ...actor,
        action: 'session_part.updated',
        entityType: 'session_part',
        entityId: partId,
        before: mapPart(before),
        after: mapPart(after),
      });
      return mapPart(after);
    });
  }

  async remove(sessionId: number, partId: number, user: AuthUser, actor: AuditActor): Promise<void> {
    this.requireManager(user, sessionId);
    await this.dataSource.transaction(async (manager) => {
      const part = await this.parts.lockPart(manager, sessionId, partId);
      if (!part) throw notFound('Session part', partId);
      // Attendance rows point at the part (and an undone one is still evidence): keep the part.
      if (await this.parts.partHasAttendance(manager, partId)) {
        throw conflict(
          'part-has-attendance',
          `Part ${partId} ("${part.label}") already has attendance on file and cannot be removed; correct its label or times instead`,
          { partId },
        );
      }
      await this.parts.deletePart(manager, partId);
      await this.audit.record(manager, {
        ...actor,
        action: 'session_part.deleted',
        entityType: 'session_part',
        entityId: partId,
        before: mapPart(part),
      });
    });
  }

  /** Ends after start, and both within the session's days as Việt Nam reads them. */
  private async checkTimes(manager: EntityManager, sessionId: number, startsAt: string, endsAt: string) {
    const session = await this.parts.sessionDates(manager, sessionId);
    if (!session) throw notFound('Session', sessionId);
    // A session known from a report without its year has no days to hold a part.
    if (!session.starts_on || !session.ends_on) {
      throw conflict('session-undated', `Session ${sessionId} has no known dates; give it its date first`);
    }
    const starts = new Date(startsAt);
    const ends = new Date(endsAt);
    const errors: FieldError[] = [];
    if (ends <= starts) errors.push({ path: 'endsAt', message: 'must be after startsAt' });
    const range = `${dayText(session.starts_on)}–${dayText(session.ends_on)}`;
    if (vietnamDay(starts) < session.starts_on || vietnamDay(starts) > session.ends_on) {
      errors.push({ path: 'startsAt', message: `must fall within the session's dates (${range})` });
    }
    if (vietnamDay(ends) < session.starts_on || vietnamDay(ends) > session.ends_on) {
      errors.push({ path: 'endsAt', message: `must fall within the session's dates (${range})` });
    }
    if (errors.length > 0) throw new RequestValidationException(errors);
  }

  private requireManager(user: AuthUser, sessionId: number) {
    requireAccess(user, { session: sessionId, action: 'attendance.parts' });
  }
}
