import request from 'supertest';
import {
  bearer,
  binary,
  count,
  delegateOf,
  fromNow,
  HOUR,
  MINUTE,
  openRegistration,
  type Province,
  provincesNamed,
  startTestApp,
  TestApp,
  tokenFor,
  vnDayFromNow,
} from './support/fixtures';

describe('attendance: check-in per part, offline batches, walk-ins, absences, statistics', () => {
  let t: TestApp;
  let organiser: string;
  let coordinator: string;
  let otherCoordinator: string;
  let tqDelegate: string;
  let ptDelegate: string;
  let sessionId: number;
  let morning: number;
  let afternoon: number;
  let tuyenQuang: Province;
  let phuTho: Province;
  const people: { id: number; name: string; provinceId: number; code: string }[] = [];
  const scan = (partId: number, body: object, token = coordinator) =>
    t.http().post(`/api/v1/sessions/${sessionId}/parts/${partId}/check-ins`).set(bearer(token)).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    [tuyenQuang, phuTho] = await provincesNamed(t, 'Tuyên Quang', 'Phú Thọ');
    organiser = await tokenFor(t, { role: 'organiser' });
    tqDelegate = await delegateOf(t, tuyenQuang);
    ptDelegate = await delegateOf(t, phuTho);

    const session = (
      await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(organiser))
        .send({
          title: 'Tập huấn hai buổi',
          kind: 'training_conference',
          // Around today: check-in is only open around a part's times, within the session's dates.
          startsOn: vnDayFromNow(-1),
          endsOn: vnDayFromNow(1),
          format: 'hybrid',
        })
        .expect(201)
    ).body;
    sessionId = session.id;
    coordinator = await tokenFor(t, { role: 'coordinator', sessionId });
    otherCoordinator = await tokenFor(t, { role: 'coordinator', sessionId: 1 });

    await openRegistration(t, organiser, sessionId, {
      provinceIds: [tuyenQuang.id, phuTho.id],
      quotas: [
        { provinceId: tuyenQuang.id, quota: 3 },
        { provinceId: phuTho.id, quota: 2 },
      ],
    });
    const roster: [string, string, string, string][] = [
      ['Nguyễn Thị Hồng Nhung', 'Ban Tuyên giáo Tỉnh ủy', '0920000001', 'tq'],
      ['Đặng Văn Đức', 'Công an tỉnh', '0920000002', 'tq'],
      ['Lương Thị Thu', 'Sở Ngoại vụ', '0920000003', 'tq'],
      ['Hà Văn Sơn', 'Báo Phú Thọ', '0920000004', 'pt'],
      ['Triệu Thị Mai', 'Ban Tuyên giáo Tỉnh ủy', '0920000005', 'pt'],
    ];
    for (const [name, agency, phone, who] of roster) {
      const token = who === 'tq' ? tqDelegate : ptDelegate;
      const reg = (
        await t
          .http()
          .post(`/api/v1/sessions/${sessionId}/registrations`)
          .set(bearer(token))
          .send({ fullName: name, agency, phone })
          .expect(201)
      ).body;
      const { code } = (
        await t.http().get(`/api/v1/registrations/${reg.id}/check-in-code`).set(bearer(token)).expect(200)
      ).body;
      people.push({ id: reg.id, name, provinceId: reg.provinceId, code });
    }
    morning = (
      await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/parts`)
        .set(bearer(organiser))
        .send({ label: 'Buổi sáng', startsAt: fromNow(-3 * HOUR), endsAt: fromNow(-HOUR / 2) })
        .expect(201)
    ).body.id;
    afternoon = (
      await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/parts`)
        .set(bearer(organiser))
        .send({ label: 'Buổi chiều', startsAt: fromNow(HOUR), endsAt: fromNow(4 * HOUR) })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  it('gives each confirmed registration an unguessable code and a QR image its own delegate can show', async () => {
    expect(new Set(people.map((p) => p.code)).size).toBe(people.length);
    for (const person of people) expect(person.code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const png = await t
      .http()
      .get(`/api/v1/registrations/${people[0].id}/qr.png`)
      .set(bearer(tqDelegate))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((png.body as Buffer).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const svg = await t
      .http()
      .get(`/api/v1/registrations/${people[0].id}/qr.svg`)
      .set(bearer(tqDelegate))
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toContain('<svg');
    await t.http().get(`/api/v1/registrations/${people[0].id}/qr.png`).set(bearer(ptDelegate)).expect(404);
  });

  it('100 simultaneous scans of one code make exactly one record', async () => {
    await t.app.listen(0, '127.0.0.1');
    const url = await t.app.getUrl();
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        request(url)
          .post(`/api/v1/sessions/${sessionId}/parts/${morning}/check-ins`)
          .set(bearer(coordinator))
          .send({ code: people[0].code })
          .then((res) => res),
      ),
    );
    expect(results.filter((res) => res.status >= 500)).toEqual([]);
    expect(results.filter((res) => res.body.outcome === 'checked_in')).toHaveLength(1);
    expect(results.filter((res) => res.body.outcome === 'already')).toHaveLength(99);
    expect(
      await count(t, `SELECT count(*) AS n FROM attendance WHERE part_id = $1 AND registration_id = $2`, [
        morning,
        people[0].id,
      ]),
    ).toBe(1);
    const again = await scan(morning, { code: people[0].code }).expect(200);
    expect(again.body.message).toMatch(/^already checked in at \d{2}:\d{2}$/);
  });

  it('replays the first answer to a retry with the same nonce', async () => {
    const first = await scan(morning, { code: people[1].code, nonce: 'scanner-7:0001' }).expect(201);
    const retry = await scan(morning, { code: people[1].code, nonce: 'scanner-7:0001' }).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(
      await count(t, `SELECT count(*) AS n FROM attendance WHERE part_id = $1 AND registration_id = $2`, [
        morning,
        people[1].id,
      ]),
    ).toBe(1);
  });

  it('answers each offline batch item on its own: ok, already, or error with a reason kept on file', async () => {
    const deviceTime = fromNow(-10 * MINUTE);
    await t
      .http()
      .post(`/api/v1/registrations/${people[4].id}/withdraw`)
      .set(bearer(ptDelegate))
      .send({ reason: 'ốm' })
      .expect(200);
    const res = await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/parts/${afternoon}/check-ins/batch`)
      .set(bearer(coordinator))
      .send({
        items: [
          { code: people[0].code, nonce: 'offline-1', scannedAt: deviceTime },
          { code: people[0].code, nonce: 'offline-2' },
          { code: 'ZZZZZZZZZZZZZZZZZZZZZZ', nonce: 'offline-3' },
          { code: people[4].code, nonce: 'offline-4' },
          { code: people[3].code, nonce: 'offline-5' },
        ],
      })
      .expect(200);
    expect(res.body.items.map((item: { result: string; reason: string | null }) => [item.result, item.reason])).toEqual(
      [
        ['ok', null],
        ['already', null],
        ['error', 'unknown_code'],
        ['error', 'withdrawn'],
        ['ok', null],
      ],
    );
    const part = await t
      .http()
      .get(`/api/v1/sessions/${sessionId}/parts/${afternoon}/attendance`)
      .set(bearer(coordinator))
      .expect(200);
    expect(part.body.failedScans.map((f: { reason: string }) => f.reason)).toEqual(['unknown_code', 'withdrawn']);
    const first = part.body.records.find((r: { registrationId: number }) => r.registrationId === people[0].id);
    // Device time kept for offline scans.
    expect(first.checkedInAt).toBe(new Date(deviceTime).toISOString());
    const wrongSession = await scan(afternoon, { code: people[0].code }, coordinator);
    expect(wrongSession.status).toBe(200);
  });

  it('records walk-ins, absences and undo, all with reasons, and never overwrites silently', async () => {
    const walkIn = await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/parts/${morning}/walk-ins`)
      .set(bearer(coordinator))
      .send({ fullName: 'Phùng Văn Khách', agency: 'Đài Phát thanh và Truyền hình tỉnh', provinceId: tuyenQuang.id })
      .expect(201);
    expect(walkIn.body).toMatchObject({ method: 'walk_in', status: 'present', registrationId: null });

    const absent = await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/parts/${morning}/absences`)
      .set(bearer(coordinator))
      .send({ registrationId: people[2].id, kind: 'excused', reason: 'đi công tác' })
      .expect(201);
    expect(absent.body.status).toBe('excused');
    await scan(morning, { code: people[2].code }).expect(409);
    await t.http().post(`/api/v1/attendance/${absent.body.id}/undo`).set(bearer(coordinator)).send({}).expect(400);
    const undone = await t
      .http()
      .post(`/api/v1/attendance/${absent.body.id}/undo`)
      .set(bearer(coordinator))
      .send({ reason: 'đã đến muộn' })
      .expect(200);
    expect(undone.body).toMatchObject({ undoReason: 'đã đến muộn' });
    await scan(morning, { code: people[2].code }).expect(201);
    expect(
      await count(t, `SELECT count(*) AS n FROM audit_log WHERE action LIKE 'attendance.%'`),
    ).toBeGreaterThanOrEqual(5);
  });

  it('lets only the session coordinators and organisers record', async () => {
    await scan(morning, { code: people[3].code }, tqDelegate).expect(403);
    await scan(morning, { code: people[3].code }, otherCoordinator).expect(403);
    await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/parts/${morning}/check-ins`)
      .send({ code: people[3].code })
      .expect(401);
    const bad = await scan(morning, { code: people[3].code, registrationId: people[3].id }).expect(400);
    expect(bad.body.errors[0].path).toBe('code');
    await scan(999999, { code: people[3].code }).expect(404);
  });

  it('takes headcounts at bridge points and adds statistics up by part, province and agency', async () => {
    const withPoint = await t
      .http()
      .post(`/api/v1/sessions/${sessionId}/bridge-points`)
      .set(bearer(organiser))
      .send({ name: 'Điểm cầu Tỉnh ủy Tuyên Quang', provinceId: tuyenQuang.id })
      .expect(201);
    const bridge = [{ id: withPoint.body.bridgePoints[0].id }];
    await t
      .http()
      .put(`/api/v1/sessions/${sessionId}/parts/${morning}/bridge-points/${bridge[0].id}/headcount`)
      .set(bearer(coordinator))
      .send({ headcount: 42 })
      .expect(204);
    await t
      .http()
      .delete(`/api/v1/sessions/${sessionId}/bridge-points/${bridge[0].id}`)
      .set(bearer(organiser))
      .expect(409);
    const stats = (await t.http().get(`/api/v1/sessions/${sessionId}/statistics`).set(bearer(coordinator)).expect(200))
      .body;
    // Morning: An (0), Đức (1), Thu (2, after undo) present; afternoon: An (0) and Sơn (3).
    expect(stats.invitedProvinces).toBe(2);
    expect(stats.totals).toEqual({ registered: 4, confirmed: 4, attended: 4, attendanceRate: 1 });
    expect(
      stats.parts.map((p: { present: number; walkIns: number; bridgePointHeadcount: number }) => [
        p.present,
        p.walkIns,
        p.bridgePointHeadcount,
      ]),
    ).toEqual([
      [3, 1, 42],
      [2, 0, 0],
    ]);
    const byProvince = Object.fromEntries(
      stats.byProvince.map((g: { key: string; confirmed: number; attended: number; presentByPart: number[] }) => [
        g.key,
        [g.confirmed, g.attended, g.presentByPart],
      ]),
    );
    expect(byProvince).toEqual({ 'Phú Thọ': [1, 1, [0, 1]], 'Tuyên Quang': [3, 3, [3, 1]] });
    const agencySum = stats.byAgency.reduce((sum: number, g: { confirmed: number }) => sum + g.confirmed, 0);
    expect(agencySum).toBe(stats.totals.confirmed);
    for (const part of stats.parts) {
      expect(
        stats.byProvince.reduce(
          (sum: number, g: { presentByPart: number[] }) => sum + g.presentByPart[stats.parts.indexOf(part)],
          0,
        ),
      ).toBe(part.present);
    }
  });

  it('rolls pre-2025 units up into their successors for statistics across years', async () => {
    const plain = (
      await t.http().get('/api/v1/statistics/provinces').set(bearer(organiser)).query({ year: 2024 }).expect(200)
    ).body;
    expect(plain.find((r: { provinceName: string }) => r.provinceName === 'Hòa Bình')).toMatchObject({
      trainingsInvited: 1,
    });
    const rolled = (
      await t
        .http()
        .get('/api/v1/statistics/provinces')
        .set(bearer(organiser))
        .query({ year: 2024, rollUp: 'true' })
        .expect(200)
    ).body;
    expect(rolled.find((r: { provinceName: string }) => r.provinceName === 'Hòa Bình')).toBeUndefined();
    // Phú Thọ (2025) = Phú Thọ + Vĩnh Phúc + Hòa Bình; only Hòa Bình's 2024 training was seeded for them.
    expect(rolled.find((r: { provinceId: number }) => r.provinceId === phuTho.id)).toMatchObject({
      trainingsInvited: 1,
      year: 2024,
    });
    const now = (
      await t
        .http()
        .get('/api/v1/statistics/provinces')
        .set(bearer(organiser))
        .query({ year: Number(vnDayFromNow(-1).slice(0, 4)) })
        .expect(200)
    ).body;
    expect(now.find((r: { provinceId: number }) => r.provinceId === tuyenQuang.id)).toMatchObject({
      peopleConfirmed: 3,
      peopleAttended: 3,
    });
    await t.http().get('/api/v1/statistics/provinces').set(bearer(organiser)).query({ rollUp: 'yes' }).expect(400);
  });
});
