import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditActor, AuditLogWriter, AuthUser, requireAccess } from '@app/accounts';
import { AppConfig, conflict, notFound, RequestValidationException } from '@app/common';
import { normalisePhone, personKey } from '@app/registration';
import { mapRecord } from './attendance.mapper';
import { AttendanceRepository } from './attendance.repository';
import { checkInGrace, refusalProblem, windowRefusal } from './check-in.rules';
import { AttendanceRecordDto, WalkInDto } from './dto/attendance.dto';

/** Walk-ins: people who came without registering, recorded by the session's staff within the check-in window. */
@Injectable()
export class WalkInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attendance: AttendanceRepository,
    private readonly audit: AuditLogWriter,
    private readonly config: AppConfig,
  ) {}

  private get grace() {
    return checkInGrace(this.config);
  }

  /**
   * Someone who came without registering. The same person is one walk-in per session (a second
   * part reuses the record; the same part again is refused), and a confirmed registration of
   * the session is checked in as such, not again as a walk-in: both answered 409 naming the record.
   */
  async walkIn(
    sessionId: number,
    partId: number,
    input: WalkInDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<AttendanceRecordDto> {
    requireAccess(user, { session: sessionId, action: 'attendance.record' });
    return this.dataSource.transaction(async (manager) => {
      const part = await this.attendance.scanPart(manager, sessionId, partId, this.grace);
      if (!part) throw notFound('Session part', partId);
      const outside = windowRefusal(part, new Date());
      if (outside) throw refusalProblem(outside.reason, outside.extensions);
      if (input.provinceId !== undefined && !(await this.attendance.provinceExists(manager, input.provinceId))) {
        throw new RequestValidationException([
          { path: 'provinceId', message: `province ${input.provinceId} does not exist` },
        ]);
      }
      await this.attendance.lockWalkIns(manager, sessionId);
      const nameKey = personKey(input.fullName);
      const phone = normalisePhone(input.phone);
      // Same person: same folded name and, when both sides have one, the same phone; without a
      // phone, the same province when both sides name one.
      const samePerson = (other: { phone: string | null; provinceId: number | null }) =>
        phone && other.phone
          ? phone === other.phone
          : input.provinceId === undefined || other.provinceId === null || input.provinceId === other.provinceId;

      const registered = (await this.attendance.confirmedNamed(manager, sessionId, nameKey)).find((row) =>
        samePerson({ phone: row.phone_normalised, provinceId: row.province_id }),
      );
      if (registered) {
        const standing = await this.attendance.standing(manager, partId, Number(registered.id));
        throw conflict(
          'registered-person',
          standing?.status === 'present'
            ? `${registered.full_name} is registered (registration ${registered.id}) and already checked in for this part (record ${standing.id})`
            : `${registered.full_name} is registered (registration ${registered.id}): check them in with their code or registration id, not as a walk-in`,
          { registrationId: Number(registered.id), attendanceId: standing ? Number(standing.id) : null },
        );
      }
      const existing = (await this.attendance.walkIns(manager, sessionId)).find(
        (row) =>
          personKey(row.full_name) === nameKey &&
          samePerson({ phone: normalisePhone(row.phone), provinceId: row.province_id }),
      );
      if (existing) {
        const standing = await this.attendance.walkInStanding(manager, partId, Number(existing.id));
        if (standing) {
          throw conflict(
            'walk-in-exists',
            `${existing.full_name} is already recorded as a walk-in for this part (record ${standing.id})`,
            { walkInId: Number(existing.id), attendanceId: Number(standing.id) },
          );
        }
      }
      const walkInId =
        existing !== undefined
          ? Number(existing.id)
          : await this.attendance.insertWalkIn(
              manager,
              sessionId,
              {
                fullName: input.fullName,
                provinceId: input.provinceId ?? null,
                agency: input.agency,
                position: input.position ?? null,
                phone: input.phone ?? null,
              },
              user.id,
            );
      const id = await this.attendance.insertWalkInAttendance(manager, partId, walkInId, user.id);
      await this.audit.record(manager, {
        ...actor,
        action: 'attendance.walk_in',
        entityType: 'attendance',
        entityId: id,
        after: { ...input, walkInId },
      });
      return mapRecord((await this.attendance.record(manager, id))!);
    });
  }
}
