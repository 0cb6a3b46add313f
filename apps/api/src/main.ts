import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { availableParallelism } from 'node:os';
import { docsArePublic } from '@app/common';
import {
  describeStartupPhases,
  exitWith,
  loadConfigurationOrExit,
  recordStartupPhase,
  resolveDatabaseOrExit,
  timeStartupPhase,
} from '@app/database';
import { runClusterPrimary } from './cluster';
import { createApiApplication } from './create-app';
import { seedIfNeeded } from './seed-on-start';

async function main(): Promise<void> {
  // Node's own start and loading every module until here: the part no phase below can shorten.
  recordStartupPhase('modules', process.uptime() * 1000);
  // Start-up failures that a person can fix get one line, not a stack trace.
  const { config, envFile } = loadConfigurationOrExit();
  const database = await timeStartupPhase('database', () => resolveDatabaseOrExit(config));

  // `--cluster` (npm run start:cluster) runs one process per core unless WEB_CONCURRENCY says how many.
  const processes =
    process.argv.includes('--cluster') && process.env.WEB_CONCURRENCY === undefined
      ? availableParallelism()
      : config.WEB_CONCURRENCY;
  if (cluster.isPrimary && processes > 1) return runClusterPrimary(config, database, processes);

  const app = await timeStartupPhase('nest', () => createApiApplication(config, database.url, [], database.embedded));
  const logger = new Logger('Main');
  if (envFile) logger.log(`Configuration read from ${envFile} (the real environment wins)`);
  const placement = database.embedded?.placement;
  if (placement?.relocatedFrom) {
    logger.log(
      `Embedded PostgreSQL cluster kept in ${placement.dataDir}: the 'postgres' user it runs as cannot reach ${placement.relocatedFrom}`,
    );
  }
  await timeStartupPhase('seed', () => seedIfNeeded(app, config, database.embedded !== undefined));

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.log(`${signal} received: finishing in-flight requests (at most ${config.SHUTDOWN_DRAIN_MS} ms)`);
    // Fastify stops accepting, closes idle keep-alive connections, answers in-flight requests with
    // Connection: close and new ones on open sockets with 503. A client that holds a request open
    // (a slow upload, a stalled body) would keep the process alive until REQUEST_TIMEOUT_MS: past
    // the drain deadline every connection still open is cut.
    const server = app.getHttpServer() as Server;
    const deadline = setTimeout(() => {
      logger.warn(`Drain deadline of ${config.SHUTDOWN_DRAIN_MS} ms reached: cutting the connections still open`);
      server.closeAllConnections();
    }, config.SHUTDOWN_DRAIN_MS);
    await app.close();
    clearTimeout(deadline);
    await database.embedded?.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  try {
    await timeStartupPhase('listen', () => app.listen({ port: config.PORT, host: config.HOST }));
  } catch (error) {
    await app.close().catch(() => undefined);
    await database.embedded?.stop();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      exitWith(`Port ${config.PORT} is already in use (is the API already running?). Set PORT to use another.`);
    }
    throw error;
  }
  logger.log(describeStartupPhases());
  logger.log(
    `Listening on http://localhost:${config.PORT} (API under /api/v1, ` +
      `${docsArePublic(config) ? 'docs at /docs' : 'docs not served: DOCS_PUBLIC=true publishes them'}) on Node ${process.version}`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
