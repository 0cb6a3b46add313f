import { Module } from '@nestjs/common';
import { AccountsCoreModule } from '@app/accounts';
import { AttendanceExportService } from './attendance-export';
import { AttendanceExportController } from './attendance-export.controller';
import { AttendanceRecordsService } from './attendance-records.service';
import { AttendanceController } from './attendance.controller';
import { AttendanceRepository } from './attendance.repository';
import { CheckInCodeController } from './check-in-code.controller';
import { CheckInCodeService } from './check-in-code.service';
import { CheckInService } from './check-in.service';
import { PartsRepository } from './parts.repository';
import { PartsService } from './parts.service';
import { StatisticsService } from './statistics.service';
import { WalkInService } from './walk-in.service';

@Module({
  imports: [AccountsCoreModule],
  controllers: [AttendanceController, AttendanceExportController, CheckInCodeController],
  providers: [
    AttendanceRepository,
    PartsRepository,
    CheckInService,
    AttendanceRecordsService,
    CheckInCodeService,
    PartsService,
    WalkInService,
    StatisticsService,
    AttendanceExportService,
  ],
})
export class AttendanceModule {}
