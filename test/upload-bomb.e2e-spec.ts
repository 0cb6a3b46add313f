import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import request from 'supertest';
import {
  bearer,
  delegateOf,
  openRegistration,
  startTestApp,
  TestApp,
  tokenFor,
  XLSX,
  vnDayFromNow,
} from './support/fixtures';

/** A valid workbook whose first sheet is replaced by `rows` generated rows, deflated (level 6). */
async function workbookWithRows(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Danh sách').addRow(['Họ và tên', 'Cơ quan', 'Điện thoại']);
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'];
  parts.push('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  parts.push(
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c><c r="B1" t="inlineStr"><is><t>Cơ quan</t></is></c><c r="C1" t="inlineStr"><is><t>Điện thoại</t></is></c></row>',
  );
  for (let r = 2; r <= rows; r++) {
    parts.push(
      `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>Nguyễn Văn A</t></is></c><c r="B${r}" t="inlineStr"><is><t>Sở Ngoại vụ</t></is></c><c r="C${r}" t="inlineStr"><is><t>0912000000</t></is></c></row>`,
    );
  }
  parts.push('</sheetData></worksheet>');
  zip.file('xl/worksheets/sheet1.xml', parts.join(''));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** Issue 11, item 3: XLSX decompression bombs and oversized sheets in bulk upload. */
describe('bulk upload: decompression bombs and oversized sheets', () => {
  let t: TestApp;
  let delegate: string;
  let sessionId: number;

  beforeAll(async () => {
    t = await startTestApp();
    const provinces = (await t.http().get('/api/v1/provinces').query({ era: '2025', limit: 100 })).body.items as {
      id: number;
      name: string;
    }[];
    const tuyenQuang = provinces.find((p) => p.name === 'Tuyên Quang')!;
    const organiser = await tokenFor(t, { role: 'organiser' });
    delegate = await delegateOf(t, tuyenQuang);
    const session = (
      await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(organiser))
        .send({ title: 'Tập huấn chống bom nén', kind: 'training_conference', startsOn: vnDayFromNow(30) })
        .expect(201)
    ).body;
    sessionId = session.id;
    await openRegistration(t, organiser, sessionId, {
      provinceIds: [tuyenQuang.id],
      quotas: [{ provinceId: tuyenQuang.id, quota: 10 }],
    });
  });
  afterAll(() => t.close());

  it('six parallel 450,000-row bombs are refused (413) without unpacking them, and RSS grows by less than 200 MB', async () => {
    const bomb = await workbookWithRows(450_000);
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024);
    await t.app.listen(0, '127.0.0.1');
    const url = await t.app.getUrl();
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    try {
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          request(url)
            .post(`/api/v1/sessions/${sessionId}/registrations/bulk`)
            .set(bearer(delegate))
            .set('content-type', XLSX)
            .send(bomb)
            .then((res) => res),
        ),
      );
      for (const res of answers) {
        expect(res.status).toBe(413);
        expect(res.body.type).toMatch(/file-too-large-unpacked$/);
      }
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect((peak - baseline) / 1024 / 1024).toBeLessThan(200);
  }, 120_000);

  it('a sheet with more rows than the limit is refused at the limit, not read to the end', async () => {
    const res = await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/registrations/bulk`)
      .set(bearer(delegate))
      .set('content-type', XLSX)
      .send(await workbookWithRows(20_000))
      .expect(413);
    expect(res.body.type).toMatch(/too-many-rows$/);
    expect(res.body.maxRows).toBe(2000);
  });

  it('a CSV header a million columns wide is refused', async () => {
    const res = await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/registrations/bulk`)
      .set(bearer(delegate))
      .set('content-type', 'text/csv')
      .send(`Họ và tên,Cơ quan${',x'.repeat(1_000_000)}\n`)
      .expect(400);
    expect(res.body.type).toMatch(/too-many-columns$/);
  });
});
