import { buildCalendar, CalendarEvent, escapeText, foldLine, nextDay } from './ical';

/** RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab is removed. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

const base: CalendarEvent = {
  uid: 'session-1@ttdn.example.gov.vn',
  summary: 'Hội nghị tập huấn công tác thông tin đối ngoại năm 2025',
  startsOn: '2025-03-08',
  endsOn: '2025-03-08',
  precision: 'day',
  location: 'Đại học Quốc gia Thành phố Hồ Chí Minh, Hồ Chí Minh',
  lastModified: new Date('2025-03-09T01:02:03.456Z'),
};

describe('iCal', () => {
  it('escapes backslash, semicolon, comma and line breaks', () => {
    expect(escapeText('a\\b;c,d\r\ne\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('folds at 75 octets without splitting a multi-byte letter', () => {
    const line = `SUMMARY:${'Hội nghị tập huấn thông tin đối ngoại và nhân quyền '.repeat(4)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(2);
    for (const [index, part] of physical.entries()) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      if (index > 0) expect(part.startsWith(' ')).toBe(true);
      // Each physical line is valid UTF-8 on its own (no letter cut in half).
      expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
      expect(part).not.toContain('\uFFFD');
    }
    expect(unfold(folded)).toBe(line);
    // Three-octet letters right at the boundary.
    const tight = 'X:' + 'ệ'.repeat(60);
    for (const part of foldLine(tight).split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(unfold(foldLine(tight))).toBe(tight);
    // Astral characters (surrogate pairs) stay whole.
    const astral = 'X:' + '𝔸'.repeat(40);
    expect(unfold(foldLine(astral))).toBe(astral);
    expect(foldLine(astral)).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('leaves short lines alone', () => {
    expect(foldLine('BEGIN:VCALENDAR')).toBe('BEGIN:VCALENDAR');
    expect(foldLine('A'.repeat(75))).toBe('A'.repeat(75));
    expect(foldLine('A'.repeat(76))).toBe(`${'A'.repeat(75)}\r\n A`);
  });

  it('knows the day after, across months, leap days and years', () => {
    expect(nextDay('2025-03-08')).toBe('2025-03-09');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2023-12-31')).toBe('2024-01-01');
  });

  it('writes all-day events with an exclusive DTEND, DTSTAMP, UID and CRLF line ends', () => {
    const text = buildCalendar(
      [
        base,
        {
          ...base,
          uid: 'session-2@ttdn.example.gov.vn',
          summary: 'Tập huấn hai ngày; thảo luận, hỏi đáp',
          startsOn: '2024-08-07',
          endsOn: '2024-08-08',
          description: 'Buổi sáng\nHình thức: trực tiếp',
          url: 'https://ttdn.example.gov.vn/sessions/2',
          cancelled: true,
        },
      ],
      { name: 'Lịch tập huấn', description: 'Các sự kiện, đã công bố' },
    );
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(text).split('\r\n').slice(0, -1);
    expect(lines.slice(0, 7)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//ttdn-training//Thong tin doi ngoai training calendar//VI',
      'CALSCALE:GREGORIAN',
      'X-WR-CALNAME:Lịch tập huấn',
      'X-WR-TIMEZONE:Asia/Ho_Chi_Minh',
      'X-WR-CALDESC:Các sự kiện\\, đã công bố',
    ]);
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2);
    const first = lines.slice(lines.indexOf('BEGIN:VEVENT'), lines.indexOf('END:VEVENT') + 1);
    expect(first).toEqual([
      'BEGIN:VEVENT',
      'UID:session-1@ttdn.example.gov.vn',
      'DTSTAMP:20250309T010203Z',
      'LAST-MODIFIED:20250309T010203Z',
      'DTSTART;VALUE=DATE:20250308',
      'DTEND;VALUE=DATE:20250309',
      'SUMMARY:Hội nghị tập huấn công tác thông tin đối ngoại năm 2025',
      'LOCATION:Đại học Quốc gia Thành phố Hồ Chí Minh\\, Hồ Chí Minh',
      'STATUS:CONFIRMED',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        'DTSTART;VALUE=DATE:20240807',
        'DTEND;VALUE=DATE:20240809',
        'SUMMARY:Tập huấn hai ngày\\; thảo luận\\, hỏi đáp',
        'DESCRIPTION:Buổi sáng\\nHình thức: trực tiếp',
        'URL:https://ttdn.example.gov.vn/sessions/2',
        'STATUS:CANCELLED',
      ]),
    );
    for (const physical of text.split('\r\n')) expect(Buffer.byteLength(physical)).toBeLessThanOrEqual(75);
  });

  it('leaves out events known only to the month or the year', () => {
    const text = buildCalendar(
      [
        { ...base, uid: 'year@x', startsOn: '2024-01-01', endsOn: '2024-12-31', precision: 'year' },
        { ...base, uid: 'month@x', startsOn: '2024-05-01', endsOn: '2024-05-31', precision: 'month' },
        base,
      ],
      { name: 'x' },
    );
    expect(text).not.toContain('year@x');
    expect(text).not.toContain('month@x');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it('refuses a URL with a line break in it', () => {
    expect(() => buildCalendar([{ ...base, url: 'not a url\r\nX-EVIL:1' }], { name: 'x' })).toThrow();
  });
});
