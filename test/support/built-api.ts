import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
// By path: Vitest's global set-up (apps/web/e2e) loads this file without the @app aliases.
// eslint-disable-next-line no-restricted-imports
import { relocatedClusterName, relocationRoots } from '../../libs/database/src/embedded/server-placement';
// eslint-disable-next-line no-restricted-imports
import { API_NODE_FLAGS, builtApiEnv, freePort, isAlive, sleep } from '../../libs/database/src/embedded/processes';

export { API_NODE_FLAGS, builtApiEnv, freePort, isAlive, sleep };

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
export const BUILT_API_MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
      newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}

/**
 * The built API (what `npm start` runs). CI builds before testing; a fresh clone running only
 * `npm test` has no dist/, and a developer's may be older than the sources: build then.
 */
export async function ensureApiBuilt(): Promise<void> {
  const fresh = () => {
    const built = existsSync(BUILT_API_MAIN) ? statSync(BUILT_API_MAIN).mtimeMs : 0;
    return built >= Math.max(...['apps', 'libs', 'migrations'].map((folder) => newestSource(path.join(ROOT, folder))));
  };
  if (fresh()) return;
  // Test files run in parallel workers: one builds, the others wait for it and find dist/ fresh.
  await withBuildLock(async () => {
    if (!fresh()) await build();
  });
}

const BUILD_LOCK = path.join(ROOT, '.data/api-build.lock');

async function withBuildLock(work: () => Promise<void>): Promise<void> {
  await fs.mkdir(path.dirname(BUILD_LOCK), { recursive: true });
  // Bounded: about five minutes, far more than a build takes.
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.writeFile(BUILD_LOCK, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await fs.readFile(BUILD_LOCK, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) await fs.rm(BUILD_LOCK, { force: true });
      else if (attempt > 3000) throw new Error(`${BUILD_LOCK} is held by process ${owner}`);
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    await work();
  } finally {
    await fs.rm(BUILD_LOCK, { force: true });
  }
}

async function build(): Promise<void> {
  try {
    await execFileAsync(path.join(ROOT, 'node_modules/.bin/nest'), ['build', 'api'], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    // Never fall back to an older dist/: tests would pass on code that no longer compiles.
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`nest build api failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/**
 * The folder a cluster requested at `requested` really lives in: the same, or the one kept under
 * a relocation root when the tests run as root in a folder the `postgres` user cannot enter.
 */
export function clusterFolder(requested: string): string {
  for (const root of relocationRoots()) {
    const relocated = path.join(root, 'clusters', relocatedClusterName(requested));
    if (existsSync(path.join(relocated, 'PG_VERSION'))) return relocated;
  }
  return requested;
}

/** The postmaster's pid, from the cluster's postmaster.pid. */
export function postmasterPid(cluster: string): number {
  return Number(readFileSync(path.join(cluster, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

export interface BuiltApi {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
}

/** Spawns `node dist/apps/api/src/main.js` with `env` on top of a minimal environment, and waits for /health/ready. */
export async function spawnBuiltApi(
  env: Record<string, string>,
  readyAttempts = 600,
  /** Another copy of the project (its dist/ and working folder), e.g. a clone in a private folder. */
  root = ROOT,
  /** The working folder (where `.env` and the relative data folders are read); the project by default. */
  cwd = root,
): Promise<BuiltApi> {
  const port = Number(env.PORT ?? (await freePort()));
  const child = spawn(process.execPath, [...API_NODE_FLAGS, path.join(root, path.relative(ROOT, BUILT_API_MAIN))], {
    cwd,
    env: builtApiEnv({
      JWT_SECRET: 'built-api-test-secret-at-least-32-characters',
      ...env,
      PORT: String(port),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-20_000)));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-20_000)));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  let done = false;
  void exited.then(() => (done = true));
  for (let attempt = 0; attempt < readyAttempts && !done; attempt++) {
    try {
      const res = await fetch(`${baseUrl}/health/ready`);
      if (res.status === 200) return { child, port, baseUrl, output: () => output, exited };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`built API did not become ready on port ${port}:\n${output}`);
}

/** Stops built APIs (those that were started) with SIGTERM and waits until each has exited. */
export async function stopBuiltApis(...apis: (BuiltApi | undefined)[]): Promise<void> {
  for (const api of apis) {
    if (!api) continue;
    api.child.kill('SIGTERM');
    await api.exited;
  }
}

/** One JSON request to a built API: the status and the parsed body (`{}` when empty). */
export async function call<T = Record<string, unknown>>(
  api: BuiltApi,
  method: string,
  route: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${api.baseUrl}${route}`, {
    method,
    headers: {
      ...headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

/** As `call`, for a request that must succeed: its body, or an error naming the status and problem. */
export async function ok<T = Record<string, unknown>>(...args: Parameters<typeof call>): Promise<T> {
  const res = await call<T>(...args);
  if (res.status >= 300) throw new Error(`${args[1]} ${args[2]}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An access token from the built API's login. */
export async function login(api: BuiltApi, email: string, password: string): Promise<string> {
  return (await ok<{ accessToken: string }>(api, 'POST', '/api/v1/auth/login', undefined, { email, password }))
    .accessToken;
}
