import * as net from 'node:net';

/**
 * Process and port helpers shared by the embedded PostgreSQL launcher, the test support, the
 * start-up tests and the benchmarks. Node built-ins only, no @app imports: bench (plain tsc)
 * and Vitest's global set-up load this file by path.
 */

/** Whether a process exists (EPERM: it does, under another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Node flags the API runs with (`npm start`, the cluster's workers inherit them, and every spawner
 * of the built API). Node 24's V8 sizes the young generation up to 64 MB a semi-space on a
 * machine with memory to spare (Node 20: 16 MB): a long export then holds ~140 MB more (bounded:
 * the same for 1M and 3M rows) and measured slower here; 16 MB keeps Node 20's size.
 */
export const API_NODE_FLAGS = ['--max-semi-space-size=16'];

/**
 * The environment a spawned built API (`node dist/apps/api/src/main.js`) starts from: only PATH
 * and HOME of this process (never the whole environment: a developer's DATABASE_URL or PORT must
 * not leak in), bound to 127.0.0.1, as a test with warnings logged, and `overrides` on top (each
 * spawner's NODE_ENV, log level, secret and limits).
 */
export function builtApiEnv(overrides: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    ...overrides,
  };
}
