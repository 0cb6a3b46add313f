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

/** Listens on `port` (0: any) of 127.0.0.1 and closes again: the port bound, or null if taken. */
async function tryPort(port: number): Promise<number | null> {
  const server = net.createServer();
  const bound = await new Promise<boolean>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error),
    );
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (!bound) return null;
  const { port: chosen } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return chosen;
}

let nextInRange = 0;

/**
 * A TCP port that was free a moment ago on 127.0.0.1. FREE_PORT_RANGE=21100-21199 keeps every
 * port handed out inside that block (taken in turn, for a shared machine where each job has its
 * own ports); unset, the kernel picks any free one.
 */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.FREE_PORT_RANGE ?? '');
  if (!range) return (await tryPort(0))!;
  const [low, high] = [Number(range[1]), Number(range[2])];
  for (let tried = 0; tried <= high - low; tried++) {
    const port = low + ((nextInRange++ + process.pid) % (high - low + 1));
    if ((await tryPort(port)) !== null) return port;
  }
  throw new Error(`freePort: no free port in FREE_PORT_RANGE ${low}-${high}`);
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
