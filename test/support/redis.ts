import { Socket } from 'node:net';

/** Set by the global setup when a Redis answers (TEST_REDIS_URL, else 127.0.0.1:6379). */
export const REDIS_ENV = 'TTDN_TEST_REDIS_URL';

/** True when a Redis server at `url` answers PING within a second. */
export async function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.connect(Number(port || 6379), hostname || '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

/**
 * The Redis the tests may use, or undefined: tests that need it are then reported as skipped
 * (`const itWithRedis = testRedisUrl() ? it : it.skip`).
 */
export const testRedisUrl = (): string | undefined => process.env[REDIS_ENV] || undefined;

/** A key prefix of its own per test run and app, so runs (and other projects on the server) never share counters. */
export const uniqueRedisPrefix = (name: string) => `ttdn-test:${process.pid}:${Date.now().toString(36)}:${name}:`;
