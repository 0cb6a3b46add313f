import { Module } from '@nestjs/common';
import { SessionCalendarController } from './calendar/session-calendar.controller';
import { SessionCalendarRepository } from './calendar/session-calendar.repository';
import { SessionCalendar } from './calendar/session-calendar.service';

/**
 * The iCal feed. The CSV / XLSX / PDF writers are plain functions (see index.ts): the features
 * that export (attendance) call them with their own rows, and need not import this module.
 */
@Module({
  controllers: [SessionCalendarController],
  providers: [SessionCalendarRepository, SessionCalendar],
})
export class ExportsModule {}
