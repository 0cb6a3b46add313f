import { loadAppConfig } from '@app/common';
import { startTestApp, type TestApp, testRedisUrl, uniqueRedisPrefix } from './support/fixtures';

/**
 * The per-address rate limit kept in Redis (REDIS_URL): two API instances count one budget.
 * Needs a Redis (TEST_REDIS_URL, else 127.0.0.1:6379); without one those tests are skipped.
 * An unreachable Redis never takes the API down: requests are let through uncounted.
 */
const redisUrl = testRedisUrl();
const itWithRedis = redisUrl ? it : it.skip;
const LIMIT = 6;

describe('rate limits in Redis', () => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((t) => t.close()));
  });

  itWithRedis('two instances with one REDIS_URL share each address’s budget', async () => {
    const env = {
      REDIS_URL: redisUrl!,
      REDIS_KEY_PREFIX: uniqueRedisPrefix('shared-budget'),
      RATE_LIMIT_PER_MINUTE: String(LIMIT),
    };
    apps.push(await startTestApp({ env }), await startTestApp({ env }));
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 4; i++) {
      const res = await apps[i % 2].http().get('/api/v1/sessions?limit=1');
      statuses.push(res.status);
    }
    // In memory each instance would allow LIMIT (2 × LIMIT in all).
    expect(statuses).toEqual([...Array(LIMIT).fill(200), ...Array(4).fill(429)]);
    const refused = await apps[0].http().get('/api/v1/sessions?limit=1');
    expect(refused.status).toBe(429);
    expect(refused.body.type).toMatch(/rate-limited$/);
    // Probes are never limited.
    await apps[1].http().get('/health').expect(200);
  });

  it('an unreachable Redis lets requests through instead of failing them', async () => {
    apps.push(
      await startTestApp({
        env: {
          REDIS_URL: 'redis://127.0.0.1:1',
          REDIS_KEY_PREFIX: uniqueRedisPrefix('unreachable'),
          RATE_LIMIT_PER_MINUTE: String(LIMIT),
        },
      }),
    );
    for (let i = 0; i < LIMIT + 2; i++) await apps[0].http().get('/api/v1/sessions?limit=1').expect(200);
  });

  it('refuses a REDIS_URL that is not a redis:// URL, naming the variable', () => {
    expect(() => loadAppConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL/);
    expect(() => loadAppConfig({ REDIS_KEY_PREFIX: 'có dấu cách' })).toThrow(/REDIS_KEY_PREFIX/);
  });
});
