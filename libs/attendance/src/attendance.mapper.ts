import type { AttendanceRow, ScanTarget } from './attendance.repository';
import type { AttendanceRecordDto, ScanAnswerDto } from './dto/attendance.dto';

// Built once: constructing an Intl.DateTimeFormat per scan showed in the check-in profile.
const LOCAL_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const localTime = (at: Date) => LOCAL_TIME.format(at);

export const mapRecord = (row: AttendanceRow): AttendanceRecordDto => ({
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

/** The answer to a scan: the outcome, the time in Việt Nam, and whom it admitted. */
export function mapScanAnswer(
  outcome: 'checked_in' | 'already',
  attendanceId: number,
  at: Date,
  target: ScanTarget,
): ScanAnswerDto {
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
