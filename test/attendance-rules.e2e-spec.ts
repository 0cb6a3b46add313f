import {
  bearer,
  createUserWithRole,
  DAY,
  db,
  delegateOf,
  fromNow,
  HOUR,
  loginAs,
  MINUTE,
  openRegistration,
  type Province,
  provincesNamed,
  startTestApp,
  TestApp,
  tokenFor,
  vnDayFromNow,
} from './support/fixtures';

/** The Việt Nam wall-clock time of an instant, without an offset (as a device set to local time sends it). */
const vietnamWallClock = (iso: string) => new Date(Date.parse(iso) + 7 * HOUR).toISOString().slice(0, 19);

/**
 * Field-trial rules of check-in and attendance (issue 10, items 9–13; issue 11, item 9). Every
 * date is built relative to now: the rules compare with now.
 */
describe('attendance rules: time window, parts in Việt Nam time, walk-in duplicates, per-item batches', () => {
  let t: TestApp;
  let organiser: string;
  let coordinator: string;
  let tqDelegate: string;
  let ptDelegate: string;
  let sessionId: number;
  let tuyenQuang: Province;
  let phuTho: Province;
  /** Open now (started an hour ago). */
  let current: number;
  /** Ended three hours ago: outside the default 2 h grace after. */
  let ended: number;
  /** Starts in an hour: inside the default 2 h grace, outside this app's 30 min (CHECK_IN_OPENS_BEFORE_MINUTES). */
  let soon: number;
  const people: { id: number; name: string; phone: string; code: string }[] = [];
  let waitlistedId: number;
  const scan = (partId: number, body: object) =>
    t.http().post(`/api/v1/sessions/${sessionId}/parts/${partId}/check-ins`).set(bearer(coordinator)).send(body);
  const addPart = (body: object, token = organiser) =>
    t.http().post(`/api/v1/sessions/${sessionId}/parts`).set(bearer(token)).send(body);

  beforeAll(async () => {
    t = await startTestApp({ env: { CHECK_IN_OPENS_BEFORE_MINUTES: '30' } });
    [tuyenQuang, phuTho] = await provincesNamed(t, 'Tuyên Quang', 'Phú Thọ');
    organiser = await tokenFor(t, { role: 'organiser' });
    tqDelegate = await delegateOf(t, tuyenQuang);
    ptDelegate = await delegateOf(t, phuTho);
    sessionId = (
      await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(organiser))
        .send({
          title: 'Tập huấn quy tắc điểm danh',
          kind: 'training_conference',
          startsOn: vnDayFromNow(-1),
          endsOn: vnDayFromNow(1),
        })
        .expect(201)
    ).body.id;
    coordinator = await tokenFor(t, { role: 'coordinator', sessionId });
    await openRegistration(t, organiser, sessionId, {
      provinceIds: [tuyenQuang.id, phuTho.id],
      quotas: [
        { provinceId: tuyenQuang.id, quota: 5 },
        { provinceId: phuTho.id, quota: 1 },
      ],
    });
    for (const [name, phone, token] of [
      ['Nguyễn Thị Hồng Nhung', '0940000001', tqDelegate],
      ['Đặng Văn Đức', '0940000002', tqDelegate],
      ['Hà Văn Sơn', '0940000003', ptDelegate],
    ] as const) {
      const reg = (
        await t
          .http()
          .post(`/api/v1/sessions/${sessionId}/registrations`)
          .set(bearer(token))
          .send({ fullName: name, agency: 'Sở Ngoại vụ', phone })
          .expect(201)
      ).body;
      const { code } = (
        await t.http().get(`/api/v1/registrations/${reg.id}/check-in-code`).set(bearer(token)).expect(200)
      ).body;
      people.push({ id: reg.id, name, phone, code });
    }
    // Phú Thọ's one place is taken: the next person waits.
    const waiting = (
      await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/registrations`)
        .set(bearer(ptDelegate))
        .send({ fullName: 'Triệu Thị Mai', agency: 'Báo Phú Thọ', phone: '0940000004' })
        .expect(201)
    ).body;
    expect(waiting.status).toBe('waitlisted');
    waitlistedId = waiting.id;
    current = (
      await addPart({ label: 'Đang diễn ra', startsAt: fromNow(-HOUR), endsAt: fromNow(2 * HOUR) }).expect(201)
    ).body.id;
    ended = (await addPart({ label: 'Đã xong', startsAt: fromNow(-6 * HOUR), endsAt: fromNow(-3 * HOUR) }).expect(201))
      .body.id;
    soon = (await addPart({ label: 'Sắp tới', startsAt: fromNow(HOUR), endsAt: fromNow(3 * HOUR) }).expect(201)).body
      .id;
  });
  afterAll(() => t.close());

  describe('check-in code of a person not confirmed (10.13)', () => {
    it('answers 409 "chưa được xác nhận" instead of pretending the code does not exist', async () => {
      const res = await t
        .http()
        .get(`/api/v1/registrations/${waitlistedId}/check-in-code`)
        .set(bearer(ptDelegate))
        .expect(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toMatch(/not-confirmed$/);
      expect(res.body.detail).toContain('chưa được xác nhận');
      expect(res.body.registrationStatus).toBe('waitlisted');
      // Another province's delegate still learns nothing.
      await t.http().get(`/api/v1/registrations/${waitlistedId}/check-in-code`).set(bearer(tqDelegate)).expect(404);
      await t.http().get(`/api/v1/registrations/${waitlistedId}/qr.png`).set(bearer(ptDelegate)).expect(409);
    });
  });

  describe('offline batch (10.9)', () => {
    it('records the good items and answers each malformed one in its place', async () => {
      const res = await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/parts/${current}/check-ins/batch`)
        .set(bearer(coordinator))
        .send({
          items: [
            { code: people[0].code, nonce: 'b-1', scannedAt: fromNow(-5 * MINUTE) },
            { code: 'not a code!' },
            'garbage',
            { code: people[1].code, colour: 'red' },
            { code: people[1].code, registrationId: people[1].id },
            { code: people[1].code, nonce: 'b-6' },
          ],
        })
        .expect(200);
      const items = res.body.items as { index: number; result: string; reason: string; errors?: { path: string }[] }[];
      expect(items.map((item) => [item.index, item.result, item.reason])).toEqual([
        [0, 'ok', null],
        [1, 'error', 'invalid'],
        [2, 'error', 'invalid'],
        [3, 'error', 'invalid'],
        [4, 'error', 'invalid'],
        [5, 'ok', null],
      ]);
      expect(items[1].errors!.map((e) => e.path)).toEqual(['items.1.code']);
      expect(items[2].errors!.map((e) => e.path)).toEqual(['items.2']);
      expect(items[3].errors!.map((e) => e.path)).toEqual(['items.3.colour']);
      expect(items[4].errors!.map((e) => e.path)).toEqual(['items.4.code']);
      // The envelope itself is still validated as a whole.
      await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/parts/${current}/check-ins/batch`)
        .set(bearer(coordinator))
        .send({ items: [] })
        .expect(400);
    });
  });

  describe('walk-ins (10.11)', () => {
    it('refuses the same walk-in twice in a part, naming the record, and reuses it in another part', async () => {
      const walkIn = { fullName: 'Phùng Văn Khách', agency: 'Đài Phát thanh tỉnh', phone: '0912345678' };
      const first = await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/parts/${current}/walk-ins`)
        .set(bearer(coordinator))
        .send(walkIn)
        .expect(201);
      const again = await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/parts/${current}/walk-ins`)
        .set(bearer(coordinator))
        // Same person typed differently: case, spacing, phone written the international way.
        .send({ ...walkIn, fullName: 'phùng  văn khách', phone: '+84 912 345 678' })
        .expect(409);
      expect(again.body.type).toMatch(/walk-in-exists$/);
      expect(again.body).toMatchObject({ attendanceId: first.body.id, walkInId: first.body.walkInId });
      const parallel = (
        await addPart({ label: 'Song song', startsAt: fromNow(-HOUR), endsAt: fromNow(HOUR) }).expect(201)
      ).body.id;
      const second = await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/parts/${parallel}/walk-ins`)
        .set(bearer(coordinator))
        .send(walkIn)
        .expect(201);
      expect(second.body.walkInId).toBe(first.body.walkInId);
      expect(
        Number((await db(t).query(`SELECT count(*) AS n FROM walk_in WHERE session_id = $1`, [sessionId]))[0].n),
      ).toBe(1);
    });

    it('refuses a registered person as a walk-in, naming their registration and check-in', async () => {
      const checkedIn = await scan(current, { code: people[2].code }).expect(201);
      const res = await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/parts/${current}/walk-ins`)
        .set(bearer(coordinator))
        .send({ fullName: people[2].name, agency: 'Sở Ngoại vụ', phone: people[2].phone })
        .expect(409);
      expect(res.body.type).toMatch(/registered-person$/);
      expect(res.body).toMatchObject({ registrationId: people[2].id, attendanceId: checkedIn.body.attendanceId });
    });
  });

  describe('parts (10.12)', () => {
    it('reads times without an offset as Việt Nam time', async () => {
      const day = vnDayFromNow(0);
      const res = await addPart({
        label: 'Giờ địa phương',
        startsAt: `${day}T08:00`,
        endsAt: `${day}T11:30:00`,
      }).expect(201);
      expect(res.body.startsAt).toBe(`${day}T01:00:00.000Z`);
      expect(res.body.endsAt).toBe(`${day}T04:30:00.000Z`);
    });

    it("refuses parts outside the session's dates, naming the field", async () => {
      const later = vnDayFromNow(5);
      const res = await addPart({ label: 'Ngoài ngày', startsAt: `${later}T08:00`, endsAt: `${later}T11:00` }).expect(
        400,
      );
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['endsAt', 'startsAt']);
      const before = vnDayFromNow(-3);
      await addPart({ label: 'Trước', startsAt: `${before}T08:00`, endsAt: fromNow(HOUR) }).expect(400);
    });

    it('lets the coordinators of the session add, edit and remove parts; removal refused once attendance exists', async () => {
      const day = vnDayFromNow(1);
      const created = await addPart(
        { label: 'Chiều mai', startsAt: `${day}T13:30`, endsAt: `${day}T17:00` },
        coordinator,
      ).expect(201);
      const edited = await t
        .http()
        .patch(`/api/v1/sessions/${sessionId}/parts/${created.body.id}`)
        .set(bearer(coordinator))
        .send({ label: 'Chiều mai (đổi giờ)', startsAt: `${day}T14:00` })
        .expect(200);
      expect(edited.body).toMatchObject({ label: 'Chiều mai (đổi giờ)', startsAt: `${day}T07:00:00.000Z` });
      await t
        .http()
        .patch(`/api/v1/sessions/${sessionId}/parts/${created.body.id}`)
        .set(bearer(coordinator))
        .send({ endsAt: `${day}T12:00` })
        .expect(400);
      await t
        .http()
        .delete(`/api/v1/sessions/${sessionId}/parts/${created.body.id}`)
        .set(bearer(coordinator))
        .expect(204);
      const removed = await t
        .http()
        .delete(`/api/v1/sessions/${sessionId}/parts/${current}`)
        .set(bearer(coordinator))
        .expect(409);
      expect(removed.body.type).toMatch(/part-has-attendance$/);
      // Another session's coordinator manages nothing here.
      const other = await createUserWithRole(t, { role: 'coordinator', sessionId: 1 });
      await addPart(
        { label: 'x', startsAt: fromNow(HOUR), endsAt: fromNow(2 * HOUR) },
        await loginAs(t, other.email, other.password),
      ).expect(403);
    });

    it('reads a date-only closesAt as the end of that day in Việt Nam', async () => {
      const day = vnDayFromNow(1);
      const res = await t
        .http()
        .put(`/api/v1/sessions/${sessionId}/registration-settings`)
        .set(bearer(organiser))
        .send({
          opensAt: fromNow(-DAY),
          closesAt: day,
          moderated: false,
          quotas: [
            { provinceId: tuyenQuang.id, quota: 5 },
            { provinceId: phuTho.id, quota: 1 },
          ],
        })
        .expect(200);
      expect(res.body.closesAt).toBe(`${day}T16:59:59.999Z`);
    });
  });

  describe('time window (10.10)', () => {
    it('refuses a scan outside the window, keeps it as a refused scan, and says so in Vietnamese', async () => {
      const early = await scan(soon, { code: people[0].code }).expect(422);
      expect(early.body.reason).toBe('outside_time_window');
      expect(early.body.detail).toContain('ngoài thời gian của buổi');
      const late = await scan(ended, { code: people[0].code }).expect(422);
      expect(late.body.reason).toBe('outside_time_window');
      const refused = await t
        .http()
        .get(`/api/v1/sessions/${sessionId}/parts/${soon}/attendance`)
        .set(bearer(coordinator))
        .expect(200);
      expect(refused.body.records).toEqual([]);
      expect(refused.body.failedScans.map((f: { reason: string }) => f.reason)).toEqual(['outside_time_window']);
      // Walk-ins follow the same window.
      await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/parts/${ended}/walk-ins`)
        .set(bearer(coordinator))
        .send({ fullName: 'Lò Văn Muộn', agency: 'UBND xã' })
        .expect(422);
    });

    it('judges offline scans by their device time when it is plausible', async () => {
      const during = fromNow(-4 * HOUR);
      const res = await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/parts/${ended}/check-ins/batch`)
        .set(bearer(coordinator))
        .send({
          items: [
            // Scanned during the part, uploaded hours later: accepted with its device time.
            { code: people[1].code, nonce: 'late-upload', scannedAt: during },
            // A device clock in the future is not believed: judged by now, which is after the window.
            { code: people[0].code, nonce: 'bad-clock', scannedAt: fromNow(-HOUR + 30 * DAY) },
            // A device that sends its wall-clock time without an offset means Việt Nam time.
            { code: people[2].code, nonce: 'local-clock', scannedAt: vietnamWallClock(during) },
          ],
        })
        .expect(200);
      expect(res.body.items.map((item: { result: string; reason: string }) => [item.result, item.reason])).toEqual([
        ['ok', null],
        ['error', 'outside_time_window'],
        ['ok', null],
      ]);
      expect(res.body.items[0].answer.checkedInAt).toBe(new Date(during).toISOString());
      expect(res.body.items[2].answer.checkedInAt).toBe(new Date(during).toISOString());
    });
  });

  describe('substitution (11.10)', () => {
    it('issues a new check-in code to the substitute and answers the old one as retired', async () => {
      const before = (await t.http().get(`/api/v1/registrations/${people[0].id}`).set(bearer(tqDelegate)).expect(200))
        .body;
      await t
        .http()
        .patch(`/api/v1/registrations/${people[0].id}`)
        .set(bearer(tqDelegate))
        .send({ fullName: 'Hoàng Văn Thay', phone: '0940000099', version: before.version })
        .expect(200);
      const { code } = (
        await t.http().get(`/api/v1/registrations/${people[0].id}/check-in-code`).set(bearer(tqDelegate)).expect(200)
      ).body;
      expect(code).not.toBe(people[0].code);
      const old = await scan(current, { code: people[0].code }).expect(422);
      expect(old.body).toMatchObject({ reason: 'retired_code', registrationId: people[0].id });
      const fresh = await scan(current, { code });
      expect([200, 201]).toContain(fresh.status);
      expect(fresh.body.person.fullName).toBe('Hoàng Văn Thay');
      // A correction of the same person's phone keeps their code.
      await t
        .http()
        .patch(`/api/v1/registrations/${people[1].id}`)
        .set(bearer(tqDelegate))
        .send({
          phone: '0940000098',
          version: (await t.http().get(`/api/v1/registrations/${people[1].id}`).set(bearer(tqDelegate))).body.version,
        })
        .expect(200);
      expect(
        (await t.http().get(`/api/v1/registrations/${people[1].id}/check-in-code`).set(bearer(tqDelegate))).body.code,
      ).toBe(people[1].code);
    });
  });

  describe('cancelled session (11.9)', () => {
    it('refuses attendance once the session is cancelled, and counts none of it in statistics', async () => {
      const year = Number(vnDayFromNow(-1).slice(0, 4));
      const attendedIn = async (provinceId: number) =>
        ((
          await t.http().get('/api/v1/statistics/provinces').set(bearer(organiser)).query({ year }).expect(200)
        ).body.find((row: { provinceId: number }) => row.provinceId === provinceId)?.peopleAttended ?? 0) as number;
      expect(await attendedIn(phuTho.id)).toBe(1);
      await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/status`)
        .set(bearer(organiser))
        .send({ status: 'cancelled', reason: 'hoãn vì bão' })
        .expect(200);
      const refused = await scan(current, { code: people[1].code }).expect(422);
      expect(refused.body.reason).toBe('session_cancelled');
      await t
        .http()
        .post(`/api/v1/sessions/${sessionId}/parts/${current}/absences`)
        .set(bearer(coordinator))
        .send({ registrationId: people[1].id, kind: 'absent', reason: 'không đến' })
        .expect(409);
      expect(await attendedIn(phuTho.id)).toBe(0);
      const stats = (
        await t.http().get(`/api/v1/sessions/${sessionId}/statistics`).set(bearer(coordinator)).expect(200)
      ).body;
      expect(stats.cancelled).toBe(true);
      expect(stats.totals.attended).toBe(0);
    });
  });
});
