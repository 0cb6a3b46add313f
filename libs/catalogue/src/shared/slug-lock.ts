import type { EntityManager } from 'typeorm';

/**
 * Holds `slug` of `table` for the rest of the caller's transaction. Finding a free slug and
 * inserting it are two statements: without this, two use cases naming the same new record at
 * once (two imports that name one presenter, two sessions with one title) both find the slug
 * free and one of them fails on the unique index. The second now waits, then sees the first's
 * row once it commits and takes the next slug. Derived slugs are held by their base, so that
 * `…-2`, `…-3` are chosen one transaction at a time.
 */
export async function holdSlug(manager: EntityManager, table: string, slug: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`slug:${table}:${slug}`]);
}
