import { Module } from '@nestjs/common';
import { AccountsCoreModule } from '@app/accounts';
import { AttendanceExportService } from './attendance-export';
import { AttendanceController } from './attendance.controller';
import { AttendanceRepository } from './attendance.repository';
import { AttendanceService } from './attendance.service';
import { PartsService } from './parts.service';
import { StatisticsService } from './statistics.service';
import { WalkInService } from './walk-in.service';

@Module({
  imports: [AccountsCoreModule],
  controllers: [AttendanceController],
  providers: [
    AttendanceRepository,
    AttendanceService,
    PartsService,
    WalkInService,
    StatisticsService,
    AttendanceExportService,
  ],
})
export class AttendanceModule {}
