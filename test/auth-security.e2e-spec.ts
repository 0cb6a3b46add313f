import { JwtService } from '@nestjs/jwt';
import { createUserWithRole, signedInUser } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';

const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long';

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
