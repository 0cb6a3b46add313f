import request from 'supertest';
import {
  bearer,
  count,
  db,
  delegateOf,
  type Province,
  provincesNamed,
  sessionOpenForRegistration,
  startTestApp,
  TestApp,
  tokenFor,
  vnDayFromNow,
} from './support/fixtures';

describe('registration: quotas, waitlist, duplicates, bulk upload, province isolation', () => {
  let t: TestApp;
  let organiser: string;
  let tuyenQuang: Province;
  let phuTho: Province;
  let caoBang: Province;
  let tqDelegate: string;
  let ptDelegate: string;
  let cbDelegate: string;

  async function openSession(
    title: string,
    quotas: { provinceId: number; quota: number }[],
    extra: { moderated?: boolean; capacity?: number } = {},
  ) {
    return sessionOpenForRegistration(
      t,
      organiser,
      { title, startsOn: vnDayFromNow(30) },
      { provinceIds: [tuyenQuang.id, phuTho.id], quotas, moderated: extra.moderated, capacity: extra.capacity },
    );
  }

  const person = (name: string, phone: string, agency = 'Ban Tuyên giáo Tỉnh ủy') => ({
    fullName: name,
    agency,
    phone,
    gender: 'female',
  });

  beforeAll(async () => {
    t = await startTestApp();
    [tuyenQuang, phuTho, caoBang] = await provincesNamed(t, 'Tuyên Quang', 'Phú Thọ', 'Cao Bằng');
    organiser = await tokenFor(t, { role: 'organiser' });
    tqDelegate = await delegateOf(t, tuyenQuang);
    ptDelegate = await delegateOf(t, phuTho);
    cbDelegate = await delegateOf(t, caoBang);
  });
  afterAll(() => t.close());

  it('confirms while the quota lasts, then waitlists, and promotes the first waitlisted when a place frees', async () => {
    const id = await openSession('Tập huấn quota nhỏ', [
      { provinceId: tuyenQuang.id, quota: 2 },
      { provinceId: phuTho.id, quota: 1 },
    ]);
    const post = (body: object) =>
      t.http().post(`/api/v1/sessions/${id}/registrations`).set(bearer(tqDelegate)).send(body);
    const a = (await post(person('Nguyễn Thị An', '0911000001')).expect(201)).body;
    const b = (await post(person('Trần Văn Bình', '0911000002')).expect(201)).body;
    const c = (await post(person('Lê Thị Cúc', '0911000003')).expect(201)).body;
    const d = (await post(person('Phạm Văn Dũng', '0911000004')).expect(201)).body;
    expect([a.status, b.status, c.status, d.status]).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    expect(a.provinceName).toBe('Tuyên Quang');

    await t
      .http()
      .post(`/api/v1/registrations/${a.id}/withdraw`)
      .set(bearer(tqDelegate))
      .send({ reason: 'bận công tác' })
      .expect(200);
    const promoted = await t.http().get(`/api/v1/registrations/${c.id}`).set(bearer(tqDelegate)).expect(200);
    expect(promoted.body.status).toBe('confirmed');
    expect((await t.http().get(`/api/v1/registrations/${d.id}`).set(bearer(tqDelegate))).body.status).toBe(
      'waitlisted',
    );
    const settings = await t
      .http()
      .get(`/api/v1/sessions/${id}/registration-settings`)
      .set(bearer(organiser))
      .expect(200);
    expect(settings.body.quotas.find((q: { provinceId: number }) => q.provinceId === tuyenQuang.id)).toMatchObject({
      quota: 2,
      confirmed: 2,
      waitlisted: 1,
    });

    const trail = await t.http().get(`/api/v1/registrations/${c.id}/audit`).set(bearer(organiser)).expect(200);
    expect(trail.body.map((e: { action: string }) => e.action)).toEqual([
      'registration.created',
      'registration.promoted',
    ]);
    await t.http().post(`/api/v1/registrations/${a.id}/withdraw`).set(bearer(tqDelegate)).send({}).expect(409);
  });

  it('refuses the same person twice (accents, spacing and phone format aside), naming the existing registration', async () => {
    const id = await openSession('Tập huấn trùng lặp', [{ provinceId: tuyenQuang.id, quota: 5 }]);
    const first = (
      await t
        .http()
        .post(`/api/v1/sessions/${id}/registrations`)
        .set(bearer(tqDelegate))
        .send(person('Hoàng Thị Mai', '0912 111 222'))
        .expect(201)
    ).body;
    const again = await t
      .http()
      .post(`/api/v1/sessions/${id}/registrations`)
      .set(bearer(tqDelegate))
      .send(person('hoang thi  mai', '+84912111222'))
      .expect(409);
    expect(again.body).toMatchObject({ existingRegistrationId: first.id });
    expect(again.body.type).toMatch(/duplicate-person$/);
    await t.http().post(`/api/v1/registrations/${first.id}/withdraw`).set(bearer(tqDelegate)).send({}).expect(200);
    // Once withdrawn, the person may register again.
    await t
      .http()
      .post(`/api/v1/sessions/${id}/registrations`)
      .set(bearer(tqDelegate))
      .send(person('Hoàng Thị Mai', '0912111222'))
      .expect(201);
  });

  it('moderated sessions wait for approval; rejection needs a reason', async () => {
    const id = await openSession('Tập huấn có duyệt', [{ provinceId: tuyenQuang.id, quota: 1 }], { moderated: true });
    const post = (body: object) =>
      t.http().post(`/api/v1/sessions/${id}/registrations`).set(bearer(tqDelegate)).send(body);
    const a = (await post(person('Vũ Thị Lan', '0913000001')).expect(201)).body;
    const b = (await post(person('Đỗ Văn Hùng', '0913000002')).expect(201)).body;
    expect([a.status, b.status]).toEqual(['pending', 'pending']);
    await t.http().post(`/api/v1/registrations/${a.id}/approve`).set(bearer(tqDelegate)).expect(403);
    expect(
      (await t.http().post(`/api/v1/registrations/${a.id}/approve`).set(bearer(organiser)).expect(200)).body.status,
    ).toBe('confirmed');
    expect(
      (await t.http().post(`/api/v1/registrations/${b.id}/approve`).set(bearer(organiser)).expect(200)).body.status,
    ).toBe('waitlisted');
    expect(
      (await t.http().post(`/api/v1/registrations/${b.id}/reject`).set(bearer(organiser)).send({}).expect(400)).body
        .errors[0].path,
    ).toBe('reason');
    const rejected = await t
      .http()
      .post(`/api/v1/registrations/${b.id}/reject`)
      .set(bearer(organiser))
      .send({ reason: 'không đúng đối tượng' })
      .expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', statusReason: 'không đúng đối tượng' });
  });

  it("reports each waitlisted person's place in the province queue, in the order promotion takes them", async () => {
    // Moderated, quota 1: people join the waitlist when approved, so the queue order (approval
    // order) differs from the order they registered in.
    const id = await openSession(
      'Tập huấn thứ tự chờ',
      [
        { provinceId: tuyenQuang.id, quota: 1 },
        { provinceId: phuTho.id, quota: 1 },
      ],
      { moderated: true },
    );
    const post = (token: string, body: object) =>
      t.http().post(`/api/v1/sessions/${id}/registrations`).set(bearer(token)).send(body).expect(201);
    const approve = (regId: number) =>
      t.http().post(`/api/v1/registrations/${regId}/approve`).set(bearer(organiser)).expect(200);
    const a = (await post(tqDelegate, person('Ngô Thị Ánh', '0914000001'))).body;
    const b = (await post(tqDelegate, person('Đinh Văn Bảo', '0914000002'))).body;
    const c = (await post(tqDelegate, person('Lý Thị Châu', '0914000003'))).body;
    const d = (await post(tqDelegate, person('Tạ Văn Đức', '0914000004'))).body;
    const p1 = (await post(ptDelegate, person('Mai Thị Phương', '0914000005'))).body;
    const p2 = (await post(ptDelegate, person('Hà Văn Quân', '0914000006'))).body;
    expect([a, b, c, d, p1].map((r) => r.waitlistPosition)).toEqual([null, null, null, null, null]);

    expect((await approve(a.id)).body).toMatchObject({ status: 'confirmed', waitlistPosition: null });
    expect((await approve(d.id)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await approve(b.id)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
    expect((await approve(c.id)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 3 });
    // Phú Thọ's queue is its own.
    await approve(p1.id);
    expect((await approve(p2.id)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

    const positions = async () => {
      const page = await t
        .http()
        .get(`/api/v1/sessions/${id}/registrations`)
        .set(bearer(tqDelegate))
        .query({ limit: 100 })
        .expect(200);
      return Object.fromEntries(
        page.body.items.map((r: { fullName: string; status: string; waitlistPosition: number | null }) => [
          r.fullName,
          r.waitlistPosition ?? r.status,
        ]),
      );
    };
    expect(await positions()).toEqual({
      'Ngô Thị Ánh': 'confirmed',
      'Tạ Văn Đức': 1,
      'Đinh Văn Bảo': 2,
      'Lý Thị Châu': 3,
    });

    // A freed place goes to position 1, and the others move up.
    await t.http().post(`/api/v1/registrations/${a.id}/withdraw`).set(bearer(tqDelegate)).send({}).expect(200);
    expect(await positions()).toEqual({
      'Ngô Thị Ánh': 'withdrawn',
      'Tạ Văn Đức': 'confirmed',
      'Đinh Văn Bảo': 1,
      'Lý Thị Châu': 2,
    });
    // Leaving the queue from the middle moves those behind up; GET of one registration agrees.
    await t.http().post(`/api/v1/registrations/${b.id}/withdraw`).set(bearer(tqDelegate)).send({}).expect(200);
    const last = await t.http().get(`/api/v1/registrations/${c.id}`).set(bearer(tqDelegate)).expect(200);
    expect(last.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
  });

  it('keeps every province to its own people: other delegates get 403/404 and nothing changes', async () => {
    const id = await openSession('Tập huấn phân quyền', [
      { provinceId: tuyenQuang.id, quota: 5 },
      { provinceId: phuTho.id, quota: 5 },
    ]);
    const ours = (
      await t
        .http()
        .post(`/api/v1/sessions/${id}/registrations`)
        .set(bearer(ptDelegate))
        .send(person('Bùi Thị Hòa', '0914000001'))
        .expect(201)
    ).body;
    expect(ours.provinceName).toBe('Phú Thọ');
    const snapshot = async () =>
      JSON.stringify(await db(t).query(`SELECT * FROM registration WHERE session_id = $1 ORDER BY id`, [id]));
    const before = await snapshot();

    const list = await t
      .http()
      .get(`/api/v1/sessions/${id}/registrations`)
      .set(bearer(tqDelegate))
      .query({ province: phuTho.id })
      .expect(200);
    expect(list.body.items).toEqual([]);
    await t.http().get(`/api/v1/registrations/${ours.id}`).set(bearer(tqDelegate)).expect(404);
    await t
      .http()
      .patch(`/api/v1/registrations/${ours.id}`)
      .set(bearer(tqDelegate))
      .send({ version: 1, agency: 'Khác' })
      .expect(404);
    await t.http().post(`/api/v1/registrations/${ours.id}/withdraw`).set(bearer(tqDelegate)).send({}).expect(404);
    await t.http().get(`/api/v1/registrations/${ours.id}/audit`).set(bearer(tqDelegate)).expect(403);
    // A province that was not invited cannot register at all.
    await t
      .http()
      .post(`/api/v1/sessions/${id}/registrations`)
      .set(bearer(cbDelegate))
      .send(person('Nông Văn Tú', '0914000002'))
      .expect(403);
    await t
      .http()
      .post(`/api/v1/sessions/${id}/registrations/bulk`)
      .set(bearer(cbDelegate))
      .set('content-type', 'text/csv')
      .send('Họ và tên,Cơ quan,Điện thoại\nNông Văn Tú,Công an tỉnh,0914000003\n')
      .expect(403);
    expect(await snapshot()).toBe(before);

    // Phone and email of Phú Thọ's people never reach another province, and registrations are not public.
    await t.http().get(`/api/v1/sessions/${id}/registrations`).expect(401);
    const own = await t.http().get(`/api/v1/sessions/${id}/registrations`).set(bearer(ptDelegate)).expect(200);
    expect(own.body.items[0].phone).toBe('0914000001');
  });

  it('refuses bodies that try to set status, province or ids', async () => {
    const id = await openSession('Tập huấn trường cấm', [{ provinceId: tuyenQuang.id, quota: 5 }]);
    const res = await t
      .http()
      .post(`/api/v1/sessions/${id}/registrations`)
      .set(bearer(tqDelegate))
      .send({ ...person('Lý Thị Hạnh', '0915000001'), status: 'confirmed', provinceId: phuTho.id, id: 7 })
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['id', 'provinceId', 'status']);
    expect(await count(t, `SELECT count(*) AS n FROM registration WHERE session_id = $1`, [id])).toBe(0);
  });

  it('bulk upload registers all rows or none, reporting each bad row by number and column', async () => {
    const id = await openSession('Tập huấn tải danh sách', [{ provinceId: tuyenQuang.id, quota: 10 }]);
    const template = await t.http().get('/api/v1/registrations/template.csv').set(bearer(tqDelegate)).expect(200);
    expect(template.text.startsWith('\uFEFF"Họ và tên"')).toBe(true);
    const bad = [
      'Họ và tên,Giới tính,Chức vụ,Cơ quan,Điện thoại,Email',
      'Nguyễn Văn Hải,Nam,Chuyên viên,Công an tỉnh,0916000001,',
      ',Nữ,,Sở Ngoại vụ,0916000002,',
      'Trần Thị Thu,Nữ,,Báo Tuyên Quang,,khong-phai-email',
      'nguyen van hai,Nam,,Công an tỉnh,+84916000001,',
    ].join('\r\n');
    const refused = await t
      .http()
      .post(`/api/v1/sessions/${id}/registrations/bulk`)
      .set(bearer(tqDelegate))
      .set('content-type', 'text/csv')
      .send(bad)
      .expect(400);
    expect(refused.body.rowErrors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: 'Họ và tên' }),
        expect.objectContaining({ row: 4, column: 'Email' }),
        expect.objectContaining({ row: 5, column: 'Họ và tên', message: 'the same person as row 2' }),
      ]),
    );
    expect(await count(t, `SELECT count(*) AS n FROM registration WHERE session_id = $1`, [id])).toBe(0);

    const good = [
      'Họ và tên;Cơ quan;Điện thoại',
      'Nguyễn Văn Hải;Công an tỉnh;0916000001',
      'Trần Thị Thu;Báo Tuyên Quang;0916000003',
    ].join('\n');
    const created = await t
      .http()
      .post(`/api/v1/sessions/${id}/registrations/bulk`)
      .set(bearer(tqDelegate))
      .set('content-type', 'text/csv')
      .send(good)
      .expect(201);
    expect(created.body.created).toBe(2);
    expect(created.body.registrations.map((r: { fullName: string; status: string }) => [r.fullName, r.status])).toEqual(
      [
        ['Nguyễn Văn Hải', 'confirmed'],
        ['Trần Thị Thu', 'confirmed'],
      ],
    );
    // Uploading the same people again: every row reported, nothing added.
    const again = await t
      .http()
      .post(`/api/v1/sessions/${id}/registrations/bulk`)
      .set(bearer(tqDelegate))
      .set('content-type', 'text/csv')
      .send(good)
      .expect(400);
    expect(again.body.rowErrors.map((e: { row: number }) => e.row)).toEqual([2, 3]);
    expect(await count(t, `SELECT count(*) AS n FROM registration WHERE session_id = $1`, [id])).toBe(2);
  });

  it('finds registrations by words of the name, agency or post, accents ignored, each word a word start', async () => {
    const id = await openSession('Tập huấn tìm người đăng ký', [
      { provinceId: tuyenQuang.id, quota: 10 },
      { provinceId: phuTho.id, quota: 10 },
    ]);
    const register = (token: string, body: ReturnType<typeof person>) =>
      t.http().post(`/api/v1/sessions/${id}/registrations`).set(bearer(token)).send(body).expect(201);
    await register(tqDelegate, person('Nguyễn Văn An', '0912 100 001', 'Sở Ngoại vụ'));
    await register(tqDelegate, person('Nguyễn Thị Ánh', '0912 100 002', 'Báo Tuyên Quang'));
    await register(ptDelegate, person('Trần Văn Anh', '0912 100 003', 'Sở Ngoại vụ'));
    const names = async (token: string, query: Record<string, string | number>) =>
      (
        await t.http().get(`/api/v1/sessions/${id}/registrations`).set(bearer(token)).query(query).expect(200)
      ).body.items.map((r: { fullName: string }) => r.fullName);

    expect(await names(organiser, { q: 'nguyen an' })).toEqual(['Nguyễn Văn An', 'Nguyễn Thị Ánh']);
    expect(await names(organiser, { q: 'NGUYỄN VĂN' })).toEqual(['Nguyễn Văn An']);
    // Province by province (Phú Thọ before Tuyên Quang), as the list is ordered.
    expect(await names(organiser, { q: 'so ngoai' })).toEqual(['Trần Văn Anh', 'Nguyễn Văn An']);
    // A word must begin a word: "uang" is inside "Quang" but begins none.
    expect(await names(organiser, { q: 'uang' })).toEqual([]);
    expect(await names(organiser, { q: 'so ngoai', province: phuTho.id })).toEqual(['Trần Văn Anh']);
    // A delegate searches only their own province.
    expect(await names(tqDelegate, { q: 'so ngoai' })).toEqual(['Nguyễn Văn An']);
    const tooLong = await t
      .http()
      .get(`/api/v1/sessions/${id}/registrations`)
      .set(bearer(organiser))
      .query({ q: 'a'.repeat(201) })
      .expect(400);
    expect(tooLong.body.errors[0].path).toBe('q');
  });

  it('lists a province’s people as Vietnamese lists do: by given name, then middle and family names; or by full name', async () => {
    const id = await openSession('Tập huấn thứ tự tên', [{ provinceId: tuyenQuang.id, quota: 10 }]);
    const written = [
      'Trần Thị Ánh',
      'Đỗ Minh Đức',
      'Lê Văn Bình',
      'Nguyễn Thị An',
      'Phạm Thị Dung',
      'Hoàng Anh',
      'Vũ Văn An',
    ];
    for (const [i, name] of written.entries()) {
      await t
        .http()
        .post(`/api/v1/sessions/${id}/registrations`)
        .set(bearer(tqDelegate))
        .send(person(name, `09121000${10 + i}`))
        .expect(201);
    }
    const names = async (query: Record<string, string> = {}) =>
      (
        await t.http().get(`/api/v1/sessions/${id}/registrations`).set(bearer(organiser)).query(query).expect(200)
      ).body.items.map((r: { fullName: string }) => r.fullName);
    // An before Anh before Ánh (the accent counts after the letters); D before Đ; the two "An" by middle name.
    expect(await names()).toEqual([
      'Nguyễn Thị An',
      'Vũ Văn An',
      'Hoàng Anh',
      'Trần Thị Ánh',
      'Lê Văn Bình',
      'Phạm Thị Dung',
      'Đỗ Minh Đức',
    ]);
    expect(await names({ sort: 'full_name' })).toEqual([
      'Đỗ Minh Đức',
      'Hoàng Anh',
      'Lê Văn Bình',
      'Nguyễn Thị An',
      'Phạm Thị Dung',
      'Trần Thị Ánh',
      'Vũ Văn An',
    ]);
  });

  it('registers a person in few round trips: window and invitation, duplicate and insert, place and status one statement each', async () => {
    const id = await openSession('Tập huấn ít lượt hỏi cơ sở dữ liệu', [{ provinceId: tuyenQuang.id, quota: 5 }]);
    // Every statement the API sends, by wrapping the query runner's query (the one path to pg).
    const probe = db(t).createQueryRunner();
    const runnerPrototype = Object.getPrototypeOf(probe) as { query: (...args: unknown[]) => Promise<unknown> };
    await probe.release();
    const original = runnerPrototype.query;
    // Each with the runner (connection) it ran on: the mail worker polls on others meanwhile.
    const statements: { runner: unknown; sql: string }[] = [];
    runnerPrototype.query = function (this: unknown, ...args: unknown[]) {
      statements.push({ runner: this, sql: String(args[0]).replace(/\s+/g, ' ').trim() });
      return original.apply(this, args);
    };
    try {
      const res = await t
        .http()
        .post(`/api/v1/sessions/${id}/registrations`)
        .set(bearer(tqDelegate))
        .send({ ...person('Nông Thị Lượt', '0911000111'), email: 'nong.thi.luot@example.vn' })
        .expect(201);
      expect(res.body.status).toBe('confirmed');
    } finally {
      runnerPrototype.query = original;
    }
    const inserting = statements.find(({ sql }) => /INSERT INTO registration /.test(sql))!.runner;
    const ours = statements.filter(({ runner }) => runner === inserting).map(({ sql }) => sql);
    const begin = ours.findIndex((sql) => /^START TRANSACTION|^BEGIN/i.test(sql));
    const commit = ours.findIndex((sql) => /^COMMIT/i.test(sql));
    const transaction = ours.slice(begin + 1, commit);
    const about = (pattern: RegExp) => transaction.filter((sql) => pattern.test(sql));
    // The session's lock, its settings and the invitation: one statement.
    expect(about(/session_invited_province/)).toHaveLength(1);
    expect(about(/session_invited_province/)[0]).toMatch(/JOIN registration_settings .*FOR SHARE OF ts$/);
    expect(about(/(FROM|JOIN) registration_settings/)).toHaveLength(1);
    // The duplicate check and the insert: one statement; the quota, the capacity and the status: one.
    expect(about(/INSERT INTO registration /)).toHaveLength(1);
    expect(about(/INSERT INTO registration /)[0]).toMatch(/WHERE NOT EXISTS \(SELECT 1 FROM same\)/);
    expect(about(/UPDATE province_quota/)).toHaveLength(1);
    expect(about(/UPDATE province_quota/)[0]).toMatch(/UPDATE registration_settings.*UPDATE registration r/);
    // Besides those: the audit row, the mail (two reads of its facts, the outbox row and its
    // delivery job) and the answer's row. It took 14 before the statements were merged.
    expect(about(/INSERT INTO audit_log/)).toHaveLength(1);
    expect(transaction.length).toBeLessThanOrEqual(9);
    expect(await count(t, `SELECT count(*) AS n FROM registration WHERE session_id = $1`, [id])).toBe(1);
  });

  it('refuses registration outside the window', async () => {
    const session = (
      await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(organiser))
        .send({ title: 'Tập huấn chưa mở', kind: 'training_conference', startsOn: vnDayFromNow(40) })
        .expect(201)
    ).body;
    await t
      .http()
      .put(`/api/v1/sessions/${session.id}/invitations`)
      .set(bearer(organiser))
      .send({ provinceIds: [tuyenQuang.id] })
      .expect(200);
    const res = await t
      .http()
      .post(`/api/v1/sessions/${session.id}/registrations`)
      .set(bearer(tqDelegate))
      .send(person('Mai Văn Tiến', '0917000001'))
      .expect(409);
    expect(res.body.type).toMatch(/registration-closed$/);
  });

  it('200 simultaneous registrations against a quota of 20: exactly 20 confirmed, the rest waitlisted, no 5xx', async () => {
    const id = await openSession('Tập huấn đồng thời', [{ provinceId: tuyenQuang.id, quota: 20 }]);
    await t.app.listen(0, '127.0.0.1');
    const url = await t.app.getUrl();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        request(url)
          .post(`/api/v1/sessions/${id}/registrations`)
          .set(bearer(tqDelegate))
          .send(person(`Cán bộ số ${i + 1}`, `09180${String(i).padStart(5, '0')}`))
          .then((res) => res),
      ),
    );
    const statuses = results.map((res) => res.status);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    expect(statuses.every((status) => status === 201)).toBe(true);
    const byStatus = results.reduce<Record<string, number>>(
      (acc, res) => ({ ...acc, [res.body.status]: (acc[res.body.status] ?? 0) + 1 }),
      {},
    );
    expect(byStatus).toEqual({ confirmed: 20, waitlisted: 180 });
    expect(
      await count(t, `SELECT count(*) AS n FROM registration WHERE session_id = $1 AND status = 'confirmed'`, [id]),
    ).toBe(20);
    expect(await count(t, `SELECT confirmed_count AS n FROM province_quota WHERE session_id = $1`, [id])).toBe(20);
  });
});
