import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser, requireAccess } from '@app/accounts';
import { conflict, notFound } from '@app/common';
import { AttendanceRepository } from './attendance.repository';

/** The check-in code (shown as a QR) of one registration. */
@Injectable()
export class CheckInCodeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attendance: AttendanceRepository,
  ) {}

  /**
   * The check-in code of a registration, for its own province delegate or the session staff
   * (anyone else gets 404: existence is not disclosed). A person who is not (or no longer)
   * confirmed has no usable code: 409 says why instead of pretending the code does not exist.
   */
  async checkInCode(registrationId: number, user: AuthUser): Promise<string> {
    const row = await this.attendance.codeOf(this.dataSource.manager, registrationId);
    if (!row) throw notFound('Registration', registrationId);
    requireAccess(user, {
      session: row.session_id,
      action: 'registration.check-in-code',
      province: row.province_id,
      resource: { what: 'Registration', id: registrationId },
    });
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
}
