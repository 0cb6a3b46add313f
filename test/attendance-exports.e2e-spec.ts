import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import { readCsv } from '../libs/registration/src/bulk/csv-reader';
import { createUserWithRole, loginAs } from './support/auth';
import { pdfText } from './support/pdf-text';
import { openRegistration } from './support/scenario';
import { startTestApp, TestApp } from './support/test-app';

interface Province {
  id: number;
  name: string;
}

/** supertest parser that keeps the body as bytes (superagent hands the raw response stream). */
const binary = (res: Response, done: (error: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Read back with the upload reader (an RFC 4180 reader written independently of the CSV writer). */
const parseCsv = (text: string) => readCsv(text);

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
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startTestApp();
    const provinces = (await t.http().get('/api/v1/provinces').query({ era: '2025', limit: 100 })).body
      .items as Province[];
    tuyenQuang = provinces.find((p) => p.name === 'Tuyên Quang')!;
    phuTho = provinces.find((p) => p.name === 'Phú Thọ')!;
    organiser = await loginAs(
      t,
      ...(Object.values(await createUserWithRole(t, { role: 'organiser' })).slice(1) as [string, string]),
    );
    const tq = await createUserWithRole(t, { role: 'province_delegate', provinceId: tuyenQuang.id });
    tqDelegate = await loginAs(t, tq.email, tq.password);
    const pt = await createUserWithRole(t, { role: 'province_delegate', provinceId: phuTho.id });
    ptDelegate = await loginAs(t, pt.email, pt.password);
    sessionId = (
      await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(organiser))
        .send({
          title: 'Hội nghị tập huấn thông tin đối ngoại và nhân quyền',
          kind: 'training_conference',
          startsOn: '2026-11-25',
          venueName: 'Trung tâm Hội nghị tỉnh',
        })
        .expect(201)
    ).body.id;
    const c = await createUserWithRole(t, { role: 'coordinator', sessionId });
    coordinator = await loginAs(t, c.email, c.password);
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
        .send({ label: 'Sáng 25/11', startsAt: '2026-11-25T08:00:00+07:00', endsAt: '2026-11-25T11:30:00+07:00' })
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
    expect(byName['Nguyễn Thị Hồng Nhung']).toEqual(expect.arrayContaining(['Tuyên Quang', 'Có mặt', 'Sáng 25/11']));
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
      'Ký tên',
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
});
