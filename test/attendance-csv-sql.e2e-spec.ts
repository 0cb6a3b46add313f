import { Readable } from 'node:stream';
import { ATTENDANCE_COLUMNS, type AttendanceLine } from '@app/attendance';
import { csvStream, formatIsoDateTime, neutraliseFormula, sqlLabel, sqlLocalDateTime, sqlSafeText } from '@app/exports';
import {
  bearer,
  binary,
  createUserWithRole,
  db,
  delegateOf,
  fromNow,
  HOUR,
  loginAs,
  openRegistration,
  provincesNamed,
  startTestApp,
  TestApp,
  vnDayFromNow,
} from './support/fixtures';

/**
 * The attendance CSV is formatted by PostgreSQL (COPY); the JS writer (csvStream) is the
 * reference it must match byte for byte: NFC text, formula neutralisation, empty cells for NULL
 * and '', Việt Nam wall-clock times, CRLF record ends, RFC 4180 quoting.
 */
describe('attendance CSV formatted in SQL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const TEXTS = [
    'Nguyễn Thị Hồng Nhung'.normalize('NFD'),
    'Đặng Văn Đức',
    '=HYPERLINK("http://evil.example")',
    '+84 912 345 678',
    '-1',
    '@SUM(A1)',
    '\tcmd',
    '\rcmd',
    "'already quoted",
    ' =not at the start',
    'a,b',
    'line\nbreak',
    '',
    null,
  ];

  it('neutralises formulas, writes NFC and leaves NULL and empty text empty, as the JS writer', async () => {
    for (const text of TEXTS) {
      const [{ v }] = await db(t).query(`SELECT ${sqlSafeText('$1::text')} AS v`, [text]);
      const expected = text === null || text === '' ? null : neutraliseFormula(text.normalize('NFC'));
      expect({ text, v }).toEqual({ text, v: expected });
    }
  });

  it('writes timestamps as Việt Nam wall-clock time, as formatIsoDateTime', async () => {
    // Around the clock, so some instants fall on another calendar day in Việt Nam than in UTC.
    for (const offset of [0, 3, 7, 11, 17, 19, 23].map((hours) => fromNow(hours * HOUR))) {
      const instant = new Date(offset);
      const [{ v }] = await db(t).query(`SELECT ${sqlLocalDateTime('$1::timestamptz')} AS v`, [instant]);
      expect(v).toBe(formatIsoDateTime(instant, 'Asia/Ho_Chi_Minh'));
    }
    const [{ v }] = await db(t).query(`SELECT ${sqlLocalDateTime('NULL::timestamptz')} AS v`);
    expect(v).toBeNull();
  });

  it('maps codes to Vietnamese labels, keeping or dropping unknown codes as asked', async () => {
    const labels = { present: 'Có mặt', excused: 'Vắng có phép' };
    const [row] = await db(t).query(
      `SELECT ${sqlLabel("'present'", labels)} AS a, ${sqlLabel("'gone'", labels)} AS b, ${sqlLabel("'gone'", labels, "'gone'")} AS c`,
    );
    expect(row).toEqual({ a: 'Có mặt', b: null, c: 'gone' });
  });

  it('downloads the same bytes the JS CSV writer makes from the same rows', async () => {
    const [tuyenQuang] = await provincesNamed(t, 'Tuyên Quang');
    const user = await createUserWithRole(t, { role: 'organiser' });
    const organiser = await loginAs(t, user.email, user.password);
    const sessionId: number = (
      await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(organiser))
        .send({ title: 'Tập huấn CSV', kind: 'training_conference', startsOn: vnDayFromNow(0) })
        .expect(201)
    ).body.id;
    await openRegistration(t, organiser, sessionId, {
      provinceIds: [tuyenQuang.id],
      quotas: [{ provinceId: tuyenQuang.id, quota: 20 }],
    });
    const partId: number = (
      await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/parts`)
        .set(bearer(organiser))
        .send({ label: 'Buổi sáng', startsAt: fromNow(-HOUR), endsAt: fromNow(HOUR) })
        .expect(201)
    ).body.id;
    const people = [
      { name: 'Nguyễn Văn An', agency: 'Sở Ngoại vụ' },
      { name: 'Trần Thị Bình', agency: 'Báo Tuyên Quang' },
      { name: 'Lê Văn Cường', agency: 'Ban Tuyên giáo' },
    ];
    const delegate = await delegateOf(t, tuyenQuang);
    const ids: number[] = [];
    for (const [index, person] of people.entries()) {
      const res = await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/registrations`)
        .set(bearer(delegate))
        .send({ fullName: person.name, agency: person.agency, phone: `093100000${index}` })
        .expect(201);
      ids.push(res.body.id);
    }
    // What the API would not let in, written straight to the rows: decomposed text, formula-like
    // and empty cells, a quote and a line break inside a field, a gender, a check-out time.
    await db(t).query(
      `UPDATE registration SET full_name = $2, agency = $3, position = '', gender = 'female' WHERE id = $1`,
      [ids[0], 'Nguyễn Văn An'.normalize('NFD'), '\tSở "Ngoại" vụ'],
    );
    await db(t).query(`UPDATE registration SET position = '-Phó', agency = $2 WHERE id = $1`, [
      ids[1],
      'Báo\nTuyên Quang, số 1',
    ]);
    await db(t).query(
      `INSERT INTO attendance (part_id, registration_id, status, method, checked_in_at, checked_out_at, reason)
       VALUES ($1, $2, 'present', 'manual', now() - interval '50 minutes', now() - interval '3 minutes', NULL),
              ($1, $3, 'excused', 'manual', NULL, NULL, '@ốm')`,
      [partId, ids[0], ids[1]],
    );

    const res = await t
      .http()
      .get(`/api/v1/sessions/${sessionId}/attendance.csv`)
      .set(bearer(organiser))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const downloaded = (res.body as Buffer).toString('utf8');

    const rows: AttendanceLine[] = await db(t).query(
      `SELECT p.name AS province, r.full_name, r.gender, r.position, r.agency, sp.label AS part,
              coalesce(a.status, 'not_recorded') AS status, a.checked_in_at, a.checked_out_at, a.reason AS note,
              'r' || r.id AS person_key
         FROM registration r JOIN province p ON p.id = r.province_id
         JOIN session_part sp ON sp.session_id = r.session_id
         LEFT JOIN attendance a ON a.part_id = sp.id AND a.registration_id = r.id AND a.undone_at IS NULL
        WHERE r.session_id = $1`,
      [sessionId],
    );
    let expected = '';
    for await (const piece of csvStream(rows, ATTENDANCE_COLUMNS) as Readable) expected += String(piece);
    // Same header first, then the same records (the order is the export's; compared as sets here).
    const records = (text: string) => text.split(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    const [downloadedHeader, ...downloadedRecords] = records(downloaded);
    const [expectedHeader, ...expectedRecords] = records(expected);
    expect(downloadedHeader).toBe(expectedHeader);
    expect(downloadedRecords.sort()).toEqual(expectedRecords.sort());
    expect(downloadedRecords).toHaveLength(people.length + 1); // and the trailing ''
    expect(downloaded).toContain('"Báo\nTuyên Quang, số 1"');
    expect(downloaded).toContain(`'\tSở ""Ngoại"" vụ`);
  });
});
