import type { Role } from '@app/accounts';
import { bearer, createUserWithRole, db, loginAs, startTestApp, TestApp } from './support/fixtures';

interface Operation {
  security?: Record<string, string[]>[];
  responses?: Record<string, { description?: string }>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const ROLES: Role[] = ['admin', 'organiser', 'coordinator', 'province_delegate'];

/**
 * Table-driven from the OpenAPI document, so a new route cannot slip through: every operation
 * declares its security; every non-public one answers 401 without a token; every one that
 * names roles answers 403 (problem+json) to each role it does not name, before validation or
 * any database work.
 */
describe('permissions: every route, every role', () => {
  let t: TestApp;
  let routes: { method: (typeof METHODS)[number]; path: string; url: string; operation: Operation }[];
  const tokens = new Map<Role, string>();
  /** Organiser and coordinator grants limited to one session (`scopedSession`). */
  const scopedTokens = new Map<Role, string>();
  let scopedSession: number;
  /** An organiser bound to an organisation (a provincial Sở): its sessions only, never the catalogue. */
  let organisationToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    const document = (await t.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, Operation>>;
      components: { responses?: Record<string, { description?: string }> };
    };
    // Responses several operations share are references into components.responses: read them as a client does.
    const resolved = (operation: Operation): Operation => ({
      ...operation,
      responses: Object.fromEntries(
        Object.entries(operation.responses ?? {}).map(([status, response]) => {
          const ref = (response as { $ref?: string }).$ref;
          return [status, ref ? document.components.responses![ref.split('/').pop()!] : response];
        }),
      ),
    });
    routes = Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({
        method,
        path,
        url: path.replace(/\{[^}]+\}/g, '1'),
        operation: resolved(item[method]),
      })),
    );
    for (const role of ROLES) {
      const user = await createUserWithRole(t, { role });
      tokens.set(role, await loginAs(t, user.email, user.password));
    }
    [{ id: scopedSession }] = await db(t).query(`SELECT id::int AS id FROM training_session ORDER BY id LIMIT 1`);
    for (const role of ['organiser', 'coordinator'] as const) {
      const user = await createUserWithRole(t, { role, sessionId: scopedSession });
      scopedTokens.set(role, await loginAs(t, user.email, user.password));
    }
    const [{ id: organisationId }]: { id: number }[] = await db(t).query(
      `SELECT id::int AS id FROM organisation ORDER BY id LIMIT 1`,
    );
    const bound = await createUserWithRole(t, { role: 'organiser', organisationId });
    organisationToken = await loginAs(t, bound.email, bound.password);
  });
  afterAll(() => t.close());

  const isPublic = (operation: Operation) =>
    (operation.security ?? []).some((entry) => Object.keys(entry).length === 0);
  const isAuthRoute = (path: string) =>
    ['/api/v1/auth/login', '/api/v1/auth/refresh', '/api/v1/auth/logout'].includes(path);
  /** Roles named by the @Authenticated decorator in the 403 description ("Needs the role a or b"). */
  const namedRoles = (operation: Operation): Role[] | undefined => {
    const description = operation.responses?.['403']?.description ?? '';
    const match = /Needs the role ([a-z_ ]+?)(, not limited to one session)? \(problem/.exec(description);
    return match ? (match[1].split(' or ') as Role[]) : undefined;
  };
  /** Routes over what every session shares: a grant scoped to one session is not enough. */
  const needsUnscoped = (operation: Operation) =>
    (operation.responses?.['403']?.description ?? '').includes(', not limited to one session');

  it('documents security on every operation', () => {
    expect(routes.length).toBeGreaterThan(50);
    const undocumented = routes.filter(
      (route) => !route.operation.security && !isAuthRoute(route.path) && !route.path.startsWith('/docs'),
    );
    expect(undocumented.map((route) => `${route.method.toUpperCase()} ${route.path}`)).toEqual([]);
  });

  it('answers 401 problem+json without a token on every non-public route', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !isPublic(r.operation) && !isAuthRoute(r.path))) {
      const res = await t.http()[route.method](route.url).send({});
      if (res.status !== 401 || !String(res.headers['content-type']).startsWith('application/problem+json')) {
        failures.push(`${route.method.toUpperCase()} ${route.path} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to every role a route does not name, and never 401/403 to a role it names on public routes', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const allowed = namedRoles(route.operation);
      if (!allowed) continue;
      for (const role of ROLES.filter((r) => r !== 'admin' && !allowed.includes(r))) {
        checked++;
        const res = await t
          .http()
          [route.method](route.url)
          .set(bearer(tokens.get(role)!))
          .send({});
        if (res.status !== 403) failures.push(`${role} ${route.method.toUpperCase()} ${route.path} → ${res.status}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });

  it('lets an admin past every role check (the answer may be 4xx for the placeholder ids, never 401/403/5xx)', async () => {
    const failures: string[] = [];
    // Delegate-only actions (registering a province's people) need a province, which an admin
    // account does not have: those answer 403 by design, tested in registration.e2e-spec.ts.
    const delegateOnly = (operation: Operation) =>
      namedRoles(operation)
        ?.filter((role) => role !== 'admin')
        .join() === 'province_delegate';
    for (const route of routes.filter((r) => namedRoles(r.operation) && !delegateOnly(r.operation))) {
      const res = await t
        .http()
        [route.method](route.url)
        .set(bearer(tokens.get('admin')!))
        .send({});
      if ([401, 403].includes(res.status) || res.status >= 500)
        failures.push(`${route.method.toUpperCase()} ${route.path} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers 403 to session-scoped and organisation-bound grants on shared catalogue writes and cross-session figures', async () => {
    const failures: string[] = [];
    const unscopedRoutes = routes.filter((route) => needsUnscoped(route.operation));
    const paths = unscopedRoutes.map((route) => `${route.method.toUpperCase()} ${route.path}`);
    // The class this covers: writes to people, organisations and documents, and province statistics.
    expect(paths).toEqual(
      expect.arrayContaining([
        'POST /api/v1/people',
        'POST /api/v1/people/{id}/positions',
        'PATCH /api/v1/organisations/{id}',
        'POST /api/v1/organisations/{id}/renames',
        'PATCH /api/v1/documents/{id}',
        'GET /api/v1/statistics/provinces',
      ]),
    );
    for (const route of unscopedRoutes) {
      for (const role of namedRoles(route.operation)!.filter((r) => scopedTokens.has(r))) {
        const scoped = await t
          .http()
          [route.method](route.url)
          .set(bearer(scopedTokens.get(role)!))
          .send({});
        if (scoped.status !== 403)
          failures.push(`scoped ${role} ${route.method.toUpperCase()} ${route.path} → ${scoped.status}`);
        if (role === 'organiser') {
          const bound = await t.http()[route.method](route.url).set(bearer(organisationToken)).send({});
          if (bound.status !== 403)
            failures.push(`organisation-bound ${route.method.toUpperCase()} ${route.path} → ${bound.status}`);
        }
        // The same role for every session passes the role check (the placeholder ids may still be 4xx).
        const unscoped = await t
          .http()
          [route.method](route.url)
          .set(bearer(tokens.get(role)!))
          .send({});
        if ([401, 403].includes(unscoped.status) || unscoped.status >= 500)
          failures.push(`${role} ${route.method.toUpperCase()} ${route.path} → ${unscoped.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('shows a scoped organiser the drafts of their own session only', async () => {
    const dataSource = db(t);
    const [{ id: other }]: { id: number }[] = await dataSource.query(
      `SELECT id::int AS id FROM training_session WHERE id <> $1 ORDER BY id LIMIT 1`,
      [scopedSession],
    );
    await dataSource.query(`UPDATE training_session SET status = 'draft' WHERE id = ANY($1::bigint[])`, [
      [scopedSession, other],
    ]);
    const draftIds = async (token: string) =>
      (
        await t
          .http()
          .get('/api/v1/sessions')
          .query({ status: 'draft', limit: 100 })
          .auth(token, { type: 'bearer' })
          .expect(200)
      ).body.items.map((item: { id: number }) => Number(item.id));
    expect(await draftIds(scopedTokens.get('organiser')!)).toEqual([scopedSession]);
    expect((await draftIds(tokens.get('organiser')!)).sort()).toEqual([scopedSession, other].sort());
    expect(await draftIds(scopedTokens.get('coordinator')!)).toEqual([]);
    await t
      .http()
      .get(`/api/v1/sessions/${scopedSession}`)
      .auth(scopedTokens.get('organiser')!, { type: 'bearer' })
      .expect(200);
    await t
      .http()
      .get(`/api/v1/sessions/${other}`)
      .auth(scopedTokens.get('organiser')!, { type: 'bearer' })
      .expect(404);
    await t.http().get(`/api/v1/sessions/${other}`).auth(tokens.get('organiser')!, { type: 'bearer' }).expect(200);
  });
});
