import { JwtService } from '@nestjs/jwt';
import { createUserWithRole, query, signedInUser, startTestApp, TEST_SECRET, TestApp } from './support/fixtures';

type Claims = Record<string, unknown>;
const claimsOf = (token: string): Claims =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Claims;

/** Issue 11: what an access token is worth after the events that should end it, and what the guard accepts. */
describe('auth security: token lifetime and revocation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const me = (token: string) => t.http().get('/api/v1/auth/me').auth(token, { type: 'bearer' });
  const login = async (email: string, password: string) => {
    const res = await t.http().post('/api/v1/auth/login').send({ email, password }).expect(200);
    return res.body as { accessToken: string; refreshToken: string };
  };

  describe('access tokens stop at once (item 8)', () => {
    it('after logout, on every device of the user', async () => {
      const user = await createUserWithRole(t, { role: 'coordinator' });
      const phone = await login(user.email, user.password);
      const laptop = await login(user.email, user.password);
      await me(phone.accessToken).expect(200);
      await t.http().post('/api/v1/auth/logout').send({ refreshToken: phone.refreshToken }).expect(204);
      await me(phone.accessToken).expect(401);
      await me(laptop.accessToken).expect(401);
      // The other login's refresh token still works: that device gets a fresh access token.
      const renewed = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: laptop.refreshToken })
        .expect(200);
      await me(renewed.body.accessToken).expect(200);
    });

    it('after a password change', async () => {
      const user = await createUserWithRole(t, { role: 'organiser' });
      const session = await login(user.email, user.password);
      await t
        .http()
        .post('/api/v1/auth/password')
        .auth(session.accessToken, { type: 'bearer' })
        .send({ currentPassword: user.password, newPassword: 'a new and long passphrase 42' })
        .expect(204);
      await me(session.accessToken).expect(401);
      const fresh = await login(user.email, 'a new and long passphrase 42');
      await me(fresh.accessToken).expect(200);
    });

    it('after refresh-token reuse is detected', async () => {
      const user = await createUserWithRole(t, { role: 'coordinator' });
      const first = await login(user.email, user.password);
      const rotated = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.refreshToken })
        .expect(200);
      await me(rotated.body.accessToken).expect(200);
      // The spent token presented again: a thief or the victim holds a copy.
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      await me(rotated.body.accessToken).expect(401);
      await me(first.accessToken).expect(401);
    });

    it('after an administrator resets the password', async () => {
      const admin = await signedInUser(t, { role: 'admin' });
      const user = await createUserWithRole(t, { role: 'coordinator' });
      const session = await login(user.email, user.password);
      await t
        .http()
        .patch(`/api/v1/users/${user.id}`)
        .auth(admin.token, { type: 'bearer' })
        .send({ password: 'reset by the administrator 7' })
        .expect(200);
      await me(session.accessToken).expect(401);
    });
  });

  describe('passwords that are long enough but still guessable (item 15)', () => {
    it('refuses common, repeated and invisible passwords, naming the field, wherever one is set', async () => {
      const admin = await signedInUser(t, { role: 'admin' });
      const user = await createUserWithRole(t, { role: 'coordinator' });
      const session = await login(user.email, user.password);
      for (const weak of ['qwerty123456', 'Password2024!', ' '.repeat(14), '\u200B'.repeat(14), 'abcabcabcabc']) {
        const change = await t
          .http()
          .post('/api/v1/auth/password')
          .auth(session.accessToken, { type: 'bearer' })
          .send({ currentPassword: user.password, newPassword: weak })
          .expect(400);
        expect(change.body.errors).toEqual([{ path: 'newPassword', message: expect.stringMatching(/^newPassword /) }]);
        const created = await t
          .http()
          .post('/api/v1/users')
          .auth(admin.token, { type: 'bearer' })
          .send({
            email: `weak-${Math.random().toString(36).slice(2)}@test.local`,
            displayName: 'Người dùng thử',
            password: weak,
            roles: [{ role: 'coordinator' }],
          })
          .expect(400);
        expect(created.body.errors.map((error: { path: string }) => error.path)).toEqual(['password']);
        const reset = await t
          .http()
          .patch(`/api/v1/users/${user.id}`)
          .auth(admin.token, { type: 'bearer' })
          .send({ password: weak })
          .expect(400);
        expect(reset.body.errors.map((error: { path: string }) => error.path)).toEqual(['password']);
      }
      // The old password still works: nothing was changed.
      await login(user.email, user.password);
    });
  });

  describe('the guard wants a bounded lifetime (item 16)', () => {
    const sign = (claims: Claims, options: { expiresIn?: number } = {}) =>
      new JwtService({ secret: TEST_SECRET }).sign(claims, {
        algorithm: 'HS256',
        issuer: 'ttdn-api',
        audience: 'ttdn-api',
        ...options,
      });

    it('refuses a correctly signed token without exp, or living longer than 15 minutes', async () => {
      const user = await signedInUser(t, { role: 'coordinator' });
      const { sub, email, roles, gen } = claimsOf(user.token);
      const claims = { sub, email, roles, gen };
      // Control: the same claims with a 15-minute lifetime are accepted.
      await me(sign(claims, { expiresIn: 900 })).expect(200);
      await me(sign(claims)).expect(401);
      await me(sign(claims, { expiresIn: 3600 })).expect(401);
      // exp without iat cannot be bounded either.
      await me(sign({ ...claims, exp: Math.floor(Date.now() / 1000) + 60 }, {})).expect(200);
      const noIat = new JwtService({ secret: TEST_SECRET }).sign(
        { ...claims, exp: Math.floor(Date.now() / 1000) + 60 },
        { algorithm: 'HS256', issuer: 'ttdn-api', audience: 'ttdn-api', noTimestamp: true },
      );
      await me(noIat).expect(401);
    });
  });
});

/** Item 7: who can lock whom out. Sources are client addresses, here set through a trusted proxy header. */
describe('auth security: failed logins per account and source', () => {
  let t: TestApp;
  let admin: { token: string };

  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1' } });
    admin = await signedInUser(t, { role: 'admin' });
  });
  afterAll(() => t.close());

  const attempt = (source: string, email: string, password: string) =>
    t.http().post('/api/v1/auth/login').set('x-forwarded-for', source).send({ email, password });
  const failFive = async (source: string, email: string) => {
    for (let i = 0; i < 5; i++) await attempt(source, email, `wrong password ${i}`).expect(401);
  };

  it('delays the failing source only: the owner still logs in from elsewhere', async () => {
    const user = await createUserWithRole(t, { role: 'admin' });
    await failFive('203.0.113.1', user.email);
    await attempt('203.0.113.1', user.email, user.password).expect(401);
    await attempt('198.51.100.7', user.email, user.password).expect(200);
    const [account] = await query<{ locked_until: Date | null }>(t, `SELECT locked_until FROM app_user WHERE id = $1`, [
      user.id,
    ]);
    expect(account.locked_until).toBeNull();
  });

  it('makes each further failure from a source wait longer', async () => {
    const user = await createUserWithRole(t, { role: 'coordinator' });
    await failFive('203.0.113.2', user.email);
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const [row] = await query<{ wait: number }>(
        t,
        `SELECT extract(epoch FROM blocked_until - last_failed_at)::int AS wait FROM login_failure WHERE user_id = $1`,
        [user.id],
      );
      waits.push(row.wait);
      // Pretend the wait is over (moving the clock, not sleeping), then fail once more.
      await query(t, `UPDATE login_failure SET blocked_until = now() - interval '1 second' WHERE user_id = $1`, [
        user.id,
      ]);
      await attempt('203.0.113.2', user.email, 'still wrong password').expect(401);
    }
    expect(waits).toEqual([15, 30, 60]);
  });

  it('locks the whole account only for failures from many sources; an admin unlocks it', async () => {
    const user = await createUserWithRole(t, { role: 'organiser' });
    for (let source = 1; source <= 4; source++) await failFive(`192.0.2.${source}`, user.email);
    await attempt('198.51.100.8', user.email, user.password).expect(200);
    await failFive('192.0.2.5', user.email);
    // Five sources have used up their attempts: the account is locked, from any source.
    await attempt('198.51.100.9', user.email, user.password).expect(401);
    const listed = await t.http().get(`/api/v1/users/${user.id}`).auth(admin.token, { type: 'bearer' }).expect(200);
    expect(listed.body.lockedUntil).not.toBeNull();

    await t
      .http()
      .patch(`/api/v1/users/${user.id}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ unlock: true })
      .expect(200);
    await attempt('192.0.2.1', user.email, user.password).expect(200);
    expect(await query(t, `SELECT 1 FROM login_failure WHERE user_id = $1`, [user.id])).toEqual([]);
  });

  it('counts wrong current passwords on /auth/password apart from logins', async () => {
    const user = await createUserWithRole(t, { role: 'coordinator' });
    const token = (await attempt('203.0.113.3', user.email, user.password).expect(200)).body.accessToken as string;
    for (let i = 0; i < 5; i++) {
      await t
        .http()
        .post('/api/v1/auth/password')
        .set('x-forwarded-for', '203.0.113.3')
        .auth(token, { type: 'bearer' })
        .send({ currentPassword: `wrong current ${i}`, newPassword: 'a different long passphrase' })
        .expect(403);
    }
    // The same source still logs in: password-change failures neither delay logins nor lock.
    await attempt('203.0.113.3', user.email, user.password).expect(200);
    const kinds = await query<{ kind: string; failures: number }>(
      t,
      `SELECT kind, failures FROM login_failure WHERE user_id = $1`,
      [user.id],
    );
    expect(kinds).toEqual([{ kind: 'password', failures: 5 }]);
    // ... but the change itself is now delayed for that source, even with the right password.
    await t
      .http()
      .post('/api/v1/auth/password')
      .set('x-forwarded-for', '203.0.113.3')
      .auth(token, { type: 'bearer' })
      .send({ currentPassword: user.password, newPassword: 'a different long passphrase' })
      .expect(403);
  });
});
