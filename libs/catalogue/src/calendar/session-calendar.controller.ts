import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { attachmentHeader, ICAL_CONTENT_TYPE } from '@app/exports';
import { CALENDAR_FILENAME, SessionCalendar } from './session-calendar.service';

@ApiTags('exports')
@Controller()
export class SessionCalendarController {
  constructor(private readonly calendar: SessionCalendar) {}

  /** Public, like the published catalogue it mirrors. */
  @Get('sessions.ics')
  // Calendar apps subscribe without credentials: documented as anonymous.
  @ApiSecurity({})
  @Header('Content-Type', ICAL_CONTENT_TYPE)
  @Header('Content-Disposition', attachmentHeader(CALENDAR_FILENAME))
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary: 'iCal feed of published sessions (all-day events; sessions known only to the month or year are left out)',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'RFC 5545 VCALENDAR', schema: { type: 'string' } })
  feed(): Promise<string> {
    return this.calendar.feed();
  }
}
