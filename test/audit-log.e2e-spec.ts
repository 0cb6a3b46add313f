import { bearer, expectProblem, signedInUser, startTestApp, TestApp } from './support/fixtures';

interface Entry {
  id: number;
  at: string;
  action: string;
  entityType: string;
  entityId: string;
  actorUserId: number | null;
  actorName: string | null;
  sessionId: number | null;
  before: unknown;
  after: unknown;
}
interface EntryPage {
  items: Entry[];
  page: { total: number; limit: number; offset: number };
}

describe('audit log: read only, admin only, filtered by user, session and action', () => {
  let t: TestApp;
  let admin: string;
  let first: { id: number; token: string };
  let second: { id: number; token: string };
  let sessionA: number;
  let sessionB: number;
  let agendaItem: number;

  const list = async (query: Record<string, string | number>): Promise<EntryPage> => {
    const res = await t.http().get('/api/v1/audit-log').query(query).set(bearer(admin));
    expect(res.status).toBe(200);
    return res.body as EntryPage;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = (await signedInUser(t, { role: 'admin' })).token;
    first = await signedInUser(t, { role: 'organiser', displayName: 'Nguyễn Thị Một' });
    second = await signedInUser(t, { role: 'organiser', displayName: 'Trần Văn Hai' });
    const startsOn = `${new Date().getFullYear() + 1}-03-10`;
    const create = async (token: string, title: string) => {
      const res = await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(token))
        .send({ title, kind: 'training_conference', startsOn });
      expect(res.status).toBe(201);
      return res.body as { id: number; version: number };
    };
    const a = await create(first.token, 'Tập huấn nhật ký A');
    sessionA = a.id;
    sessionB = (await create(second.token, 'Tập huấn nhật ký B')).id;
    const withItem = await t
      .http()
      .post(`/api/v1/sessions/${sessionA}/agenda`)
      .set(bearer(first.token))
      .send({ kind: 'topic', title: 'Chuyên đề một' });
    expect(withItem.status).toBe(201);
    agendaItem = (withItem.body as { agenda: { id: number }[] }).agenda[0].id;
    const renamed = await t
      .http()
      .patch(`/api/v1/sessions/${sessionA}`)
      .set(bearer(second.token))
      .send({ title: 'Tập huấn nhật ký A (sửa)', version: (withItem.body as { version: number }).version });
    expect(renamed.status).toBe(200);
  });
  afterAll(() => t.close());

  it('lists newest first with the actor by name and the session each entry is about', async () => {
    const page = await list({ sessionId: sessionA });
    expect(page.items.map((e) => [e.action, e.actorName])).toEqual([
      ['session.updated', 'Trần Văn Hai'],
      ['agenda_item.created', 'Nguyễn Thị Một'],
      ['session.created', 'Nguyễn Thị Một'],
    ]);
    expect(page.page.total).toBe(3);
    expect(page.items.every((e) => e.sessionId === sessionA)).toBe(true);
    expect(page.items[1]).toEqual(
      expect.objectContaining({ entityType: 'agenda_item', entityId: String(agendaItem), actorUserId: first.id }),
    );
    expect(page.items[0].before).toEqual(expect.objectContaining({ title: 'Tập huấn nhật ký A' }));
    const times = page.items.map((e) => Date.parse(e.at));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
  });

  it('filters by user, by action and by kind of action, alone and together', async () => {
    const bySecond = await list({ userId: second.id });
    expect(bySecond.items.map((e) => [e.action, e.sessionId])).toEqual([
      ['session.updated', sessionA],
      ['session.created', sessionB],
    ]);
    const created = await list({ action: 'session.created', limit: 100 });
    expect(created.items.map((e) => e.sessionId)).toEqual(expect.arrayContaining([sessionA, sessionB]));
    expect(created.items.every((e) => e.action === 'session.created')).toBe(true);
    const sessionKind = await list({ action: 'session.', sessionId: sessionA });
    expect(sessionKind.items.map((e) => e.action)).toEqual(['session.updated', 'session.created']);
    const both = await list({ userId: first.id, sessionId: sessionB });
    expect(both).toEqual({ items: [], page: { total: 0, limit: 20, offset: 0 } });
  });

  it('pages with limit and offset, and still counts past the end', async () => {
    const one = await list({ sessionId: sessionA, limit: 1, offset: 1 });
    expect(one.items.map((e) => e.action)).toEqual(['agenda_item.created']);
    expect(one.page).toEqual({ total: 3, limit: 1, offset: 1 });
    const beyond = await list({ sessionId: sessionA, offset: 50 });
    expect(beyond).toEqual({ items: [], page: { total: 3, limit: 20, offset: 50 } });
  });

  it('is for administrators only', async () => {
    const res = await t.http().get('/api/v1/audit-log').set(bearer(first.token));
    expectProblem(res, 403);
    expectProblem(await t.http().get('/api/v1/audit-log'), 401);
  });

  it('refuses bad filters naming the field, in Vietnamese when asked', async () => {
    const res = await t
      .http()
      .get('/api/v1/audit-log')
      .query({ action: "x'; DROP TABLE audit_log;--", userId: 'abc' })
      .set('Accept-Language', 'vi')
      .set(bearer(admin));
    expectProblem(res, 400);
    const errors = (res.body as { errors: { path: string; message: string }[] }).errors;
    expect([...new Set(errors.map((e) => e.path))].sort()).toEqual(['action', 'userId']);
    expect(errors.find((e) => e.path === 'action')?.message).toContain('tên thao tác');
  });
});
