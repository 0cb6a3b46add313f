import { query, startTestApp, TestApp } from './support/fixtures';

/** RFC 5545 §3.1 unfolding. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

/** Each VEVENT as a map of property name (with parameters) to value. */
function events(text: string): Map<string, string>[] {
  const result: Map<string, string>[] = [];
  let current: Map<string, string> | undefined;
  for (const line of unfold(text).split('\r\n')) {
    if (line === 'BEGIN:VEVENT') current = new Map();
    else if (line === 'END:VEVENT') {
      result.push(current!);
      current = undefined;
    } else if (current) {
      const colon = line.indexOf(':');
      current.set(line.slice(0, colon), line.slice(colon + 1));
    }
  }
  return result;
}

describe('exports: GET /sessions.ics', () => {
  let t: TestApp;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    await query(
      t,
      `INSERT INTO training_session (slug, title, kind, status, starts_on, ends_on, date_precision, venue_name)
       VALUES ('ban-nhap-2026', 'Bản nháp chưa công bố', 'training_conference', 'draft', '2026-05-04', '2026-05-04', 'day', 'Hà Nội'),
              ('lop-bi-huy-2026', 'Lớp tập huấn; hai ngày, đã hủy', 'training_conference', 'cancelled',
               '2026-06-30', '2026-07-01', 'day', 'Hội trường A, Hà Nội')`,
    );
    const rows: { id: string; slug: string }[] = await query(t, `SELECT id, slug FROM training_session`);
    ids = Object.fromEntries(rows.map((row) => [row.slug, row.id]));
  });
  afterAll(() => t.close());

  it('serves a calendar attachment without signing in', async () => {
    const res = await t.http().get('/api/v1/sessions.ics').expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Lich hoi nghi tap huan.ics"; ` +
        `filename*=UTF-8''L%E1%BB%8Bch%20h%E1%BB%99i%20ngh%E1%BB%8B%20t%E1%BA%ADp%20hu%E1%BA%A5n.ics`,
    );
    expect(res.text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(res.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(res.text).toContain('X-WR-TIMEZONE:Asia/Ho_Chi_Minh');
    for (const line of res.text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('lists the seeded sessions known to the day, with accurate all-day dates, and no drafts', async () => {
    const res = await t.http().get('/api/v1/sessions.ics').expect(200);
    const byUid = new Map(events(res.text).map((event) => [event.get('UID')!, event]));
    const uid = (slug: string) => `session-${ids[slug]}@ttdn.example.gov.vn`;

    const hcm = byUid.get(uid('tap-huan-ttdn-2025-hcm'))!;
    expect(hcm.get('DTSTART;VALUE=DATE')).toBe('20250308');
    expect(hcm.get('DTEND;VALUE=DATE')).toBe('20250309');
    expect(hcm.get('SUMMARY')).toMatch(/thông tin đối ngoại/);
    expect(hcm.get('LOCATION')).toBe('Đại học Quốc gia Thành phố Hồ Chí Minh');
    expect(hcm.get('DESCRIPTION')).toContain('Buổi chiều');
    expect(hcm.get('STATUS')).toBe('CONFIRMED');
    expect(hcm.get('DTSTAMP')).toMatch(/^\d{8}T\d{6}Z$/);

    const hoaBinh = byUid.get(uid('tap-huan-ttdn-nq-2024-hoa-binh'))!;
    expect(hoaBinh.get('DTSTART;VALUE=DATE')).toBe('20240807');
    expect(hoaBinh.get('DTEND;VALUE=DATE')).toBe('20240808');
    expect(hoaBinh.get('LOCATION')).toContain('Hòa Bình');

    expect(byUid.get(uid('hoi-nghi-toan-quoc-kl57-2023'))!.get('DTSTART;VALUE=DATE')).toBe('20231011');

    // Known only to the year: left out rather than spread over all of 2024.
    expect(byUid.has(uid('tap-huan-ttdn-nq-2024-da-nang'))).toBe(false);
    // Drafts are never published.
    expect(byUid.has(uid('ban-nhap-2026'))).toBe(false);
    expect(res.text).not.toContain('Bản nháp');

    const published: { n: number }[] = await query(
      t,
      `SELECT count(*)::int AS n FROM training_session WHERE status <> 'draft' AND date_precision = 'day'`,
    );
    expect(byUid.size).toBe(published[0].n);
  });

  it('keeps a cancelled two-day session as CANCELLED with an exclusive end and escaped text', async () => {
    const res = await t.http().get('/api/v1/sessions.ics').expect(200);
    const cancelled = events(res.text).find(
      (event) => event.get('UID') === `session-${ids['lop-bi-huy-2026']}@ttdn.example.gov.vn`,
    )!;
    expect(cancelled.get('STATUS')).toBe('CANCELLED');
    expect(cancelled.get('DTSTART;VALUE=DATE')).toBe('20260630');
    expect(cancelled.get('DTEND;VALUE=DATE')).toBe('20260702');
    expect(cancelled.get('SUMMARY')).toBe('Lớp tập huấn\\; hai ngày\\, đã hủy');
    expect(cancelled.get('LOCATION')).toBe('Hội trường A\\, Hà Nội');
  });

  it('answers the same bytes while nothing changes', async () => {
    const [first, second] = [await t.http().get('/api/v1/sessions.ics'), await t.http().get('/api/v1/sessions.ics')];
    expect(second.text).toBe(first.text);
  });
});
