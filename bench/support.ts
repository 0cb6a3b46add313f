import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const API_MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');
export const JWT_SECRET = 'benchmark-secret-that-is-at-least-32-characters';
export const ADMIN = { email: 'bench-admin@bench.local', password: 'bench-admin-password-1' };

// By path: bench is compiled by plain tsc, which does not rewrite the @app aliases.
// eslint-disable-next-line no-restricted-imports
import { API_NODE_FLAGS, builtApiEnv, freePort, sleep } from '../libs/database/src/embedded/processes';

export { freePort, sleep };

export function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    nproc: os.availableParallelism(),
    cpu: model,
    ramGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** Resident memory figures of a process from /proc (kB → MB). VmHWM is the peak since start. */
export function memoryOf(pid: number): { rssMB: number; hwmMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
}

export interface SpawnedApi {
  child: ChildProcess;
  baseUrl: string;
  /** The API's root: `${baseUrl}/api/v1` (health stays at the origin). */
  apiUrl: string;
  readyMs: number;
  output(): string;
  stop(): Promise<void>;
}

/** `node dist/apps/api/src/main.js` with `env`; resolves once /health/ready answers 200. */
export async function spawnApi(env: Record<string, string>, readyTimeoutMs = 300_000): Promise<SpawnedApi> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...API_NODE_FLAGS, API_MAIN], {
    cwd: ROOT,
    env: builtApiEnv({
      NODE_ENV: 'production',
      JWT_SECRET,
      RATE_LIMIT_PER_MINUTE: '0',
      LOGIN_RATE_LIMIT_PER_MINUTE: '0',
      ...env,
      PORT: String(port),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: string) => (output = (output + chunk).slice(-20_000));
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  while (performance.now() - started < readyTimeoutMs) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${baseUrl}/health/ready`);
      await res.arrayBuffer();
      if (res.status === 200) {
        return {
          child,
          baseUrl,
          apiUrl: `${baseUrl}/api/v1`,
          readyMs: performance.now() - started,
          output: () => output,
          stop,
        };
      }
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  await stop();
  throw new Error(`API did not become ready:\n${output}`);
}

export async function api<T = unknown>(
  baseUrl: string,
  method: string,
  urlPath: string,
  options: { token?: string; body?: unknown; expect?: number[] } = {},
): Promise<T> {
  const res = await fetch(`${baseUrl}${urlPath}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await res.text();
  const expected = options.expect ?? [200, 201];
  if (!expected.includes(res.status)) throw new Error(`${method} ${urlPath} answered ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  return (await api<{ accessToken: string }>(baseUrl, 'POST', '/auth/login', { body: { email, password } }))
    .accessToken;
}

/** Runs `work` over `items` with at most `concurrency` in flight. */
export async function pool<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index], index);
      }
    }),
  );
  return results;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
