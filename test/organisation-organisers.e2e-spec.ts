import {
  bearer,
  count,
  createUserWithRole,
  expectProblem,
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

/**
 * Issue 16, item 8: an organiser bound to an organisation (a provincial Sở TT&TT) creates and runs
 * that organisation's own trainings, and has no rights over national ones.
 */
describe('organisation-bound organisers: a Sở TT&TT runs its own district trainings only', () => {
  let t: TestApp;
  let admin: string;
  let national: string;
  let so: string;
  let soOrganisation: number;
  let otherOrganisation: number;
  let tuyenQuang: Province;
  let delegate: string;
  let nationalPublished: number;
  let nationalDraft: number;
  let coOrganised: number;

  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).set(bearer(token)),
    post: (url: string) => t.http().post(url).set(bearer(token)),
    put: (url: string) => t.http().put(url).set(bearer(token)),
    patch: (url: string) => t.http().patch(url).set(bearer(token)),
  });
  const createSession = async (token: string, title: string, extra: Record<string, unknown> = {}) =>
    (
      await as(token)
        .post('/api/v1/sessions')
        // Around today: the parts below lie an hour or two either side of now, at any time of day.
        .send({ title, kind: 'training_conference', startsOn: vnDayFromNow(-1), endsOn: vnDayFromNow(1), ...extra })
        .expect(201)
    ).body as { id: number; version: number; organisers: { organisationId: number; role: string }[] };
  const organisation = async (name: string) =>
    (await as(admin).post('/api/v1/organisations').send({ name, kind: 'state_body' }).expect(201)).body.id as number;

  beforeAll(async () => {
    t = await startTestApp();
    [tuyenQuang] = await provincesNamed(t, 'Tuyên Quang');
    admin = await tokenFor(t, { role: 'admin' });
    national = await tokenFor(t, { role: 'organiser' });
    delegate = await tokenFor(t, { role: 'province_delegate', provinceId: tuyenQuang.id });
    soOrganisation = await organisation('Sở Thông tin và Truyền thông tỉnh Tuyên Quang');
    otherOrganisation = await organisation('Ban Chỉ đạo công tác thông tin đối ngoại');
    // The Sở's organiser account, granted through the admin users API.
    const created = await as(admin)
      .post('/api/v1/users')
      .send({
        email: 'so-tttt@tuyenquang.gov.vn',
        displayName: 'Hoàng Thị Thu',
        password: 'Mật-khẩu-đủ-dài-2026',
        roles: [{ role: 'organiser', organisationId: soOrganisation }],
      })
      .expect(201);
    expect(created.body.roles).toEqual([
      { role: 'organiser', sessionId: null, provinceId: null, organisationId: soOrganisation },
    ]);
    so = await loginAs(t, 'so-tttt@tuyenquang.gov.vn', 'Mật-khẩu-đủ-dài-2026');

    nationalPublished = (await createSession(national, 'Hội nghị tập huấn toàn quốc')).id;
    for (const status of ['scheduled', 'registration_open']) {
      await as(national).post(`/api/v1/sessions/${nationalPublished}/status`).send({ status }).expect(200);
    }
    nationalDraft = (await createSession(national, 'Hội nghị toàn quốc (bản nháp)')).id;
    // A national session the Sở co-organises: it runs that one too.
    coOrganised = (await createSession(national, 'Hội nghị khu vực miền núi phía Bắc')).id;
    await as(national)
      .put(`/api/v1/sessions/${coOrganised}/organisers`)
      .send({
        organisers: [
          { organisationId: otherOrganisation, role: 'lead' },
          { organisationId: soOrganisation, role: 'co_organiser' },
        ],
      })
      .expect(200);
  });
  afterAll(() => t.close());

  it('creates a district training with its organisation as lead, then runs it end to end', async () => {
    const session = await createSession(so, 'Tập huấn thông tin đối ngoại cấp huyện', {
      audienceScope: 'district',
      audienceUnits: 'các huyện Sơn Dương, Yên Sơn và thành phố Tuyên Quang',
    });
    expect(session.organisers).toEqual([expect.objectContaining({ organisationId: soOrganisation, role: 'lead' })]);
    const id = session.id;
    // Its own draft: visible to it, edited by it.
    await as(so).get(`/api/v1/sessions/${id}`).expect(200);
    const renamed = await as(so)
      .patch(`/api/v1/sessions/${id}`)
      .send({ title: 'Tập huấn thông tin đối ngoại năm nay cho cấp huyện', version: session.version })
      .expect(200);
    expect(renamed.body.title).toBe('Tập huấn thông tin đối ngoại năm nay cho cấp huyện');
    // Registration settings, moderation, parts, exports.
    await openRegistration(t, so, id, {
      provinceIds: [tuyenQuang.id],
      quotas: [{ provinceId: tuyenQuang.id, quota: 5 }],
      moderated: true,
    });
    await as(so).get(`/api/v1/sessions/${id}/registration-settings`).expect(200);
    const registration = (
      await as(delegate)
        .post(`/api/v1/sessions/${id}/registrations`)
        .send({ fullName: 'Nguyễn Văn Bình', agency: 'UBND huyện Sơn Dương', phone: '0912000001' })
        .expect(201)
    ).body as { id: number; status: string };
    expect(registration.status).toBe('pending');
    const approved = await as(so).post(`/api/v1/registrations/${registration.id}/approve`).expect(200);
    expect(approved.body.status).toBe('confirmed');
    const part = await as(so)
      .post(`/api/v1/sessions/${id}/parts`)
      .send({ label: 'Buổi sáng', startsAt: fromNow(-HOUR), endsAt: fromNow(HOUR) })
      .expect(201);
    await as(so)
      .post(`/api/v1/sessions/${id}/parts/${part.body.id}/check-ins`)
      .send({ registrationId: registration.id })
      .expect(201);
    const csv = await as(so).get(`/api/v1/sessions/${id}/attendance.csv`).expect(200);
    expect(csv.text).toContain('Nguyễn Văn Bình');
    await as(so).get(`/api/v1/sessions/${id}/statistics`).expect(200);
    // Its drafts list holds its own sessions and not the national drafts.
    const drafts = await as(so).get('/api/v1/sessions').query({ status: 'draft', limit: 100 }).expect(200);
    const draftIds = (drafts.body.items as { id: number }[]).map((item) => item.id);
    expect(draftIds).toContain(coOrganised);
    expect(draftIds).not.toContain(nationalDraft);
  });

  it('runs a session its organisation co-organises', async () => {
    const current = (await as(so).get(`/api/v1/sessions/${coOrganised}`).expect(200)).body;
    await as(so)
      .patch(`/api/v1/sessions/${coOrganised}`)
      .send({ venueName: 'Hội trường Tỉnh ủy Tuyên Quang', version: current.version })
      .expect(200);
    // …but may not drop its own organisation from the organisers (it would lose the session).
    const dropped = await as(so)
      .put(`/api/v1/sessions/${coOrganised}/organisers`)
      .set('Accept-Language', 'vi')
      .send({ organisers: [{ organisationId: otherOrganisation, role: 'lead' }] });
    expectProblem(dropped, 400);
    expect(dropped.body.errors).toEqual([{ path: 'organisers', message: expect.stringContaining('tổ chức') }]);
  });

  it('is refused on national sessions: 404 on a draft, 403 on a published one, 403 on the shared catalogue', async () => {
    expectProblem(await as(so).get(`/api/v1/sessions/${nationalDraft}`), 404);
    const published = (await as(so).get(`/api/v1/sessions/${nationalPublished}`).expect(200)).body;
    expectProblem(
      await as(so)
        .patch(`/api/v1/sessions/${nationalPublished}`)
        .send({ title: 'Đổi tên hội nghị toàn quốc', version: published.version }),
      403,
    );
    expectProblem(await as(so).post(`/api/v1/sessions/${nationalPublished}/status`).send({ status: 'cancelled' }), 403);
    expectProblem(
      await as(so)
        .put(`/api/v1/sessions/${nationalPublished}/organisers`)
        .send({ organisers: [{ organisationId: soOrganisation, role: 'lead' }] }),
      403,
    );
    expectProblem(
      await as(so)
        .put(`/api/v1/sessions/${nationalPublished}/registration-settings`)
        .send({ opensAt: fromNow(-HOUR), closesAt: fromNow(24 * HOUR), moderated: false, quotas: [] }),
      403,
    );
    expectProblem(
      await as(so)
        .post(`/api/v1/sessions/${nationalPublished}/parts`)
        .send({ label: 'Buổi chiều', startsAt: fromNow(HOUR), endsAt: fromNow(2 * HOUR) }),
      403,
    );
    expectProblem(await as(so).get(`/api/v1/sessions/${nationalPublished}/attendance.csv`), 403);
    // Catalogue-wide writes need an organiser of every session.
    expectProblem(
      await as(so).post('/api/v1/organisations').send({ name: 'Sở Tư pháp tỉnh Tuyên Quang', kind: 'state_body' }),
      403,
    );
    expect((await as(national).get(`/api/v1/sessions/${nationalPublished}`).expect(200)).body.title).toBe(
      'Hội nghị tập huấn toàn quốc',
    );
  });

  it('rejects an organisation binding that is unknown or on another role, naming the field', async () => {
    const unknown = await as(admin)
      .post('/api/v1/users')
      .set('Accept-Language', 'vi')
      .send({
        email: 'khong-ton-tai@test.local',
        displayName: 'Người thử',
        password: 'Mật-khẩu-đủ-dài-2026',
        roles: [{ role: 'organiser', organisationId: 999_999 }],
      });
    expectProblem(unknown, 400);
    expect(unknown.body.errors).toEqual([{ path: 'roles.0.organisationId', message: 'tổ chức 999999 không tồn tại' }]);
    const user = await createUserWithRole(t, { role: 'coordinator' });
    const wrongRole = await as(admin)
      .patch(`/api/v1/users/${user.id}`)
      .send({ roles: [{ role: 'coordinator', organisationId: soOrganisation }] });
    expectProblem(wrongRole, 400);
    expect(wrongRole.body.errors.map((e: { path: string }) => e.path)).toEqual(['roles.0.organisationId']);
    const withSession = await as(admin)
      .patch(`/api/v1/users/${user.id}`)
      .send({ roles: [{ role: 'organiser', organisationId: soOrganisation, sessionId: nationalDraft }] });
    expectProblem(withSession, 400);
    expect(withSession.body.errors.map((e: { path: string }) => e.path)).toEqual(['roles.0.organisationId']);
    expect(await count(t, `SELECT count(*) AS n FROM app_user WHERE email = 'khong-ton-tai@test.local'`)).toBe(0);
  });

  it('loses the sessions at once when its binding is removed', async () => {
    const user = await createUserWithRole(t, { role: 'organiser', organisationId: soOrganisation });
    const token = await loginAs(t, user.email, user.password);
    await as(token).get(`/api/v1/sessions/${coOrganised}`).expect(200);
    await as(admin)
      .patch(`/api/v1/users/${user.id}`)
      .send({ roles: [{ role: 'organiser', organisationId: otherOrganisation }] })
      .expect(200);
    // Still a lead organiser of the regional session, now through the other organisation.
    const me = await as(token).get('/api/v1/auth/me').expect(200);
    expect(me.body.roles).toEqual([
      { role: 'organiser', sessionId: null, provinceId: null, organisationId: otherOrganisation },
    ]);
    const drafts = await as(token).get('/api/v1/sessions').query({ status: 'draft', limit: 100 }).expect(200);
    expect((drafts.body.items as { id: number }[]).map((item) => item.id)).toEqual([coOrganised]);
  });
});
