export { AttendanceModule } from './attendance.module';
export { ATTENDANCE_COLUMNS, type AttendanceLine } from './attendance-export';
