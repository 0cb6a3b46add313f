import { DataSource } from 'typeorm';
import { count, createUserWithRole, loginAs, startTestApp, TestApp, tokenFor } from './support/fixtures';

describe('catalogue: organisers edit sessions, agenda, people, organisations, documents', () => {
  let t: TestApp;
  let organiser: string;
  let delegate: string;

  beforeAll(async () => {
    t = await startTestApp();
    const o = await createUserWithRole(t, { role: 'organiser' });
    organiser = await loginAs(t, o.email, o.password);
    delegate = await tokenFor(t, { role: 'province_delegate' });
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (url: string) => t.http().get(url).auth(token, { type: 'bearer' }),
    post: (url: string) => t.http().post(url).auth(token, { type: 'bearer' }),
    patch: (url: string) => t.http().patch(url).auth(token, { type: 'bearer' }),
    put: (url: string) => t.http().put(url).auth(token, { type: 'bearer' }),
    delete: (url: string) => t.http().delete(url).auth(token, { type: 'bearer' }),
  });

  it('creates a draft invisible to the public, schedules it, and refuses illegal transitions', async () => {
    const created = await as(organiser)
      .post('/api/v1/sessions')
      .send({
        title: 'Hội nghị tập huấn công tác thông tin đối ngoại năm 2026',
        kind: 'training_conference',
        startsOn: '2026-04-15',
        partOfDay: 'morning',
      })
      .expect(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      status: 'draft',
      slug: 'hoi-nghi-tap-huan-cong-tac-thong-tin-doi-ngoai-nam-2026',
      version: 1,
    });
    await t.http().get(`/api/v1/sessions/${id}`).expect(404);
    const publicList = await t.http().get('/api/v1/sessions').query({ status: 'draft' }).expect(200);
    expect(publicList.body.page.total).toBe(0);
    await as(organiser).get(`/api/v1/sessions/${id}`).expect(200);

    const illegal = await as(organiser).post(`/api/v1/sessions/${id}/status`).send({ status: 'completed' }).expect(409);
    expect(illegal.body).toMatchObject({ from: 'draft', to: 'completed', allowed: ['scheduled', 'cancelled'] });
    await as(organiser).post(`/api/v1/sessions/${id}/status`).send({ status: 'scheduled' }).expect(200);
    await t.http().get(`/api/v1/sessions/${id}`).expect(200);
    const noReason = await as(organiser)
      .post(`/api/v1/sessions/${id}/status`)
      .send({ status: 'cancelled' })
      .expect(400);
    expect(noReason.body.errors[0].path).toBe('reason');
    expect(
      await count(t, `SELECT count(*) AS n FROM audit_log WHERE entity_type = 'training_session' AND entity_id = $1`, [
        String(id),
      ]),
    ).toBe(2);
  });

  it('builds an agenda with presenters and documents, keeps positions consecutive, and searches it', async () => {
    const session = (
      await as(organiser)
        .post('/api/v1/sessions')
        .send({ title: 'Tập huấn nhân quyền Tây Nguyên', kind: 'training_conference', startsOn: '2026-06-01' })
        .expect(201)
    ).body;
    const person = (
      await as(organiser).post('/api/v1/people').send({ fullName: 'Trần Thị Hạnh', academicTitle: 'TS' }).expect(201)
    ).body;
    const kl57 = (await t.http().get('/api/v1/documents').query({ q: '57-KL/TW' })).body.items[0];
    const first = await as(organiser)
      .post(`/api/v1/sessions/${session.id}/agenda`)
      .send({
        kind: 'topic',
        title: 'Chuyên đề nhân quyền',
        presenters: [{ personId: person.id }],
        documentIds: [kl57.id],
        startsAt: '08:00',
        endsAt: '09:30',
      })
      .expect(201);
    expect(first.body.agenda[0]).toMatchObject({
      position: 1,
      startsAt: '08:00',
      presenters: [expect.objectContaining({ name: 'Trần Thị Hạnh' })],
    });
    const second = await as(organiser)
      .post(`/api/v1/sessions/${session.id}/agenda`)
      .send({ kind: 'opening_speech', title: 'Khai mạc', position: 1 })
      .expect(201);
    expect(second.body.agenda.map((item: { title: string; position: number }) => [item.position, item.title])).toEqual([
      [1, 'Khai mạc'],
      [2, 'Chuyên đề nhân quyền'],
    ]);
    const removed = await as(organiser)
      .delete(`/api/v1/sessions/${session.id}/agenda/${second.body.agenda[0].id}`)
      .expect(200);
    expect(removed.body.agenda.map((item: { position: number }) => item.position)).toEqual([1]);
    // null clears the lists and leaves the position alone, never a 500.
    const cleared = await as(organiser)
      .patch(`/api/v1/sessions/${session.id}/agenda/${removed.body.agenda[0].id}`)
      .send({ presenters: null, documentIds: null, position: null })
      .expect(200);
    expect(cleared.body.agenda[0]).toMatchObject({ position: 1, presenters: [], documents: [] });
    await as(organiser)
      .patch(`/api/v1/sessions/${session.id}/agenda/${removed.body.agenda[0].id}`)
      .send({ presenters: [{ personId: person.id }] })
      .expect(200);
    const found = await as(organiser).get('/api/v1/sessions').query({ q: 'tran thi hanh' }).expect(200);
    expect(found.body.items.map((s: { id: number }) => s.id)).toContain(session.id);

    const both = await as(organiser)
      .post(`/api/v1/sessions/${session.id}/agenda`)
      .send({ kind: 'report', title: 'Báo cáo', presenters: [{ personId: person.id, organisationId: 1 }] })
      .expect(400);
    expect(both.body.errors[0].path).toBe('presenters.0');
    const ghost = await as(organiser)
      .post(`/api/v1/sessions/${session.id}/agenda`)
      .send({ kind: 'report', title: 'Báo cáo', presenters: [{ personId: 999999 }] })
      .expect(400);
    expect(ghost.body.errors[0]).toEqual({ path: 'presenters.0.personId', message: 'person 999999 does not exist' });
  });

  it('invites whole regions as the units in force on the start date', async () => {
    const session = (
      await as(organiser)
        .post('/api/v1/sessions')
        .send({ title: 'Tập huấn khu vực miền núi phía Bắc', kind: 'training_conference', startsOn: '2026-09-10' })
        .expect(201)
    ).body;
    const regions = (await t.http().get('/api/v1/regions')).body as { id: number; name: string }[];
    const north = regions.find((r) => r.name === 'Trung du và miền núi phía Bắc')!;
    const res = await as(organiser)
      .put(`/api/v1/sessions/${session.id}/invitations`)
      .send({ regionIds: [north.id] })
      .expect(200);
    // 2026: the merged units (e.g. Phú Thọ absorbed Hòa Bình), not the 14 pre-2025 ones.
    const names = res.body.invitedProvinces.map((p: { name: string }) => p.name);
    expect(names).toContain('Phú Thọ');
    expect(names).not.toContain('Hòa Bình');
    expect(res.body.invitationScope).toBe('regions');
  });

  it('refuses stale versions and duplicate slugs', async () => {
    const session = (
      await as(organiser)
        .post('/api/v1/sessions')
        .send({ title: 'Hội thảo đối ngoại', kind: 'workshop', startsOn: '2026-05-05' })
        .expect(201)
    ).body;
    // A colleague saves first; the organiser's save from the same version is refused and says who and when.
    const colleague = await createUserWithRole(t, { role: 'organiser', displayName: 'Trần Thị Lành' });
    await as(await loginAs(t, colleague.email, colleague.password))
      .patch(`/api/v1/sessions/${session.id}`)
      .send({ version: 1, venueName: 'Hội trường A' })
      .expect(200);
    const stale = await as(organiser)
      .patch(`/api/v1/sessions/${session.id}`)
      .send({ version: 1, venueName: 'Hội trường B' })
      .expect(409);
    expect(stale.body.currentVersion).toBe(2);
    expect(stale.body.lastChange.by).toBe('Trần Thị Lành');
    const [audited]: { at: Date }[] = await t.app
      .get(DataSource)
      .query(
        `SELECT at FROM audit_log WHERE entity_type = 'training_session' AND entity_id = $1 AND action = 'session.updated'`,
        [String(session.id)],
      );
    expect(stale.body.lastChange.at).toBe(audited.at.toISOString());
    // The same title gets a derived slug of its own; a slug the organiser chose that is taken is refused.
    const dup = await as(organiser)
      .post('/api/v1/sessions')
      .send({ title: 'Hội thảo đối ngoại', kind: 'workshop', startsOn: '2026-05-06', slug: session.slug })
      .expect(409);
    expect(dup.body.errors[0].path).toBe('slug');
    const badDates = await as(organiser)
      .patch(`/api/v1/sessions/${session.id}`)
      .send({ version: 2, endsOn: '2026-05-01' })
      .expect(400);
    expect(badDates.body.errors[0].path).toBe('endsOn');
    const badField = await as(organiser)
      .patch(`/api/v1/sessions/${session.id}`)
      .send({ version: 2, status: 'completed', id: 1 })
      .expect(400);
    expect(badField.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['id', 'status']);
  });

  it('race: 100 sessions of one title created at once each get a free slug; 100 people with one name, one 201 and 409s naming the slug', async () => {
    const title = 'Hội nghị tập huấn đồng thời';
    const sessions = await Promise.all(
      Array.from({ length: 100 }, () =>
        as(organiser).post('/api/v1/sessions').send({ title, kind: 'training_conference', startsOn: '2026-06-01' }),
      ),
    );
    expect(sessions.map((res) => res.status)).toEqual(sessions.map(() => 201));
    expect(new Set(sessions.map((res) => res.body.slug)).size).toBe(100);
    expect(await count(t, `SELECT count(*) AS n FROM training_session WHERE title = $1`, [title])).toBe(100);

    const people = await Promise.all(
      Array.from({ length: 100 }, () => as(organiser).post('/api/v1/people').send({ fullName: 'Cầm Thị Đồng Thời' })),
    );
    const statuses = people.map((res) => res.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(99);
    for (const refused of people.filter((res) => res.status === 409)) {
      expect(refused.body.errors).toEqual([{ path: 'slug', message: 'is already used' }]);
    }
    expect(await count(t, `SELECT count(*) AS n FROM person WHERE full_name = 'Cầm Thị Đồng Thời'`)).toBe(1);
  });

  it('clears optional fields with null and refuses null for the others, naming the field', async () => {
    const [province] = await t.app.get(DataSource).query(`SELECT id FROM province WHERE valid_to IS NULL LIMIT 1`);
    const created = await as(organiser)
      .post('/api/v1/sessions')
      .send({
        title: 'Tập huấn xoá trường tuỳ chọn',
        kind: 'training_conference',
        startsOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        partOfDay: 'morning',
        venueName: 'Hội trường tầng 3',
        venueAddress: '12 Lê Lợi',
        hostProvinceId: province.id,
        audience: 'Cán bộ làm công tác thông tin đối ngoại',
        note: 'Ghi chú tạm',
      })
      .expect(201);
    const cleared = await as(organiser)
      .patch(`/api/v1/sessions/${created.body.id}`)
      .send({
        version: created.body.version,
        partOfDay: null,
        venueName: null,
        venueAddress: null,
        hostProvinceId: null,
        audience: null,
        note: null,
      })
      .expect(200);
    expect(cleared.body).toMatchObject({
      venueName: null,
      venueAddress: null,
      hostProvince: null,
      audience: null,
      note: null,
    });
    expect(cleared.body.schedule.partOfDay).toBeNull();
    expect(cleared.body.title).toBe('Tập huấn xoá trường tuỳ chọn');

    const refused = await as(organiser)
      .patch(`/api/v1/sessions/${created.body.id}`)
      .set('Accept-Language', 'vi')
      .send({ version: cleared.body.version, title: null, format: null, venueName: 'Hội trường mới' })
      .expect(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['format', 'title']);
    expect(refused.body.errors[0].message).toBe('không thể để trống: bỏ trường này ra khỏi yêu cầu để giữ giá trị cũ');
    const unchanged = await as(organiser).get(`/api/v1/sessions/${created.body.id}`).expect(200);
    expect(unchanged.body).toMatchObject({ version: cleared.body.version, venueName: null, format: 'in_person' });
  });

  it('renames an organisation from a date and still finds it by the old name', async () => {
    const org = (
      await as(organiser)
        .post('/api/v1/organisations')
        .send({ name: 'Sở Thông tin và Truyền thông tỉnh Tuyên Quang', kind: 'state_body' })
        .expect(201)
    ).body;
    await as(organiser)
      .post(`/api/v1/organisations/${org.id}/renames`)
      .send({ name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Tuyên Quang', effectiveFrom: '2025-03-01' })
      .expect(204);
    const before = await t.http().get(`/api/v1/organisations/${org.id}`).query({ at: '2024-12-01' }).expect(200);
    expect(before.body.nameAt).toBe('Sở Thông tin và Truyền thông tỉnh Tuyên Quang');
    expect(before.body.name).toBe('Sở Văn hóa, Thể thao và Du lịch tỉnh Tuyên Quang');
    const byOld = await t
      .http()
      .get('/api/v1/organisations')
      .query({ q: 'so thong tin va truyen thong tuyen quang' })
      .expect(200);
    expect(byOld.body.items.map((o: { id: number }) => o.id)).toContain(org.id);
  });

  it('refuses to delete what is still referenced, naming the references, and deletes what is not', async () => {
    const kl57 = (await t.http().get('/api/v1/documents').query({ q: '57-KL/TW' })).body.items[0];
    const res = await as(organiser).delete(`/api/v1/documents/${kl57.id}`).expect(409);
    expect(res.body.detail).toMatch(/still referenced by .*(sessions|agenda items)/);
    expect(res.body.referencedBy.length).toBeGreaterThan(0);
    const binh = (await t.http().get('/api/v1/people').query({ q: 'le hai binh' })).body.items[0];
    const person = await as(organiser).delete(`/api/v1/people/${binh.id}`).expect(409);
    expect(person.body.detail).toMatch(/agenda presenters/);
    const loose = (
      await as(organiser)
        .post('/api/v1/documents')
        .send({ kind: 'Chỉ thị', title: 'Thử nghiệm', number: '99-CT/TW' })
        .expect(201)
    ).body;
    await as(organiser).delete(`/api/v1/documents/${loose.id}`).expect(204);
    await t.http().get(`/api/v1/documents/${loose.id}`).expect(404);
    const dupNumber = await as(organiser)
      .post('/api/v1/documents')
      .send({ kind: 'Kết luận', title: 'Trùng', number: '57-KL/TW' })
      .expect(409);
    expect(dupNumber.body.errors[0].path).toBe('number');
  });

  it('allows only published-session deletion rules: published sessions cannot be deleted', async () => {
    const seeded = (await t.http().get('/api/v1/sessions/tap-huan-ttdn-2025-hcm')).body;
    const res = await as(organiser).delete(`/api/v1/sessions/${seeded.id}`).expect(409);
    expect(res.body).toMatchObject({ status: 409, sessionStatus: 'completed' });
    await t.http().get(`/api/v1/sessions/${seeded.id}`).expect(200);
  });

  it('requires an organiser: 401 without a token, 403 for a delegate, nothing written', async () => {
    const before = await count(t, `SELECT count(*) AS n FROM training_session`);
    const body = { title: 'Không được phép', kind: 'workshop', startsOn: '2026-01-01' };
    const anonymous = await t.http().post('/api/v1/sessions').send(body).expect(401);
    expect(anonymous.headers['content-type']).toMatch(/problem\+json/);
    await as(delegate).post('/api/v1/sessions').send(body).expect(403);
    await as(delegate).post('/api/v1/people').send({ fullName: 'Ai đó' }).expect(403);
    await as(delegate).delete('/api/v1/documents/1').expect(403);
    expect(await count(t, `SELECT count(*) AS n FROM training_session`)).toBe(before);
  });
});
