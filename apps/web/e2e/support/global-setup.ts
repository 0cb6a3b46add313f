import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { clusterFolder, ensureApiBuilt, spawnBuiltApi, type BuiltApi } from '../../../../test/support/built-api';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const WEB = path.join(ROOT, 'apps/web');
const BUILT_INDEX = path.join(ROOT, 'dist/web/index.html');
export const ADMIN = { email: 'quantri@browser.test', password: 'browser-test-admin-password' };

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    admin: { email: string; password: string };
  }
}

function newest(folder: string): number {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else if (!/\.test\.tsx?$/.test(entry.name)) latest = Math.max(latest, statSync(full).mtimeMs);
  }
  return latest;
}

/** `npm run build:web` when dist/web is missing or older than the sources (the budget check runs with it). */
async function ensureWebBuilt(): Promise<void> {
  const built = existsSync(BUILT_INDEX) ? statSync(BUILT_INDEX).mtimeMs : 0;
  const sources = Math.max(newest(path.join(WEB, 'src')), statSync(path.join(WEB, 'index.html')).mtimeMs);
  if (built >= sources) return;
  // Vitest sets NODE_ENV=test, which would build React's development code into the bundle.
  await promisify(execFile)('npm', ['run', 'build:web'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 16 * 1024 * 1024,
  });
}

let api: BuiltApi | undefined;

/**
 * The product as `npm start` runs it: the built API serving the built web app, on a fresh
 * embedded PostgreSQL (migrated and seeded on start), with a known administrator.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await Promise.all([ensureApiBuilt(), ensureWebBuilt()]);
  const dataDir = path.join(ROOT, '.data/postgres-browser');
  // Fresh every run, also where the cluster had to be kept outside a private folder (root, 0700).
  const removeCluster = () => {
    for (const folder of new Set([clusterFolder(dataDir), dataDir])) rmSync(folder, { recursive: true, force: true });
  };
  removeCluster();
  api = await spawnBuiltApi(
    {
      EMBEDDED_DB_DIR: dataDir,
      EMBEDDED_DB_PORT: process.env.BROWSER_TEST_DB_PORT ?? process.env.TEST_EMBEDDED_DB_PORT ?? '29331',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      RATE_LIMIT_PER_MINUTE: '100000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    },
    3000,
  );
  project.provide('baseUrl', api.baseUrl);
  project.provide('admin', ADMIN);
  return async () => {
    if (!api) return;
    api.child.kill('SIGTERM');
    await api.exited;
    removeCluster();
  };
}
