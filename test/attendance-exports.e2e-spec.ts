import ExcelJS from 'exceljs';
import { readCsv } from '@app/registration';
import { pdfText } from './support/pdf-text';
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
  type Province,
  provincesNamed,
  startTestApp,
  TestApp,
  tokenFor,
  vnDayFromNow,
} from './support/fixtures';

/** Read back with the upload reader (an RFC 4180 reader written independently of the CSV writer). */
const parseCsv = (text: string) => readCsv(text);

/** A cell as the CSV writes it: text as is, a time as Việt Nam wall-clock `YYYY-MM-DD HH:mm`. */
const cellShown = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 16).replace('T', ' ');
  return String(value);
};

describe('attendance exports: CSV, XLSX, PDF sign-in sheet', () => {
  let t: TestApp;
  let organiser: string;
  let coordinator: string;
  let tqDelegate: string;
  let ptDelegate: string;
  let sessionId: number;
  let partId: number;
  let checkedInAtLocal: string;
  let tuyenQuang: Province;
  let phuTho: Province;

  beforeAll(async () => {
    t = await startTestApp();
    [tuyenQuang, phuTho] = await provincesNamed(t, 'Tuyên Quang', 'Phú Thọ');
    organiser = await loginAs(
      t,
      ...(Object.values(await createUserWithRole(t, { role: 'organiser' })).slice(1) as [string, string]),
    );
    const tq = await createUserWithRole(t, { role: 'province_delegate', provinceId: tuyenQuang.id });
    tqDelegate = await loginAs(t, tq.email, tq.password);
    ptDelegate = await delegateOf(t, phuTho);
    sessionId = (
      await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(organiser))
        .send({
          title: 'Hội nghị tập huấn thông tin đối ngoại và nhân quyền',
          kind: 'training_conference',
          // Around today, so that parts an hour either side of now fit at any time of day.
          startsOn: vnDayFromNow(-1),
          endsOn: vnDayFromNow(1),
          venueName: 'Trung tâm Hội nghị tỉnh',
        })
        .expect(201)
    ).body.id;
    coordinator = await tokenFor(t, { role: 'coordinator', sessionId });
    await openRegistration(t, organiser, sessionId, {
      provinceIds: [tuyenQuang.id, phuTho.id],
      quotas: [
        { provinceId: tuyenQuang.id, quota: 10 },
        { provinceId: phuTho.id, quota: 10 },
      ],
    });
    const register = (token: string, fullName: string, agency: string, phone: string, position?: string) =>
      t
        .http()
        .post(`/api/v1/sessions/${sessionId}/registrations`)
        .set(bearer(token))
        .send({ fullName, agency, phone, position })
        .expect(201);
    const nhung = (
      await register(tqDelegate, 'Nguyễn Thị Hồng Nhung', 'Ban Tuyên giáo Tỉnh ủy', '0930000001', 'Phó Trưởng ban')
    ).body;
    await register(tqDelegate, 'Đặng Văn Đức', '=HYPERLINK("http://evil.example","bấm vào")', '0930000002');
    await register(ptDelegate, 'Triệu Thị Mai', 'Báo Phú Thọ', '0930000003', '+Phóng viên');
    partId = (
      await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/parts`)
        .set(bearer(organiser))
        .send({ label: 'Buổi sáng', startsAt: fromNow(-HOUR), endsAt: fromNow(HOUR) })
        .expect(201)
    ).body.id;
    const scan = await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/parts/${partId}/check-ins`)
      .set(bearer(coordinator))
      .send({ registrationId: nhung.id })
      .expect(201);
    checkedInAtLocal = scan.body.checkedInAtLocal;
  });
  afterAll(() => t.close());

  it('serves a CSV with BOM that parses back, neutralises formulas, and names the file in RFC 5987', async () => {
    const res = await t
      .http()
      .get(`/api/v1/sessions/${sessionId}/attendance.csv`)
      .set(bearer(coordinator))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''Danh%20s%C3%A1ch%20%C4%91i%E1%BB%83m%20danh/);
    const text = (res.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([
      'Tỉnh/Thành phố',
      'Họ và tên',
      'Giới tính',
      'Chức vụ',
      'Cơ quan',
      'Buổi',
      'Trạng thái',
      'Giờ đến',
      'Giờ về',
      'Ghi chú',
    ]);
    const byName = Object.fromEntries(rows.slice(1).map((row) => [row[1], row]));
    expect(byName['Nguyễn Thị Hồng Nhung']).toEqual(expect.arrayContaining(['Tuyên Quang', 'Có mặt', 'Buổi sáng']));
    // Times are Việt Nam wall-clock, as on the scanner.
    expect(byName['Nguyễn Thị Hồng Nhung'][7]).toContain(checkedInAtLocal);
    expect(byName['Đặng Văn Đức'][6]).toBe('Chưa điểm danh');
    expect(byName['Đặng Văn Đức'][4].startsWith("'=")).toBe(true);
    expect(byName['Triệu Thị Mai'][3].startsWith("'+")).toBe(true);
    // Rows come grouped by province in Vietnamese order.
    expect(rows.slice(1).map((row) => row[0])).toEqual(['Phú Thọ', 'Tuyên Quang', 'Tuyên Quang']);
  });

  it('serves an XLSX that exceljs reads back, one sheet per province', async () => {
    const res = await t
      .http()
      .get(`/api/v1/sessions/${sessionId}/attendance.xlsx`)
      .set(bearer(organiser))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(expect.arrayContaining(['Phú Thọ', 'Tuyên Quang']));
    const sheet = workbook.getWorksheet('Tuyên Quang')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Họ và tên');
    const values = [2, 3].map((row) => sheet.getRow(row).getCell(2).value);
    expect(values.sort()).toEqual(['Nguyễn Thị Hồng Nhung', 'Đặng Văn Đức'].sort());
    const agencies = [2, 3].map((row) => String(sheet.getRow(row).getCell(5).value));
    expect(agencies.some((agency) => agency.startsWith("'=HYPERLINK"))).toBe(true);
  });

  it('writes the same cells in the CSV (PostgreSQL text) and in the XLSX (PostgreSQL date serials, escaped here)', async () => {
    const download = async (format: 'csv' | 'xlsx') =>
      (
        await t
          .http()
          .get(`/api/v1/sessions/${sessionId}/attendance.${format}`)
          .set(bearer(organiser))
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body as Buffer;
    const csvRows = parseCsv((await download('csv')).toString('utf8').slice(1));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download('xlsx')) as unknown as ArrayBuffer);
    const header = csvRows[0];
    const xlsxRows: string[][] = [];
    for (const province of ['Phú Thọ', 'Tuyên Quang']) {
      const sheet = workbook.getWorksheet(province)!;
      const columns = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
      expect(columns).toEqual(header);
      for (let row = 2; row <= sheet.rowCount; row++) {
        const values = (sheet.getRow(row).values as unknown[]).slice(1);
        if (values.length === 0) continue;
        xlsxRows.push(header.map((_, i) => cellShown(values[i])));
      }
    }
    expect(xlsxRows).toEqual(csvRows.slice(1));
  });

  it('serves a printable PDF sign-in sheet whose text holds the Vietnamese names', async () => {
    const res = await t
      .http()
      .get(`/api/v1/sessions/${sessionId}/attendance.pdf`)
      .set(bearer(coordinator))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(res.body as Buffer)).normalize('NFC');
    for (const expected of [
      'DANH SÁCH ĐIỂM DANH',
      'Nguyễn Thị Hồng Nhung',
      'Đặng Văn Đức',
      'Triệu Thị Mai',
      'Tuyên Quang',
      'Phú Thọ',
      // A whole-session sheet has a column per part; a one-part sheet a signing column.
      'Buổi sáng',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("lets a delegate export only their own province's list", async () => {
    const own = await t
      .http()
      .get(`/api/v1/sessions/${sessionId}/attendance.csv`)
      .set(bearer(ptDelegate))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const rows = parseCsv((own.body as Buffer).toString('utf8').slice(1));
    expect(rows.slice(1).map((row) => row[1])).toEqual(['Triệu Thị Mai']);
    await t
      .http()
      .get(`/api/v1/sessions/${sessionId}/attendance.csv`)
      .set(bearer(ptDelegate))
      .query({ province: tuyenQuang.id })
      .expect(403);
    await t.http().get(`/api/v1/sessions/${sessionId}/attendance.csv`).expect(401);
  });

  it('filters by part and status, and refuses unknown parts', async () => {
    const present = await t
      .http()
      .get(`/api/v1/sessions/${sessionId}/attendance.csv`)
      .set(bearer(coordinator))
      .query({ part: partId, status: 'present' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(
      parseCsv((present.body as Buffer).toString('utf8').slice(1))
        .slice(1)
        .map((row) => row[1]),
    ).toEqual(['Nguyễn Thị Hồng Nhung']);
    await t
      .http()
      .get(`/api/v1/sessions/${sessionId}/attendance.csv`)
      .set(bearer(coordinator))
      .query({ part: 999999 })
      .expect(404);
    await t
      .http()
      .get(`/api/v1/sessions/${sessionId}/attendance.csv`)
      .set(bearer(coordinator))
      .query({ status: 'gone' })
      .expect(400);
  });

  describe('field-trial fixes of the lists (issue 10, items 14–18)', () => {
    let field: number;
    let morning: number;
    let afternoon: number;
    let laoCai: Province;
    const ids: Record<string, number> = {};
    const download = (path: string, query: Record<string, string | number> = {}) =>
      t
        .http()
        .get(`/api/v1/sessions/${field}/${path}`)
        .set(bearer(organiser))
        .query(query)
        .buffer(true)
        .parse(binary)
        .expect(200);
    const organisationNamed = async (name: string) =>
      Number(
        (await db(t).query(`SELECT organisation_id FROM organisation_name WHERE name = $1`, [name]))[0].organisation_id,
      );

    beforeAll(async () => {
      [laoCai] = await provincesNamed(t, 'Lào Cai');
      field = (
        await t
          .http()
          .post('/api/v1/sessions')
          .set(bearer(organiser))
          .send({
            title: 'Tập huấn hai buổi có danh sách ký',
            kind: 'training_conference',
            startsOn: vnDayFromNow(-1),
            endsOn: vnDayFromNow(1),
          })
          .expect(201)
      ).body.id;
      await t
        .http()
        .put(`/api/v1/sessions/${field}/organisers`)
        .set(bearer(organiser))
        .send({ organisers: [{ organisationId: await organisationNamed('Bộ Ngoại giao'), role: 'lead' }] })
        .expect(200);
      await openRegistration(t, organiser, field, {
        // Lào Cai is invited and nobody registers from it.
        provinceIds: [tuyenQuang.id, phuTho.id, laoCai.id],
        quotas: [
          { provinceId: tuyenQuang.id, quota: 10 },
          { provinceId: phuTho.id, quota: 10 },
          { provinceId: laoCai.id, quota: 10 },
        ],
      });
      for (const [name, token, phone] of [
        ['Nguyễn Thị Hồng Nhung', tqDelegate, '0950000001'],
        ['Đặng Văn Đức', tqDelegate, '0950000002'],
        ['Bùi Thu Lan', tqDelegate, '0950000003'],
        ['Trần Ngọc Ánh', tqDelegate, '0950000004'],
        ['Triệu Thị Mai', ptDelegate, '0950000005'],
      ] as const) {
        ids[name] = (
          await t
            .http()
            .post(`/api/v1/sessions/${field}/registrations`)
            .set(bearer(token))
            .send({ fullName: name, agency: 'Sở Ngoại vụ', phone })
            .expect(201)
        ).body.id;
      }
      const part = (label: string, startsAt: string, endsAt: string) =>
        t
          .http()
          .post(`/api/v1/sessions/${field}/parts`)
          .set(bearer(organiser))
          .send({ label, startsAt, endsAt })
          .expect(201)
          .then((res) => res.body.id as number);
      morning = await part('Sáng', fromNow(-HOUR), fromNow(HOUR));
      afternoon = await part('Chiều', fromNow(HOUR / 2), fromNow(3 * HOUR));
      for (const partId of [morning, afternoon]) {
        for (const name of ['Nguyễn Thị Hồng Nhung', 'Bùi Thu Lan', 'Triệu Thị Mai']) {
          await t
            .http()
            .post(`/api/v1/sessions/${field}/parts/${partId}/check-ins`)
            .set(bearer(organiser))
            .send({ registrationId: ids[name] })
            .expect(201);
        }
      }
      await t
        .http()
        .post(`/api/v1/sessions/${field}/parts/${morning}/absences`)
        .set(bearer(organiser))
        .send({ registrationId: ids['Đặng Văn Đức'], kind: 'excused', reason: 'đi công tác' })
        .expect(201);
    });

    it('sorts by given name, then middle names, then family name, in Vietnamese order (17)', async () => {
      const tq = ['Trần Ngọc Ánh', 'Đặng Văn Đức', 'Bùi Thu Lan', 'Nguyễn Thị Hồng Nhung'];
      const csv = parseCsv(
        ((await download('attendance.csv', { part: morning })).body as Buffer).toString('utf8').slice(1),
      );
      expect(
        csv
          .slice(1)
          .filter((row) => row[0] === 'Tuyên Quang')
          .map((row) => row[1]),
      ).toEqual(tq);
      const asWritten = parseCsv(
        ((await download('attendance.csv', { part: morning, sort: 'full_name' })).body as Buffer)
          .toString('utf8')
          .slice(1),
      );
      expect(
        asWritten
          .slice(1)
          .filter((row) => row[0] === 'Tuyên Quang')
          .map((row) => row[1]),
      ).toEqual(['Bùi Thu Lan', 'Đặng Văn Đức', 'Nguyễn Thị Hồng Nhung', 'Trần Ngọc Ánh']);
      const list = await t.http().get(`/api/v1/sessions/${field}/registrations`).set(bearer(tqDelegate)).expect(200);
      expect(list.body.items.map((item: { fullName: string }) => item.fullName)).toEqual(tq);
      const listAsWritten = await t
        .http()
        .get(`/api/v1/sessions/${field}/registrations`)
        .query({ sort: 'full_name' })
        .set(bearer(tqDelegate))
        .expect(200);
      expect(listAsWritten.body.items[0].fullName).toBe('Bùi Thu Lan');
      const pdf = (await pdfText((await download('attendance.pdf', { part: morning })).body as Buffer)).normalize(
        'NFC',
      );
      const at = (name: string) => pdf.indexOf(name);
      expect(tq.map(at)).toEqual([...tq.map(at)].sort((a, b) => a - b));
      expect(at('Trần Ngọc Ánh')).toBeGreaterThan(-1);
    });

    it('lists each person once on a whole-session sheet, with a column per part, and counts people (14)', async () => {
      const text = (await pdfText((await download('attendance.pdf')).body as Buffer)).normalize('NFC');
      for (const name of ['Nguyễn Thị Hồng Nhung', 'Bùi Thu Lan', 'Triệu Thị Mai', 'Đặng Văn Đức', 'Trần Ngọc Ánh']) {
        expect(text.split(name).length - 1).toBe(1);
      }
      expect(text).toMatch(/Họ và tên\s+Chức vụ\s+Cơ quan\s+Sáng\s+Chiều/);
      expect(text).toContain('Tổng số: 5 người');
      const one = (await pdfText((await download('attendance.pdf', { part: afternoon })).body as Buffer)).normalize(
        'NFC',
      );
      expect(one).toContain('Buổi: Chiều');
      expect(one).toContain('Ký tên');
      expect(one).toContain('Tổng số: 5 người');
    });

    it('counts people, not rows, on the XLSX summary, with invited provinces nobody came from at 0 (15, 16)', async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await download('attendance.xlsx')).body as unknown as ArrayBuffer);
      const summary = workbook.getWorksheet('Tổng hợp')!;
      const counts: Record<string, unknown> = {};
      summary.eachRow((row, number) => {
        if (number > 1) counts[String(row.getCell(1).value)] = row.getCell(2).value;
      });
      expect(counts).toEqual({ 'Lào Cai': 0, 'Phú Thọ': 1, 'Tuyên Quang': 4, 'Tổng cộng': 5 });
      // Print setup: A4, one page wide, the header row on every printed page.
      const sheet = workbook.getWorksheet('Tuyên Quang')!;
      expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(sheet.pageSetup.printTitlesRow).toBe('1:1');
    });

    it('lists invited provinces with zeros in statistics and counts a nationwide session as the units in force (16)', async () => {
      const stats = (await t.http().get(`/api/v1/sessions/${field}/statistics`).set(bearer(organiser)).expect(200))
        .body;
      expect(stats.invitedProvinces).toBe(3);
      expect(stats.byProvince.find((g: { key: string }) => g.key === 'Lào Cai')).toMatchObject({
        provinceId: laoCai.id,
        registered: 0,
        confirmed: 0,
        attended: 0,
        presentByPart: [0, 0],
      });
      const nationwide = (
        await t
          .http()
          .post('/api/v1/sessions')
          .set(bearer(organiser))
          .send({ title: 'Hội nghị toàn quốc', kind: 'national_conference', startsOn: vnDayFromNow(10) })
          .expect(201)
      ).body.id;
      await t
        .http()
        .put(`/api/v1/sessions/${nationwide}/invitations`)
        .set(bearer(organiser))
        .send({ scope: 'nationwide' })
        .expect(200);
      const whole = (await t.http().get(`/api/v1/sessions/${nationwide}/statistics`).set(bearer(organiser)).expect(200))
        .body;
      // 34 provinces and cities since 1 July 2025.
      expect(whole.invitedProvinces).toBe(34);
      expect(whole.byProvince).toHaveLength(34);
    });

    it('heads the sheet as an official list: organising body, national or Party heading, part, marks, compiler (18)', async () => {
      const one = (await pdfText((await download('attendance.pdf', { part: morning })).body as Buffer)).normalize(
        'NFC',
      );
      expect(one).toContain('BỘ NGOẠI GIAO');
      expect(one).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(one).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(one).not.toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(one).toMatch(/Buổi: Sáng \(\d{2}:\d{2}–\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}\)/);
      // Đức is excused for the morning: marked in his signing cell.
      expect(one).toMatch(/Đặng Văn Đức\s+Sở Ngoại vụ\s+Vắng có phép/);
      expect(one).toContain('NGƯỜI LẬP DANH SÁCH');
      await t
        .http()
        .put(`/api/v1/sessions/${field}/organisers`)
        .set(bearer(organiser))
        .send({ organisers: [{ organisationId: await organisationNamed('Ban Tuyên giáo Trung ương'), role: 'lead' }] })
        .expect(200);
      const party = (await pdfText((await download('attendance.pdf', { part: morning })).body as Buffer)).normalize(
        'NFC',
      );
      expect(party).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(party).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      // The name in force on the session's date (renamed on 8/3/2025).
      expect(party).toContain('BAN TUYÊN GIÁO VÀ DÂN VẬN TRUNG ƯƠNG');
    });
  });
});
