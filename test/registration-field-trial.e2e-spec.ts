import ExcelJS from 'exceljs';
import {
  bearer,
  binary,
  db,
  delegateOf,
  expectStatus,
  type Province,
  provincesNamed,
  sessionOpenForRegistration,
  startTestApp,
  TestApp,
  tokenFor,
  XLSX,
  vnDayFromNow,
} from './support/fixtures';

/** Field-trial fixes (issue 10, items 1–8): templates, phones, row numbers, CSV, multipart, gender, quotas, slugs. */
describe('registration field-trial fixes', () => {
  let t: TestApp;
  let organiser: string;
  let tuyenQuang: Province;
  let phuTho: Province;
  let tqDelegate: string;
  let ptDelegate: string;
  let sessionCounter = 0;

  async function openSession(quotas: { provinceId: number; quota: number }[] = [], title?: string) {
    sessionCounter++;
    return sessionOpenForRegistration(
      t,
      organiser,
      { title: title ?? `Tập huấn thử nghiệm ${sessionCounter}`, startsOn: vnDayFromNow(30) },
      {
        provinceIds: [tuyenQuang.id, phuTho.id],
        quotas: quotas.length > 0 ? quotas : [{ provinceId: tuyenQuang.id, quota: 50 }],
      },
    );
  }

  async function downloadTemplateXlsx(): Promise<ExcelJS.Workbook> {
    const res = await t
      .http()
      .get('/api/v1/registrations/template.xlsx')
      .set(bearer(tqDelegate))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    return workbook;
  }

  const upload = (sessionId: number, body: Buffer | string, contentType: string, token = tqDelegate) =>
    t
      .http()
      .post(`/api/v1/sessions/${sessionId}/registrations/bulk`)
      .set(bearer(token))
      .set('content-type', contentType)
      .send(body);

  const xlsxBuffer = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

  beforeAll(async () => {
    t = await startTestApp();
    [tuyenQuang, phuTho] = await provincesNamed(t, 'Tuyên Quang', 'Phú Thọ');
    organiser = await tokenFor(t, { role: 'organiser' });
    tqDelegate = await delegateOf(t, tuyenQuang);
    ptDelegate = await delegateOf(t, phuTho);
  });
  afterAll(() => t.close());

  describe('1. template sample rows', () => {
    it('the XLSX template filled in as a delegate does registers the delegates only, never the sample', async () => {
      const id = await openSession();
      const workbook = await downloadTemplateXlsx();
      const list = workbook.worksheets[0];
      expect(list.getRow(1).values).toEqual(
        expect.arrayContaining(['Họ và tên', 'Giới tính', 'Chức vụ', 'Cơ quan', 'Điện thoại', 'Email']),
      );
      // Where the delegate types: the first empty row after what the template already holds.
      list.addRow(['Trịnh Văn Quyết', 'Nam', 'Chuyên viên', 'Sở Văn hóa', '0961000001', '']);
      list.addRow(['Hà Thị Thu', 'Nữ', '', 'Báo Tuyên Quang', '0961000002', '']);
      // A refusal shows its problem document (CI answered 400 here when ExcelJS had written the sheet before workbook.xml).
      const res = expectStatus(await upload(id, await xlsxBuffer(workbook), XLSX), 201);
      expect(res.body.registrations.map((r: { fullName: string }) => r.fullName)).toEqual([
        'Trịnh Văn Quyết',
        'Hà Thị Thu',
      ]);
      const names = await db(t).query(`SELECT full_name FROM registration WHERE session_id = $1`, [id]);
      expect(names.map((row: { full_name: string }) => row.full_name)).not.toContain('Nguyễn Thị Hồng Nhung');
    });

    it('the CSV template with rows added below its marked example skips the example and says so', async () => {
      const id = await openSession();
      const template = await t.http().get('/api/v1/registrations/template.csv').set(bearer(tqDelegate)).expect(200);
      const filled = `${template.text}"Lò Văn Pâng","Nam","","Sở Nội vụ","0962000001",""\r\n`;
      const res = expectStatus(await upload(id, filled, 'text/csv'), 201);
      expect(res.body.registrations.map((r: { fullName: string }) => r.fullName)).toEqual(['Lò Văn Pâng']);
      expect(res.body.skippedRows).toEqual([{ row: 2, reason: 'example row of the template' }]);
    });
  });

  describe('2. phones typed in Excel', () => {
    it('formats the template phone column as text', async () => {
      const workbook = await downloadTemplateXlsx();
      expect(workbook.worksheets[0].getColumn(5).numFmt).toBe('@');
    });

    it('reads a number that lost its leading 0, rich text and formula cells as the text shown, and finds the duplicate', async () => {
      const id = await openSession();
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Danh sách');
      sheet.addRow(['Họ và tên', 'Giới tính', 'Chức vụ', 'Cơ quan', 'Điện thoại', 'Email']);
      const row = sheet.addRow(['', 'Nữ', '', '', 945265254, '']);
      row.getCell(1).value = { richText: [{ text: 'Đinh Thị ' }, { font: { bold: true }, text: 'Hương' }] };
      row.getCell(4).value = { formula: '"Sở "&"Ngoại vụ"', result: 'Sở Ngoại vụ' };
      const res = expectStatus(await upload(id, await xlsxBuffer(workbook), XLSX), 201);
      expect(res.body.registrations[0]).toMatchObject({
        fullName: 'Đinh Thị Hương',
        agency: 'Sở Ngoại vụ',
        phone: '0945265254',
      });
      const again = await t
        .http()
        .post(`/api/v1/sessions/${id}/registrations`)
        .set(bearer(tqDelegate))
        .send({ fullName: 'Đinh Thị Hương', agency: 'Sở Ngoại vụ', phone: '0945265254' })
        .expect(409);
      expect(again.body.type).toMatch(/duplicate-person$/);
    });

    it('treats 945265254, 0945 265 254 and +84945265254 as one number', async () => {
      const id = await openSession();
      await t
        .http()
        .post(`/api/v1/sessions/${id}/registrations`)
        .set(bearer(tqDelegate))
        .send({ fullName: 'Vi Văn Hùng', agency: 'Sở Ngoại vụ', phone: '945265254' })
        .expect(201);
      for (const phone of ['0945 265 254', '+84945265254']) {
        await t
          .http()
          .post(`/api/v1/sessions/${id}/registrations`)
          .set(bearer(tqDelegate))
          .send({ fullName: 'Vi Văn Hùng', agency: 'Sở Ngoại vụ', phone })
          .expect(409);
      }
    });
  });

  describe('3. row numbers', () => {
    it("reports Excel's own row numbers, blank rows counted", async () => {
      const id = await openSession();
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Danh sách');
      sheet.getRow(1).values = ['Họ và tên', 'Giới tính', 'Chức vụ', 'Cơ quan', 'Điện thoại', 'Email'];
      sheet.getRow(2).values = ['Lưu Văn Một', 'Nam', '', 'Sở Tư pháp', '0963000001', ''];
      // rows 3 and 4 left blank
      sheet.getRow(5).values = ['', 'Nam', '', 'Sở Tư pháp', '0963000002', ''];
      sheet.getRow(7).values = ['Lưu Văn Ba', 'Nam', '', 'Sở Tư pháp', '', 'khong-phai-email'];
      const res = await upload(id, await xlsxBuffer(workbook), XLSX).expect(400);
      expect(res.body.rowErrors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
        [5, 'Họ và tên'],
        [7, 'Email'],
      ]);
    });

    it('reports CSV line numbers, blank lines and quoted line breaks counted', async () => {
      const id = await openSession();
      const csv = [
        'Họ và tên,Cơ quan,Điện thoại',
        '',
        'Lưu Thị Hai,"Sở Tư pháp',
        'tỉnh Tuyên Quang",0963000011',
        ',Sở Tư pháp,0963000012',
      ].join('\r\n');
      const res = await upload(id, csv, 'text/csv').expect(400);
      expect(res.body.rowErrors).toEqual([expect.objectContaining({ row: 5, column: 'Họ và tên' })]);
    });
  });

  describe('4. CSV parsing and unreadable files', () => {
    it('refuses an unclosed quote naming its line instead of dropping the rest of the file', async () => {
      const id = await openSession();
      const csv =
        'Họ và tên,Cơ quan,Điện thoại\r\n"Mạc Văn Bốn,Sở Y tế,0964000001\r\nMạc Văn Năm,Sở Y tế,0964000002\r\n';
      const res = await upload(id, csv, 'text/csv').expect(400);
      expect(res.body.type).toMatch(/csv-malformed$/);
      expect(res.body.detail).toMatch(/line 2/);
      expect(
        Number((await db(t).query(`SELECT count(*) AS n FROM registration WHERE session_id = $1`, [id]))[0].n),
      ).toBe(0);
    });

    it.each([
      ['Windows-1258', Buffer.from([0x48, 0xef, 0x20, 0x76, 0xe0, 0x20, 0x74, 0xea, 0x6e, 0x0d, 0x0a]), /Windows-1258/],
      ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Họ và tên,Cơ quan\r\n', 'utf16le')]), /UTF-16/],
    ])('says a %s file is in another encoding and how to save it', async (_what, body, named) => {
      const id = await openSession();
      const res = await upload(id, body, 'text/csv').expect(400);
      expect(res.body.type).toMatch(/file-encoding-unsupported$/);
      expect(res.body.detail).toMatch(named);
      expect(res.body.detail).toMatch(/CSV UTF-8/);
      expect(res.body.hint).toBe('Lưu lại dưới dạng CSV UTF-8 hoặc .xlsx');
    });

    it('says an .xls workbook must be saved as .xlsx or CSV UTF-8', async () => {
      const id = await openSession();
      const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
      const res = await upload(id, xls, 'application/vnd.ms-excel').expect(415);
      expect(res.body.type).toMatch(/xls-not-supported$/);
      expect(res.body.detail).toMatch(/\.xlsx/);
    });
  });

  describe('5. multipart/form-data', () => {
    it('accepts the file from a browser form, CSV or XLSX', async () => {
      const id = await openSession();
      const csv = Buffer.from('\uFEFFHọ và tên;Cơ quan;Điện thoại\r\nTòng Văn Sáu;Sở Y tế;0965000001\r\n');
      const res = expectStatus(
        await t
          .http()
          .post(`/api/v1/sessions/${id}/registrations/bulk`)
          .set(bearer(tqDelegate))
          .attach('file', csv, { filename: 'danh-sach.csv', contentType: 'text/csv' }),
        201,
      );
      expect(res.body.registrations[0].fullName).toBe('Tòng Văn Sáu');

      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('Danh sách').addRows([
        ['Họ và tên', 'Cơ quan', 'Điện thoại'],
        ['Tòng Văn Bảy', 'Sở Y tế', '0965000002'],
      ]);
      const fromXlsx = expectStatus(
        await t
          .http()
          .post(`/api/v1/sessions/${id}/registrations/bulk`)
          .set(bearer(tqDelegate))
          .attach('file', await xlsxBuffer(workbook), {
            filename: 'danh-sach.xlsx',
            contentType: 'application/octet-stream',
          }),
        201,
      );
      expect(fromXlsx.body.registrations[0].fullName).toBe('Tòng Văn Bảy');
    });

    it('other routes answer a raw or multipart body they do not take with a 4xx problem', async () => {
      for (const contentType of ['application/octet-stream', 'application/vnd.ms-excel', 'text/csv']) {
        const res = await t
          .http()
          .post('/api/v1/sessions')
          .set(bearer(organiser))
          .set('content-type', contentType)
          .send(Buffer.from('{"title":"x"}'));
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
      }
      const form = await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(organiser))
        .field('title', 'Tập huấn qua biểu mẫu');
      expectStatus(form, 400);
    });

    it('answers a form without a file with a 400 naming the field', async () => {
      const id = await openSession();
      const res = await t
        .http()
        .post(`/api/v1/sessions/${id}/registrations/bulk`)
        .set(bearer(tqDelegate))
        .field('note', 'quên đính kèm')
        .expect(400);
      expect(res.body.errors[0].path).toBe('file');
    });
  });

  describe('6. gender words', () => {
    it('accepts Nam / Nữ and male / female in the JSON API and in uploads, and answers with male / female', async () => {
      const id = await openSession();
      const post = (gender: string, name: string, phone: string) =>
        t
          .http()
          .post(`/api/v1/sessions/${id}/registrations`)
          .set(bearer(tqDelegate))
          .send({ fullName: name, agency: 'Sở Công Thương', phone, gender });
      expect((await post('Nữ', 'Quàng Thị Một', '0966000001').expect(201)).body.gender).toBe('female');
      expect((await post('nam', 'Quàng Văn Hai', '0966000002').expect(201)).body.gender).toBe('male');
      expect((await post('female', 'Quàng Thị Ba', '0966000003').expect(201)).body.gender).toBe('female');
      const refused = await post('x', 'Quàng Văn Bốn', '0966000004').expect(400);
      expect(refused.body.errors[0].path).toBe('gender');
      const bulk = await upload(
        id,
        'Họ và tên,Giới tính,Cơ quan,Điện thoại\r\nQuàng Thị Năm,female,Sở Công Thương,0966000005\r\nQuàng Văn Sáu,NAM,Sở Công Thương,0966000006\r\n',
        'text/csv',
      ).expect(201);
      expect(bulk.body.registrations.map((r: { gender: string }) => r.gender)).toEqual(['female', 'male']);
      const created = (await post('Nữ', 'Quàng Thị Bảy', '0966000007').expect(201)).body;
      const patched = await t
        .http()
        .patch(`/api/v1/registrations/${created.id}`)
        .set(bearer(tqDelegate))
        .send({ version: created.version, gender: 'Nam' })
        .expect(200);
      expect(patched.body.gender).toBe('male');
    });
  });

  describe('7. quotas', () => {
    const settings = (id: number, quotas: { provinceId: number; quota: number }[]) =>
      t
        .http()
        .put(`/api/v1/sessions/${id}/registration-settings`)
        .set(bearer(organiser))
        .send({
          opensAt: new Date(Date.now() - 3600_000).toISOString(),
          closesAt: new Date(Date.now() + 86_400_000).toISOString(),
          moderated: false,
          quotas,
        });

    it('raising a quota promotes the waitlist oldest first, in the same change', async () => {
      const id = await openSession([
        { provinceId: tuyenQuang.id, quota: 3 },
        { provinceId: phuTho.id, quota: 2 },
      ]);
      const people = [];
      for (let i = 1; i <= 6; i++) {
        people.push(
          (
            await t
              .http()
              .post(`/api/v1/sessions/${id}/registrations`)
              .set(bearer(tqDelegate))
              .send({ fullName: `Cán bộ chờ ${i}`, agency: 'Sở Xây dựng', phone: `096700000${i}` })
              .expect(201)
          ).body,
        );
      }
      expect(people.map((p) => p.status)).toEqual([
        'confirmed',
        'confirmed',
        'confirmed',
        'waitlisted',
        'waitlisted',
        'waitlisted',
      ]);
      const raised = await settings(id, [
        { provinceId: tuyenQuang.id, quota: 4 },
        { provinceId: phuTho.id, quota: 2 },
      ]).expect(200);
      expect(raised.body.quotas.find((q: { provinceId: number }) => q.provinceId === tuyenQuang.id)).toMatchObject({
        quota: 4,
        confirmed: 4,
        waitlisted: 2,
      });
      const statuses = await db(t).query(`SELECT id, status FROM registration WHERE session_id = $1 ORDER BY id`, [id]);
      expect(statuses.map((row: { status: string }) => row.status)).toEqual([
        'confirmed',
        'confirmed',
        'confirmed',
        'confirmed',
        'waitlisted',
        'waitlisted',
      ]);
      const trail = await t
        .http()
        .get(`/api/v1/registrations/${people[3].id}/audit`)
        .set(bearer(organiser))
        .expect(200);
      expect(trail.body.map((e: { action: string }) => e.action)).toContain('registration.promoted');
    });

    it('a PUT that leaves a province out removes its quota, and refuses with 409 while it has confirmed people', async () => {
      const id = await openSession([
        { provinceId: tuyenQuang.id, quota: 3 },
        { provinceId: phuTho.id, quota: 2 },
      ]);
      await t
        .http()
        .post(`/api/v1/sessions/${id}/registrations`)
        .set(bearer(ptDelegate))
        .send({ fullName: 'Cầm Thị Hoa', agency: 'Sở Y tế', phone: '0968000001' })
        .expect(201);
      const refused = await settings(id, [{ provinceId: tuyenQuang.id, quota: 3 }]).expect(409);
      expect(refused.body.type).toMatch(/quota-has-confirmed$/);
      expect(refused.body.detail).toMatch(/Phú Thọ/);
      const keep = await settings(id, [{ provinceId: phuTho.id, quota: 2 }]).expect(200);
      expect(keep.body.quotas.map((q: { provinceId: number }) => q.provinceId)).toEqual([phuTho.id]);
    });
  });

  describe('8. slugs', () => {
    it('sessions with the same title get distinct slugs: the title, then the year, then a counter', async () => {
      const create = (body: object) =>
        t
          .http()
          .post('/api/v1/sessions')
          .set(bearer(organiser))
          .send({ title: 'Tập huấn công tác thông tin đối ngoại', kind: 'training_conference', ...body });
      const first = (await create({ startsOn: '2026-03-10' }).expect(201)).body;
      const second = (await create({ startsOn: '2027-03-10' }).expect(201)).body;
      const third = (await create({ startsOn: '2027-09-10' }).expect(201)).body;
      expect([first.slug, second.slug, third.slug]).toEqual([
        'tap-huan-cong-tac-thong-tin-doi-ngoai',
        'tap-huan-cong-tac-thong-tin-doi-ngoai-2027',
        'tap-huan-cong-tac-thong-tin-doi-ngoai-2027-2',
      ]);
      // A slug the organiser chose is still theirs to fix when taken.
      const taken = await create({ startsOn: '2028-03-10', slug: first.slug }).expect(409);
      expect(taken.body.type).toMatch(/slug-taken$/);
    });
  });

  describe("19. messages in the reader's language", () => {
    const vi = { 'Accept-Language': 'vi-VN,vi;q=0.9,en;q=0.5' };

    it('answers validation problems in Vietnamese when the request prefers vi, in English otherwise', async () => {
      const id = await openSession();
      const body = { fullName: 'A', agency: 'Sở Ngoại vụ', phone: '0969000001', gender: 'x' };
      const inVietnamese = await t
        .http()
        .post(`/api/v1/sessions/${id}/registrations`)
        .set(bearer(tqDelegate))
        .set(vi)
        .send(body)
        .expect(400);
      expect(inVietnamese.headers['content-language']).toBe('vi');
      expect(inVietnamese.body.title).toBe('Yêu cầu không hợp lệ');
      expect(inVietnamese.body.errors).toEqual(
        expect.arrayContaining([
          { path: 'fullName', message: 'phải có ít nhất 2 ký tự' },
          { path: 'gender', message: 'phải là một trong các giá trị: female, male, other' },
        ]),
      );
      expect(inVietnamese.body.detail).toMatch(/^Dữ liệu gửi lên chưa hợp lệ: 2 trường chưa hợp lệ: /);

      const inEnglish = await t
        .http()
        .post(`/api/v1/sessions/${id}/registrations`)
        .set(bearer(tqDelegate))
        .set('Accept-Language', 'en-US,en;q=0.9,vi;q=0.8')
        .send(body)
        .expect(400);
      expect(inEnglish.body.title).toBe('Bad Request');
      expect(inEnglish.body.errors).toEqual(
        expect.arrayContaining([
          { path: 'fullName', message: 'fullName must be longer than or equal to 2 characters' },
        ]),
      );
    });

    it('names the expected date format', async () => {
      for (const [language, expected] of [
        ['vi', 'phải là ngày theo định dạng YYYY-MM-DD, ví dụ 2026-03-10'],
        ['en', 'must be a date in the format YYYY-MM-DD, e.g. 2026-03-10'],
      ]) {
        const res = await t
          .http()
          .post('/api/v1/sessions')
          .set(bearer(organiser))
          .set('Accept-Language', language)
          .send({ title: 'Tập huấn ngày sai', kind: 'training_conference', startsOn: '10/03/2026' })
          .expect(400);
        expect(res.body.errors).toEqual([{ path: 'startsOn', message: expected }]);
      }
    });

    it('a pre-2025 province names its successor and the date of the merger', async () => {
      const id = await openSession();
      const [hoaBinh] = await db(t).query(`SELECT id FROM province WHERE name = 'Hòa Bình'`);
      const put = (language: string) =>
        t
          .http()
          .put(`/api/v1/sessions/${id}/registration-settings`)
          .set(bearer(organiser))
          .set('Accept-Language', language)
          .send({
            opensAt: new Date(Date.now() - 3600_000).toISOString(),
            closesAt: new Date(Date.now() + 86_400_000).toISOString(),
            moderated: false,
            quotas: [
              { provinceId: tuyenQuang.id, quota: 50 },
              { provinceId: hoaBinh.id, quota: 5 },
            ],
          })
          .expect(400);
      expect((await put('vi')).body.errors).toEqual([
        { path: 'quotas.1.provinceId', message: 'Hòa Bình đã hợp nhất vào Phú Thọ từ 01/7/2025; dùng Phú Thọ' },
      ]);
      expect((await put('en')).body.errors[0].message).toBe(
        'Hòa Bình was merged into Phú Thọ on 1 July 2025; use Phú Thọ',
      );
    });

    it('words not-found, conflicts and upload rows in Vietnamese, saying what to do', async () => {
      const missing = await t.http().get('/api/v1/registrations/987654').set(bearer(tqDelegate)).set(vi).expect(404);
      expect(missing.body).toMatchObject({
        title: 'Không tìm thấy',
        detail: expect.stringContaining('Đăng ký 987654'),
      });
      const id = await openSession();
      const csv =
        'Họ và tên,Cơ quan,Điện thoại\r\nLã Văn Một,Sở Ngoại vụ,0969100001\r\nla van mot,Sở Ngoại vụ,0969100001\r\n,Sở Ngoại vụ,0969100002\r\n';
      const rows = await upload(id, csv, 'text/csv').set(vi).expect(400);
      expect(rows.body.detail).toBe('Tệp có 2 lỗi; chưa ai được đăng ký. Sửa các dòng được nêu rồi tải lại cả tệp.');
      expect(rows.body.rowErrors).toEqual([
        { row: 3, column: 'Họ và tên', message: 'trùng người với dòng 2; xóa một trong hai dòng' },
        { row: 4, column: 'Họ và tên', message: 'là bắt buộc' },
      ]);
      const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
      const refused = await upload(id, xls, 'application/vnd.ms-excel').set(vi).expect(415);
      expect(refused.body.detail).toMatch(/lưu lại dưới dạng CSV UTF-8 hoặc \.xlsx/i);
      expect(refused.body.errors).toEqual([{ path: 'file', message: refused.body.detail }]);
    });
  });

  describe('issue 11.5: look-alike characters', () => {
    it('one person with one phone gets one place, whatever letters of other scripts or invisible characters the name hides', async () => {
      const id = await openSession();
      const register = (fullName: string) =>
        t
          .http()
          .post(`/api/v1/sessions/${id}/registrations`)
          .set(bearer(tqDelegate))
          .send({ fullName, agency: 'Sở Ngoại vụ', phone: '0970000001' });
      const first = await register('Nguyễn Thị Hồng Nhung').expect(201);
      const disguises = [
        'Nguyễn Thị Hồng Nhung'.replace('N', '\u039D'), // Greek capital Nu
        'Nguyễn Thị Hồng Nhung'.replace('o', '\u043E'), // (no Latin o: stays the same name)
        'Nguyễn Thị Hồng Nhung'.replace('h', '\u04BB'), // Cyrillic shha
        '\uFF2Eguyễn Thị Hồng Nhung', // full-width N
        'Nguy\u00ADễn Thị Hồng Nhung', // soft hyphen
        'Nguyễn\u180E Thị Hồng Nhung', // Mongolian vowel separator
        'Nguyễn Thị\u3164 Hồng Nhung', // Hangul filler
        '\u2066Nguyễn Thị Hồng Nhung\u2069', // bidi isolates
      ];
      for (const name of disguises) {
        const res = await register(name).expect(409);
        expect(res.body).toMatchObject({ existingRegistrationId: first.body.id });
      }
      // Stored names carry no invisible characters or compatibility forms.
      const hidden = await register('Phạm\u00AD Thị \uFF2Aến\u180E').expect(201);
      expect(hidden.body.fullName).toBe('Phạm Thị Jến');
    });
  });
});
