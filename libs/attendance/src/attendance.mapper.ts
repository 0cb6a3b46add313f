import type { AttendanceRow } from './attendance.repository';
import type { AttendanceRecordDto } from './dto/attendance.dto';

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
