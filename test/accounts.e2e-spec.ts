import { JwtService } from '@nestjs/jwt';
import { ConfigurationError, loadAppConfig } from '@app/common';
import {
  createUserWithRole,
  loginAs,
  PROBLEM,
  query,
  signedInUser,
  startTestApp,
  TEST_SECRET,
  TestApp,
  TestUser,
} from './support/fixtures';

type Role = 'admin' | 'organiser' | 'coordinator' | 'province_delegate';
type Body = Record<string, unknown>;

/** Every body the tests saw, to check that no password hash ever left the API. */
const seenBodies: string[] = [];
function remember<T extends { text?: string; body?: unknown }>(res: T): T {
  seenBodies.push(res.text ?? JSON.stringify(res.body));
  return res;
}

const withoutRequestIds = (body: Body) => {
  const { requestId: _requestId, ...rest } = body;
  return rest;
};

function decodeJwt(token: string): { header: Body; claims: Body } {
  const [header, claims] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
  return { header, claims };
}

describe('accounts: login, tokens, user administration', () => {
  let t: TestApp;
  let admin: TestUser & { token: string };
  const tokens = {} as Record<Role, string>;
  let sessionId: number;
  let provinceId: number;

  beforeAll(async () => {
    t = await startTestApp();
    [{ id: sessionId }] = await query<{ id: number }>(
      t,
      `SELECT id::int AS id FROM training_session ORDER BY id LIMIT 1`,
    );
    [{ id: provinceId }] = await query<{ id: number }>(
      t,
      `SELECT id FROM province WHERE valid_to IS NULL ORDER BY id LIMIT 1`,
    );
    admin = await signedInUser(t, { role: 'admin' });
    tokens.admin = admin.token;
    tokens.organiser = (await signedInUser(t, { role: 'organiser' })).token;
    tokens.coordinator = (await signedInUser(t, { role: 'coordinator', sessionId })).token;
    tokens.province_delegate = (await signedInUser(t, { role: 'province_delegate', provinceId })).token;
  });
  afterAll(async () => {
    for (const body of seenBodies) {
      expect(body).not.toMatch(/\$argon2|password_?hash/i);
    }
    await t.close();
  });

  describe('login', () => {
    it('answers a token pair: a 15-minute HS256 JWT with roles, and an opaque refresh token', async () => {
      const user = await createUserWithRole(t, { role: 'province_delegate', provinceId });
      const res = remember(
        await t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        tokenType: 'Bearer',
        accessToken: expect.any(String),
        expiresIn: 900,
        refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        refreshTokenExpiresAt: expect.any(String),
      });
      const { header, claims } = decodeJwt(res.body.accessToken);
      expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(claims).toMatchObject({
        sub: String(user.id),
        email: user.email,
        roles: [{ role: 'province_delegate', sessionId: null, provinceId, organisationId: null }],
        provinceId,
      });
      expect((claims.exp as number) - (claims.iat as number)).toBe(900);
      const days = (Date.parse(res.body.refreshTokenExpiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29.9);
      expect(days).toBeLessThanOrEqual(30);
      // Only the sha256 of the refresh token is stored.
      const stored = await query(t, `SELECT token_hash FROM refresh_token WHERE user_id = $1`, [user.id]);
      expect(stored).toHaveLength(1);
      expect(stored[0].token_hash).not.toContain(res.body.refreshToken);
      expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('matches emails case-insensitively', async () => {
      const user = await createUserWithRole(t, { role: 'organiser' });
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: user.email.toUpperCase(), password: user.password })
        .expect(200);
    });

    it('answers wrong password, unknown email and a delayed address with the identical 401', async () => {
      const user = await createUserWithRole(t, { role: 'organiser' });
      const wrongPassword = remember(
        await t.http().post('/api/v1/auth/login').send({ email: user.email, password: 'not-the-password' }),
      );
      const unknownEmail = remember(
        await t.http().post('/api/v1/auth/login').send({ email: 'nobody@test.local', password: 'not-the-password' }),
      );
      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      expect(wrongPassword.headers['content-type']).toMatch(PROBLEM);
      expect(wrongPassword.body.type).toMatch(/invalid-credentials$/);
      expect(withoutRequestIds(unknownEmail.body)).toEqual(withoutRequestIds(wrongPassword.body));

      // Four more failures make five from this address: the address must now wait, even with the
      // right password, and gets the same 401. The account itself is not locked by one address.
      for (let i = 0; i < 4; i++) {
        await t
          .http()
          .post('/api/v1/auth/login')
          .send({ email: user.email, password: `wrong-${i}` })
          .expect(401);
      }
      const delayed = remember(
        await t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }),
      );
      expect(delayed.status).toBe(401);
      expect(withoutRequestIds(delayed.body)).toEqual(withoutRequestIds(wrongPassword.body));
      const [row] = await query(
        t,
        `SELECT f.failures, f.blocked_until > now() AS delayed, u.locked_until
           FROM login_failure f JOIN app_user u ON u.id = f.user_id WHERE f.user_id = $1 AND f.kind = 'login'`,
        [user.id],
      );
      expect(row).toEqual({ failures: 5, delayed: true, locked_until: null });

      // When the delay is over the right password works again and clears the address's count.
      await query(t, `UPDATE login_failure SET blocked_until = now() - interval '1 second' WHERE user_id = $1`, [
        user.id,
      ]);
      await t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(200);
      expect(await query(t, `SELECT 1 FROM login_failure WHERE user_id = $1`, [user.id])).toEqual([]);
    });

    it('counts parallel guesses before checking them: ten at once from one address, exactly five checked', async () => {
      const user = await createUserWithRole(t, { role: 'organiser' });
      const guesses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          Promise.resolve(
            t
              .http()
              .post('/api/v1/auth/login')
              .send({ email: user.email, password: `guess-${i}` }),
          ),
        ),
      );
      expect(guesses.map((res) => res.status)).toEqual(Array(10).fill(401));
      const [row] = await query(
        t,
        `SELECT failures, blocked_until > now() AS delayed FROM login_failure WHERE user_id = $1 AND kind = 'login'`,
        [user.id],
      );
      expect(row).toEqual({ failures: 5, delayed: true });
    });

    it('refuses a disabled account with the same 401', async () => {
      const user = await createUserWithRole(t, { role: 'organiser' });
      await query(t, `UPDATE app_user SET is_active = false WHERE id = $1`, [user.id]);
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(401);
      expect(res.body.type).toMatch(/invalid-credentials$/);
    });

    it('refuses bodies with unknown fields or missing credentials (400), before checking anything', async () => {
      const user = await createUserWithRole(t, { role: 'organiser' });
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password, isAdmin: true })
        .expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors).toContainEqual({ path: 'isAdmin', message: 'is not an accepted field' });
      const missing = await t.http().post('/api/v1/auth/login').send({ email: user.email }).expect(400);
      expect(missing.body.errors.map((e: { path: string }) => e.path)).toContain('password');
      await t.http().post('/api/v1/auth/login').send('').expect(400);
    });
  });

  describe('refresh tokens', () => {
    it('rotates: the new pair works, the old refresh token is spent', async () => {
      const user = await createUserWithRole(t, { role: 'coordinator' });
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(200);
      const rotated = remember(
        await t.http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200),
      );
      expect(rotated.body.refreshToken).not.toBe(login.body.refreshToken);
      await t.http().get('/api/v1/auth/me').auth(rotated.body.accessToken, { type: 'bearer' }).expect(200);
      const again = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: rotated.body.refreshToken })
        .expect(200);
      expect(again.body.refreshToken).not.toBe(rotated.body.refreshToken);
      const family = await query(
        t,
        `SELECT count(DISTINCT family_id)::int AS families, count(*)::int AS tokens,
                count(*) FILTER (WHERE revoked_at IS NULL)::int AS live
           FROM refresh_token WHERE user_id = $1`,
        [user.id],
      );
      expect(family[0]).toEqual({ families: 1, tokens: 3, live: 1 });
    });

    it('detects reuse: presenting a rotated token revokes the whole family (401)', async () => {
      const user = await createUserWithRole(t, { role: 'coordinator' });
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(200);
      const first = login.body.refreshToken as string;
      const second = (await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first }).expect(200)).body
        .refreshToken;
      // An attacker (or the victim) replays the spent token.
      const reuse = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first }).expect(401);
      expect(reuse.headers['content-type']).toMatch(PROBLEM);
      expect(reuse.body.type).toMatch(/invalid-refresh-token$/);
      // The live token of the family is dead too.
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: second }).expect(401);
      const [{ live }] = await query(
        t,
        `SELECT count(*) FILTER (WHERE revoked_at IS NULL)::int AS live FROM refresh_token WHERE user_id = $1`,
        [user.id],
      );
      expect(live).toBe(0);
    });

    it('lets only one of two simultaneous refreshes with the same token win, and ends the family', async () => {
      const user = await createUserWithRole(t, { role: 'coordinator' });
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(200);
      const both = await Promise.all(
        [0, 1].map(() =>
          Promise.resolve(t.http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken })),
        ),
      );
      expect(both.map((res) => res.status).sort()).toEqual([200, 401]);
      const winner = both.find((res) => res.status === 200)!;
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: winner.body.refreshToken }).expect(401);
    });

    it('keeps other logins of the same user alive when one family is revoked', async () => {
      const user = await createUserWithRole(t, { role: 'coordinator' });
      const a = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(200);
      const b = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(200);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: a.body.refreshToken }).expect(200);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: a.body.refreshToken }).expect(401);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: b.body.refreshToken }).expect(200);
    });

    it('refuses unknown, expired and malformed refresh tokens', async () => {
      await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: 'A'.repeat(43) })
        .expect(401);
      const user = await createUserWithRole(t, { role: 'coordinator' });
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(200);
      await query(t, `UPDATE refresh_token SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(401);
      const malformed = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: 'short' }).expect(400);
      expect(malformed.body.errors[0].path).toBe('refreshToken');
      await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: 'A'.repeat(43), userId: 1 })
        .expect(400);
    });

    it('logout revokes the family of the presented token; unknown tokens answer 204 as well', async () => {
      const user = await createUserWithRole(t, { role: 'coordinator' });
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(200);
      const rotated = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: login.body.refreshToken })
        .expect(200);
      await t.http().post('/api/v1/auth/logout').send({ refreshToken: rotated.body.refreshToken }).expect(204);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken }).expect(401);
      const [{ live }] = await query(
        t,
        `SELECT count(*) FILTER (WHERE revoked_at IS NULL)::int AS live FROM refresh_token WHERE user_id = $1`,
        [user.id],
      );
      expect(live).toBe(0);
      await t
        .http()
        .post('/api/v1/auth/logout')
        .send({ refreshToken: 'B'.repeat(43) })
        .expect(204);
    });
  });

  describe('access tokens and /auth/me', () => {
    it('/auth/me answers the caller with role grants, never secrets', async () => {
      const res = remember(
        await t.http().get('/api/v1/auth/me').auth(tokens.province_delegate, { type: 'bearer' }).expect(200),
      );
      expect(res.body).toEqual({
        id: expect.any(Number),
        email: expect.stringMatching(/^province-delegate-/),
        displayName: expect.any(String),
        roles: [{ role: 'province_delegate', sessionId: null, provinceId, organisationId: null }],
        provinceId,
      });
      const coordinator = await t
        .http()
        .get('/api/v1/auth/me')
        .auth(tokens.coordinator, { type: 'bearer' })
        .expect(200);
      expect(coordinator.body.roles).toEqual([
        { role: 'coordinator', sessionId, provinceId: null, organisationId: null },
      ]);
      expect(coordinator.body.provinceId).toBeNull();
    });

    it('answers 401 problems without a token, with a malformed one, or with a forged one', async () => {
      const none = await t.http().get('/api/v1/auth/me').expect(401);
      expect(none.headers['content-type']).toMatch(PROBLEM);
      expect(none.body.type).toMatch(/unauthenticated$/);
      await t.http().get('/api/v1/auth/me').set('authorization', 'Bearer not.a.jwt').expect(401);
      await t
        .http()
        .get('/api/v1/auth/me')
        .set('authorization', `Basic ${Buffer.from('a:b').toString('base64')}`)
        .expect(401);

      const { claims } = decodeJwt(admin.token);
      const sign = (secret: string, algorithm: 'HS256' | 'HS512') =>
        new JwtService({ secret }).sign(
          { sub: claims.sub, email: claims.email, roles: claims.roles, gen: claims.gen },
          {
            algorithm,
            expiresIn: 900,
            issuer: 'ttdn-api',
            audience: 'ttdn-api',
          },
        );
      // Right secret, but an algorithm other than the pinned HS256.
      await t.http().get('/api/v1/auth/me').auth(sign(TEST_SECRET, 'HS512'), { type: 'bearer' }).expect(401);
      // Another secret.
      await t
        .http()
        .get('/api/v1/auth/me')
        .auth(sign('x'.repeat(40), 'HS256'), { type: 'bearer' })
        .expect(401);
      // alg: none.
      const unsigned = [
        Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
        Buffer.from(JSON.stringify(claims)).toString('base64url'),
        '',
      ].join('.');
      await t.http().get('/api/v1/auth/me').auth(unsigned, { type: 'bearer' }).expect(401);
      // The right signature is accepted (control).
      await t.http().get('/api/v1/auth/me').auth(sign(TEST_SECRET, 'HS256'), { type: 'bearer' }).expect(200);
    });

    it('tells an expired access token apart, so clients know to refresh', async () => {
      const { claims } = decodeJwt(admin.token);
      const expired = new JwtService({ secret: TEST_SECRET }).sign(
        { sub: claims.sub, email: claims.email, roles: claims.roles, exp: Math.floor(Date.now() / 1000) - 10 },
        { algorithm: 'HS256', issuer: 'ttdn-api', audience: 'ttdn-api' },
      );
      const res = await t.http().get('/api/v1/auth/me').auth(expired, { type: 'bearer' }).expect(401);
      expect(res.body.detail).toMatch(/expired/);
    });

    it('lets a user change their own password, which ends their refresh tokens', async () => {
      const user = await signedInUser(t, { role: 'organiser' });
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(200);
      await t
        .http()
        .post('/api/v1/auth/password')
        .auth(user.token, { type: 'bearer' })
        .send({ currentPassword: 'wrong-password', newPassword: 'a brand new password' })
        .expect(403);
      await t
        .http()
        .post('/api/v1/auth/password')
        .auth(user.token, { type: 'bearer' })
        .send({ currentPassword: user.password, newPassword: 'short' })
        .expect(400);
      await t
        .http()
        .post('/api/v1/auth/password')
        .auth(user.token, { type: 'bearer' })
        .send({ currentPassword: user.password, newPassword: 'a brand new password' })
        .expect(204);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(401);
      await t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(401);
      await loginAs(t, user.email, 'a brand new password');
    });
  });

  describe('user administration: who may call it', () => {
    const routes: {
      name: string;
      method: 'get' | 'post' | 'patch';
      path: () => string;
      body?: () => Body;
      ok: number;
    }[] = [
      {
        name: 'POST /users',
        method: 'post',
        path: () => '/api/v1/users',
        body: () => ({
          email: `new-${Math.random().toString(36).slice(2)}@test.local`,
          displayName: 'New',
          password: 'long enough password',
        }),
        ok: 201,
      },
      { name: 'GET /users', method: 'get', path: () => '/api/v1/users', ok: 200 },
      { name: 'GET /users/:id', method: 'get', path: () => `/api/v1/users/${admin.id}`, ok: 200 },
      {
        name: 'PATCH /users/:id',
        method: 'patch',
        path: () => `/api/v1/users/${admin.id}`,
        body: () => ({ displayName: 'Quản trị viên' }),
        ok: 200,
      },
    ];

    for (const route of routes) {
      describe(route.name, () => {
        it('answers 401 without a token', async () => {
          const res = await t.http()[route.method](route.path()).send(route.body?.()).expect(401);
          expect(res.headers['content-type']).toMatch(PROBLEM);
        });

        for (const role of ['organiser', 'coordinator', 'province_delegate'] as const) {
          it(`answers 403 to a ${role}`, async () => {
            const res = await t
              .http()
              [route.method](route.path())
              .auth(tokens[role], { type: 'bearer' })
              .send(route.body?.())
              .expect(403);
            expect(res.headers['content-type']).toMatch(PROBLEM);
            expect(res.body.type).toMatch(/forbidden$/);
          });
        }

        it(`answers ${route.ok} to an admin`, async () => {
          remember(
            await t
              .http()
              [route.method](route.path())
              .auth(tokens.admin, { type: 'bearer' })
              .send(route.body?.())
              .expect(route.ok),
          );
        });
      });
    }
  });

  describe('user administration: rules', () => {
    const asAdmin = () => ({
      post: (path: string) => t.http().post(path).auth(tokens.admin, { type: 'bearer' }),
      patch: (path: string) => t.http().patch(path).auth(tokens.admin, { type: 'bearer' }),
      get: (path: string) => t.http().get(path).auth(tokens.admin, { type: 'bearer' }),
    });

    it('creates a user with grants and answers a DTO without secrets; the audit log records it', async () => {
      const res = remember(
        await asAdmin()
          .post('/api/v1/users')
          .send({
            email: 'Dai.Bieu@TuyenQuang.gov.vn',
            displayName: '  Nguyễn Thị Bình ',
            password: 'mật khẩu đủ dài',
            roles: [{ role: 'province_delegate', provinceId }],
          })
          .expect(201),
      );
      expect(res.body).toEqual({
        id: expect.any(Number),
        email: 'Dai.Bieu@TuyenQuang.gov.vn',
        displayName: 'Nguyễn Thị Bình',
        active: true,
        lockedUntil: null,
        roles: [{ role: 'province_delegate', sessionId: null, provinceId, organisationId: null }],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      await loginAs(t, 'dai.bieu@tuyenquang.gov.vn', 'mật khẩu đủ dài');
      const [entry] = await query(t, `SELECT * FROM audit_log WHERE entity_type = 'user' AND entity_id = $1`, [
        String(res.body.id),
      ]);
      expect(entry).toMatchObject({ action: 'user.created', actor_user_id: String(admin.id), before: null });
      expect(entry.after).toMatchObject({ email: 'Dai.Bieu@TuyenQuang.gov.vn' });
      expect(entry.request_id).toEqual(expect.any(String));
      expect(JSON.stringify(entry)).not.toMatch(/argon2|password/i);

      const duplicate = await asAdmin()
        .post('/api/v1/users')
        .send({ email: 'dai.bieu@tuyenquang.gov.vn', displayName: 'X', password: 'long enough password' })
        .expect(409);
      expect(duplicate.body.type).toMatch(/email-taken$/);
    });

    it('refuses bodies that try to set fields nobody may set (400, nothing created)', async () => {
      const email = 'sneaky@test.local';
      const res = await asAdmin()
        .post('/api/v1/users')
        .send({ email, displayName: 'S', password: 'long enough password', isAdmin: true, id: 1, passwordHash: 'x' })
        .expect(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { path: 'isAdmin', message: 'is not an accepted field' },
          { path: 'id', message: 'is not an accepted field' },
          { path: 'passwordHash', message: 'is not an accepted field' },
        ]),
      );
      await asAdmin()
        .patch(`/api/v1/users/${admin.id}`)
        .send({ failedLoginCount: 0, email: 'x@test.local' })
        .expect(400);
      await asAdmin()
        .post('/api/v1/users')
        .send({ email, displayName: 'S', password: 'long enough password', roles: [{ role: 'root' }] })
        .expect(400);
      expect(await query(t, `SELECT 1 FROM app_user WHERE email = $1`, [email])).toHaveLength(0);
    });

    it('checks grant shapes and references, naming the field', async () => {
      const base = { displayName: 'G', password: 'long enough password' };
      const noProvince = await asAdmin()
        .post('/api/v1/users')
        .send({ ...base, email: 'g1@test.local', roles: [{ role: 'province_delegate' }] })
        .expect(400);
      expect(noProvince.body.errors).toEqual([
        { path: 'roles.0.provinceId', message: 'is required for a province delegate' },
      ]);
      const scopedAdmin = await asAdmin()
        .post('/api/v1/users')
        .send({ ...base, email: 'g2@test.local', roles: [{ role: 'admin', sessionId }] })
        .expect(400);
      expect(scopedAdmin.body.errors[0].path).toBe('roles.0.sessionId');
      const unknown = await asAdmin()
        .post('/api/v1/users')
        .send({
          ...base,
          email: 'g3@test.local',
          roles: [
            { role: 'coordinator', sessionId: 999_999 },
            { role: 'province_delegate', provinceId: 999_999 },
          ],
        })
        .expect(400);
      expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual([
        'roles.0.sessionId',
        'roles.1.provinceId',
      ]);
      const [merged] = await query<{ id: number }>(t, `SELECT id FROM province WHERE valid_to IS NOT NULL LIMIT 1`);
      if (merged) {
        await asAdmin()
          .post('/api/v1/users')
          .send({ ...base, email: 'g4@test.local', roles: [{ role: 'province_delegate', provinceId: merged.id }] })
          .expect(400);
      }
    });

    it('changes roles and takes them into account at once; disabling ends sessions', async () => {
      const user = await signedInUser(t, { role: 'coordinator', sessionId });
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(200);
      await t.http().get('/api/v1/users').auth(user.token, { type: 'bearer' }).expect(403);
      const promoted = remember(
        await asAdmin()
          .patch(`/api/v1/users/${user.id}`)
          .send({ roles: [{ role: 'admin' }, { role: 'coordinator', sessionId }] })
          .expect(200),
      );
      expect(promoted.body.roles).toEqual([
        { role: 'admin', sessionId: null, provinceId: null, organisationId: null },
        { role: 'coordinator', sessionId, provinceId: null, organisationId: null },
      ]);
      // The same access token now passes: grants are read per request, not from the token.
      await t.http().get('/api/v1/users').auth(user.token, { type: 'bearer' }).expect(200);

      const disabled = await asAdmin().patch(`/api/v1/users/${user.id}`).send({ active: false }).expect(200);
      expect(disabled.body.active).toBe(false);
      await t.http().get('/api/v1/auth/me').auth(user.token, { type: 'bearer' }).expect(401);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(401);
      await t.http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(401);

      const [entry] = await query(
        t,
        `SELECT before, after FROM audit_log WHERE action = 'user.updated' AND entity_id = $1 ORDER BY id LIMIT 1`,
        [String(user.id)],
      );
      expect((entry.before as Body).roles).toHaveLength(1);
      expect((entry.after as Body).roles).toHaveLength(2);
    });

    it('never removes the last active administrator', async () => {
      const t2Admins = await query<{ n: number }>(
        t,
        `SELECT count(DISTINCT user_id)::int AS n FROM user_role r JOIN app_user u ON u.id = r.user_id
          WHERE role = 'admin' AND u.is_active`,
      );
      expect(t2Admins[0].n).toBe(1);
      const res = await asAdmin().patch(`/api/v1/users/${admin.id}`).send({ active: false }).expect(409);
      expect(res.body.type).toMatch(/last-admin$/);
      await asAdmin()
        .patch(`/api/v1/users/${admin.id}`)
        .send({ roles: [{ role: 'organiser' }] })
        .expect(409);
      await t.http().get('/api/v1/auth/me').auth(tokens.admin, { type: 'bearer' }).expect(200);
    });

    it('lists users page by page with filters, and answers 404 for an unknown id', async () => {
      const page = remember(await asAdmin().get('/api/v1/users?limit=2&offset=0').expect(200));
      expect(page.body.items).toHaveLength(2);
      expect(page.body.page).toEqual({ total: expect.any(Number), limit: 2, offset: 0 });
      expect(page.body.items[0].id).toBeLessThan(page.body.items[1].id);
      const delegates = await asAdmin().get('/api/v1/users?role=province_delegate&limit=100').expect(200);
      expect(delegates.body.items.length).toBeGreaterThan(0);
      for (const user of delegates.body.items) {
        expect(user.roles.map((g: { role: string }) => g.role)).toContain('province_delegate');
      }
      const search = await asAdmin().get('/api/v1/users?q=TUYENQUANG').expect(200);
      expect(search.body.items.map((u: { email: string }) => u.email)).toEqual(['Dai.Bieu@TuyenQuang.gov.vn']);
      await asAdmin().get('/api/v1/users?limit=101').expect(400);
      await asAdmin().get('/api/v1/users?role=root').expect(400);
      await asAdmin().get('/api/v1/users/987654').expect(404);
      await asAdmin().get('/api/v1/users/99999999999999999999').expect(404);
      await asAdmin().patch('/api/v1/users/-1').send({ active: true }).expect(404);
      await asAdmin().get('/api/v1/users/abc').expect(400);
    });
  });

  it('documents security on the account routes in OpenAPI', async () => {
    const { body } = await t.http().get('/docs-json').expect(200);
    for (const [path, method] of [
      ['/api/v1/users', 'get'],
      ['/api/v1/users', 'post'],
      ['/api/v1/users/{id}', 'patch'],
      ['/api/v1/auth/me', 'get'],
    ]) {
      const operation = body.paths[path][method];
      expect(operation.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401']));
    }
    expect(Object.keys(body.paths['/api/v1/users'].get.responses)).toContain('403');
    expect(body.paths['/api/v1/auth/login'].post.security).toBeUndefined();
  });
});

describe('accounts: first administrator', () => {
  it('creates the administrator named by ADMIN_EMAIL and ADMIN_PASSWORD on start', async () => {
    const t = await startTestApp({
      env: { ADMIN_EMAIL: 'chief@test.local', ADMIN_PASSWORD: 'a strong admin password' },
    });
    try {
      const token = await loginAs(t, 'chief@test.local', 'a strong admin password');
      const me = await t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' }).expect(200);
      expect(me.body.roles).toEqual([{ role: 'admin', sessionId: null, provinceId: null, organisationId: null }]);
    } finally {
      await t.close();
    }
  });

  it('on the embedded database without ADMIN_*, creates admin@localhost with a generated password printed once', async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    let t: TestApp;
    try {
      t = await startTestApp({ env: { NODE_ENV: 'development', JWT_SECRET: '' } });
    } finally {
      spy.mockRestore();
    }
    try {
      const output = written.join('');
      const password = output.match(/password: (\S+)/)?.[1];
      expect(output).toContain('admin@localhost');
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      // Works with the generated JWT secret (JWT_SECRET unset in development).
      const token = await loginAs(t, 'admin@localhost', password!);
      const me = await t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' }).expect(200);
      expect(me.body.roles[0].role).toBe('admin');
      const admins = await query(t, `SELECT count(*)::int AS n FROM app_user`);
      expect(admins[0].n).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('creates nobody without ADMIN_* under NODE_ENV=test', async () => {
    const t = await startTestApp();
    try {
      expect((await query(t, `SELECT count(*)::int AS n FROM app_user`))[0].n).toBe(0);
    } finally {
      await t.close();
    }
  });
});

describe('accounts: configuration', () => {
  it('refuses to start in production without JWT_SECRET, naming it', () => {
    expect(() => loadAppConfig({ NODE_ENV: 'production' })).toThrow(ConfigurationError);
    expect(() => loadAppConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    expect(() => loadAppConfig({ NODE_ENV: 'production', JWT_SECRET: 'too-short' })).toThrow(/JWT_SECRET/);
    expect(loadAppConfig({ NODE_ENV: 'production', JWT_SECRET: TEST_SECRET }).JWT_SECRET).toBe(TEST_SECRET);
    expect(loadAppConfig({ NODE_ENV: 'development' }).JWT_SECRET).toBeUndefined();
  });

  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together, the password long enough', () => {
    expect(() => loadAppConfig({ ADMIN_EMAIL: 'a@b.vn' })).toThrow(/ADMIN_PASSWORD/);
    expect(() => loadAppConfig({ ADMIN_PASSWORD: 'long enough password' })).toThrow(/ADMIN_EMAIL/);
    expect(() => loadAppConfig({ ADMIN_EMAIL: 'a@b.vn', ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD/);
    expect(() => loadAppConfig({ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'long enough password' })).toThrow(
      /ADMIN_EMAIL/,
    );
  });
});
