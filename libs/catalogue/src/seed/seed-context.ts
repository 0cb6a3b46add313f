import type { EntityManager } from 'typeorm';
import type { SeedCitation } from './seed-data';

/**
 * What one seeding run shares between the reference and the session seeders: the transaction's
 * manager, the ids of the rows seeded so far by their seed keys, and the citation writer.
 */
export async function upsert(
  manager: EntityManager,
  table: string,
  key: Record<string, unknown>,
  values: Record<string, unknown>,
): Promise<number> {
  const keyColumns = Object.keys(key);
  const where = keyColumns.map((column, index) => `${column} IS NOT DISTINCT FROM $${index + 1}`).join(' AND ');
  const found: { id: string }[] = await manager.query(`SELECT id FROM ${table} WHERE ${where}`, Object.values(key));
  const all = { ...key, ...values };
  const columns = Object.keys(all);
  if (found.length > 0) {
    const sets = Object.keys(values).map((column, index) => `${column} = $${index + 2}`);
    if (sets.length > 0) {
      await manager.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1`, [
        found[0].id,
        ...Object.values(values),
      ]);
    }
    return Number(found[0].id);
  }
  const rows: { id: string }[] = await manager.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING id`,
    Object.values(all),
  );
  return Number(rows[0].id);
}

export class SeedContext {
  readonly sources = new Map<string, number>();
  readonly organisations = new Map<string, number>();
  readonly people = new Map<string, number>();
  readonly documents = new Map<string, number>();
  readonly regions = new Map<string, number>();
  /** Pre-2025 units by name (the names the articles use). */
  readonly oldProvinces = new Map<string, number>();
  /** Posts stated at a session, bound once the sessions are seeded. */
  readonly statedPositions: { positionId: number; sessionKey: string }[] = [];

  constructor(readonly manager: EntityManager) {}

  id(map: Map<string, number>, key: string, what: string): number {
    const id = map.get(key);
    if (id === undefined) throw new Error(`seed refers to unknown ${what} "${key}"`);
    return id;
  }

  async cite(subjectType: string, subjectId: number, cites: SeedCitation[], aspect: string | null = null) {
    for (const cite of cites) {
      await this.manager.query(
        `INSERT INTO citation (source_id, paragraph, quote, subject_type, subject_id, aspect, seeded)
         VALUES ($1, $2, $3, $4, $5, $6, true)`,
        [
          this.id(this.sources, cite.source, 'source'),
          cite.paragraph,
          cite.quote ?? null,
          subjectType,
          subjectId,
          aspect,
        ],
      );
    }
  }
}
