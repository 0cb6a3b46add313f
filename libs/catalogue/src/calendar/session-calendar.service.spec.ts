import { CalendarSessionRow } from './session-calendar.repository';
import { locationOf, SessionCalendar, toCalendarEvent } from './session-calendar.service';

const row: CalendarSessionRow = {
  id: '7',
  slug: 'tap-huan',
  title: 'Hội nghị tập huấn',
  status: 'completed',
  starts_on: '2024-08-07',
  ends_on: '2024-08-07',
  date_precision: 'day',
  part_of_day: 'morning',
  format: 'hybrid',
  venue_name: 'Trung tâm Thông tin - Hội nghị tỉnh Hòa Bình',
  venue_address: null,
  host_province_name: 'Hòa Bình',
  updated_at: new Date('2025-01-02T03:04:05Z'),
};

describe('session calendar', () => {
  it('names the host province after the venue unless the venue already does', () => {
    expect(locationOf(row)).toBe('Trung tâm Thông tin - Hội nghị tỉnh Hòa Bình');
    expect(locationOf({ venue_name: 'Nhà hát Lớn', host_province_name: 'Hà Nội' })).toBe('Nhà hát Lớn, Hà Nội');
    expect(locationOf({ venue_name: 'Nha hat Da Nang', host_province_name: 'Đà Nẵng' })).toBe('Nha hat Da Nang');
    expect(locationOf({ venue_name: null, host_province_name: 'Hà Nội' })).toBe('Hà Nội');
    expect(locationOf({ venue_name: null, host_province_name: null })).toBeNull();
  });

  it('maps a session row to an all-day event', () => {
    expect(toCalendarEvent({ ...row, status: 'cancelled', venue_address: 'Số 1, đường X' })).toEqual({
      uid: 'session-7@ttdn.example.gov.vn',
      summary: 'Hội nghị tập huấn',
      startsOn: '2024-08-07',
      endsOn: '2024-08-07',
      precision: 'day',
      location: 'Trung tâm Thông tin - Hội nghị tỉnh Hòa Bình',
      description: 'Buổi sáng\nHình thức: trực tiếp kết hợp trực tuyến\nĐịa chỉ: Số 1, đường X',
      cancelled: true,
      lastModified: row.updated_at,
    });
  });

  it('builds the feed from the repository rows, leaving out year-only sessions', async () => {
    const calendar = new SessionCalendar({
      published: async () => [
        row,
        { ...row, id: '8', date_precision: 'year', starts_on: '2024-01-01', ends_on: '2024-12-31' },
      ],
    } as never);
    const text = await calendar.feed();
    expect(text).toContain('UID:session-7@ttdn.example.gov.vn');
    expect(text).not.toContain('session-8@');
  });
});
