import { Injectable } from '@nestjs/common';
import { buildCalendar, CalendarEvent } from '@app/exports';
import { CalendarSessionRow, SessionCalendarRepository } from './session-calendar.repository';

/** Domain part of event UIDs; the same host the problem types name. Never change it: UIDs must be stable. */
export const CALENDAR_UID_DOMAIN = 'ttdn.example.gov.vn';
export const CALENDAR_NAME = 'Hội nghị tập huấn thông tin đối ngoại';
export const CALENDAR_FILENAME = 'Lịch hội nghị tập huấn.ics';

const PART_OF_DAY: Record<string, string> = {
  morning: 'Buổi sáng',
  afternoon: 'Buổi chiều',
  evening: 'Buổi tối',
  full_day: 'Cả ngày',
};
const FORMAT: Record<string, string> = {
  in_person: 'Hình thức: trực tiếp',
  online: 'Hình thức: trực tuyến',
  hybrid: 'Hình thức: trực tiếp kết hợp trực tuyến',
};

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase();

/** Venue, then the host province unless the venue already names it ("... tỉnh Hòa Bình"). */
export function locationOf(row: Pick<CalendarSessionRow, 'venue_name' | 'host_province_name'>): string | null {
  const venue = row.venue_name?.trim();
  const province = row.host_province_name?.trim();
  if (venue && province && fold(venue).includes(fold(province))) return venue;
  return [venue, province].filter(Boolean).join(', ') || null;
}

export function toCalendarEvent(row: CalendarSessionRow): CalendarEvent {
  const description = [
    row.part_of_day ? PART_OF_DAY[row.part_of_day] : undefined,
    FORMAT[row.format],
    row.venue_address ? `Địa chỉ: ${row.venue_address}` : undefined,
  ]
    .filter(Boolean)
    .join('\n');
  return {
    uid: `session-${row.id}@${CALENDAR_UID_DOMAIN}`,
    summary: row.title,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    precision: row.date_precision,
    location: locationOf(row),
    description: description || null,
    cancelled: row.status === 'cancelled',
    lastModified: row.updated_at,
  };
}

/** The iCal feed of published sessions: which sessions, and how a session reads in a calendar. */
@Injectable()
export class SessionCalendar {
  constructor(private readonly sessions: SessionCalendarRepository) {}

  async feed(): Promise<string> {
    const rows = await this.sessions.published();
    return buildCalendar(rows.map(toCalendarEvent), {
      name: CALENDAR_NAME,
      description: 'Các hội nghị, lớp tập huấn đã công bố (sự kiện chỉ biết tháng hoặc năm không có trong lịch).',
    });
  }
}
