import { DataSource, EntityManager } from 'typeorm';
import { notFound, RequestValidationException } from '@app/common';
import { SessionWriteRepository, SessionWriteRow } from './session-write.repository';

/** Organisers read their session back with its drafts. */
export const ORGANISER_VIEW = { canSeeDrafts: true };

/** One transaction holding the session row's lock (404 when there is none). */
export async function withLockedSession(
  dataSource: DataSource,
  sessions: SessionWriteRepository,
  id: number,
  work: (manager: EntityManager, startsOn: string | null, session: SessionWriteRow) => Promise<void>,
) {
  await dataSource.transaction(async (manager) => {
    const current = await sessions.lock(manager, id);
    if (!current) throw notFound('Session', id);
    await work(manager, current.starts_on, current);
  });
}

/** A reference to a row that does not exist is a field error (400), not a database error. */
export async function requireExisting(
  sessions: SessionWriteRepository,
  manager: EntityManager,
  table: 'province' | 'region' | 'organisation' | 'person' | 'document',
  ids: number[],
  pathOf: (index: number) => string,
) {
  const missing = new Set(await sessions.missing(manager, table, ids));
  if (missing.size === 0) return;
  throw new RequestValidationException(
    ids.flatMap((value, index) =>
      missing.has(value) ? [{ path: pathOf(index), message: `${table} ${value} does not exist` }] : [],
    ),
  );
}
