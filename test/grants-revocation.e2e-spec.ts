import { Client } from 'pg';
import { type BuiltApi, call, login, ok } from './support/built-api';
import { fromNow, HOUR, vnDayFromNow } from './support/fixtures';
import { startTwoApis, type TwoApis } from './support/two-apis';

/**
 * Each API process keeps the role grants it read, keyed by the user's grants version (issue 17,
 * item 2). A revoked grant or a disabled user must still stop working at once, in every process:
 * two built processes on one database, hundreds of scans in flight on both while the grant is
 * revoked (or the user disabled) through one of them; no scan sent after the change is answered
 * succeeded, and the very next request on each process is refused.
 */
jest.setTimeout(300_000);

const ADMIN = { email: 'quantri@grants.test', password: 'grants-revocation-admin-password' };

describe('a revoked grant stops working at once, in both API processes', () => {
  let a: BuiltApi;
  let b: BuiltApi;
  let sql: Client;
  let apis: TwoApis | undefined;

  beforeAll(async () => {
    apis = await startTwoApis({ name: 'grants', admin: ADMIN });
    ({ a, b, sql } = apis);
  });
  afterAll(() => apis?.stop());

  /**
   * Scans `code` from 40 loops alternating the processes until `total` are answered; after
   * `changeAfter` answers, `change` runs. Answers the statuses of the scans sent after the change
   * was answered, and of all of them.
   */
  async function scansAround(scan: (api: BuiltApi) => Promise<number>, change: () => Promise<void>) {
    const total = 400;
    const changeAfter = 100;
    let answered = 0;
    let sent = 0;
    let changedAt: number | null = null;
    const after: number[] = [];
    const all: number[] = [];
    let changing: Promise<void> | undefined;
    await Promise.all(
      Array.from({ length: 40 }, async (_, loop) => {
        while (sent < total) {
          sent++;
          const sentAfterChange = changedAt !== null;
          const status = await scan(loop % 2 === 0 ? a : b);
          all.push(status);
          if (sentAfterChange) after.push(status);
          if (++answered === changeAfter) {
            changing = change().then(() => {
              changedAt = performance.now();
            });
          }
        }
      }),
    );
    await changing;
    return { after, all };
  }

  it('revoking a coordinator grant through the API, or disabling the user, refuses every later scan on both', async () => {
    const admin = await login(a, ADMIN.email, ADMIN.password);
    const newUser = async (name: string, roles: Record<string, unknown>[]) => {
      const email = `${name}@grants.test`;
      const password = `mat-khau-${name}-khong-doan-duoc`;
      const created = await ok<{ id: number }>(a, 'POST', '/api/v1/users', admin, {
        email,
        password,
        displayName: name,
        roles,
      });
      return { id: created.id, token: await login(b, email, password), email, password };
    };
    const organiser = await newUser('to-chuc', [{ role: 'organiser' }]);
    const [province] = (await ok<{ items: { id: number }[] }>(a, 'GET', '/api/v1/provinces?era=2025&limit=1')).items;
    const session = await ok<{ id: number }>(a, 'POST', '/api/v1/sessions', organiser.token, {
      title: 'Tập huấn thu hồi quyền',
      kind: 'training_conference',
      startsOn: vnDayFromNow(-1),
      endsOn: vnDayFromNow(1),
    });
    const at = (path: string) => `/api/v1/sessions/${session.id}${path}`;
    await ok(a, 'PUT', at('/invitations'), organiser.token, { provinceIds: [province.id] });
    for (const status of ['scheduled', 'registration_open'])
      await ok(a, 'POST', at('/status'), organiser.token, { status });
    await ok(a, 'PUT', at('/registration-settings'), organiser.token, {
      opensAt: fromNow(-HOUR),
      closesAt: fromNow(24 * HOUR),
      moderated: false,
      quotas: [{ provinceId: province.id, quota: 5 }],
    });
    const part = await ok<{ id: number }>(a, 'POST', at('/parts'), organiser.token, {
      label: 'Buổi sáng',
      startsAt: fromNow(-HOUR),
      endsAt: fromNow(HOUR),
    });
    const delegate = await newUser('dai-bieu', [{ role: 'province_delegate', provinceId: province.id }]);
    const person = await ok<{ id: number }>(b, 'POST', at('/registrations'), delegate.token, {
      fullName: 'Nguyễn Văn Thu Hồi',
      agency: 'Sở Văn hóa',
      phone: '0987000222',
    });
    const { code } = await ok<{ code: string }>(
      a,
      'GET',
      `/api/v1/registrations/${person.id}/check-in-code`,
      delegate.token,
    );

    const coordinatorGrant = [{ role: 'coordinator', sessionId: session.id }];
    const coordinator = await newUser('dieu-phoi', coordinatorGrant);
    const scanWith = (token: string) => (api: BuiltApi) =>
      call(api, 'POST', at(`/parts/${part.id}/check-ins`), token, { code }).then((res) => res.status);
    const scan = scanWith(coordinator.token);
    // Both processes have read (and keep) the coordinator's grant.
    expect([await scan(a), await scan(b)].sort()).toEqual([200, 201]);
    expect([await scan(a), await scan(b)]).toEqual([200, 200]);

    // 1. The coordinator grant is replaced by a delegate's (who may not record attendance).
    const revoked = await scansAround(scan, async () => {
      await ok(a, 'PATCH', `/api/v1/users/${coordinator.id}`, admin, {
        roles: [{ role: 'province_delegate', provinceId: province.id }],
      });
    });
    expect(revoked.all.filter((status) => status !== 200 && status !== 403)).toEqual([]);
    expect(revoked.after.length).toBeGreaterThan(0);
    expect(revoked.after.filter((status) => status !== 403)).toEqual([]);
    expect([await scan(a), await scan(b)]).toEqual([403, 403]);

    // 2. Granted again: works at once on both; then the user is disabled.
    await ok(b, 'PATCH', `/api/v1/users/${coordinator.id}`, admin, { roles: coordinatorGrant });
    expect([await scan(a), await scan(b)]).toEqual([200, 200]);
    const disabled = await scansAround(scan, async () => {
      await ok(b, 'PATCH', `/api/v1/users/${coordinator.id}`, admin, { active: false });
    });
    expect(disabled.all.filter((status) => status !== 200 && status !== 401)).toEqual([]);
    expect(disabled.after.length).toBeGreaterThan(0);
    expect(disabled.after.filter((status) => status !== 401)).toEqual([]);
    expect([await scan(a), await scan(b)]).toEqual([401, 401]);

    // The person was recorded once, by the first scan.
    const attendance = await sql.query(`SELECT 1 FROM attendance WHERE part_id = $1 AND undone_at IS NULL`, [part.id]);
    expect(attendance.rows).toHaveLength(1);
  });
});
