export { AttendanceModule } from './attendance.module';
export { ATTENDANCE_COLUMNS } from './attendance-export';
