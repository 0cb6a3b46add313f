import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type RecordTable = 'person' | 'organisation' | 'document';

/** SQL shared by the edits of people, organisations and documents (one table each, by name). */
@Injectable()
export class CatalogueRecordRepository {
  async exists(
    manager: EntityManager,
    table: RecordTable | 'province' | 'person_position',
    id: number,
  ): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length > 0;
  }

  async lock(manager: EntityManager, table: RecordTable, id: number): Promise<Record<string, unknown> | undefined> {
    const [row] = await manager.query(`SELECT * FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
    return row;
  }

  async slugTaken(manager: EntityManager, table: RecordTable, slug: string, exceptId?: number): Promise<boolean> {
    return (
      (
        await manager.query(`SELECT 1 FROM ${table} WHERE slug = $1 AND id IS DISTINCT FROM $2`, [
          slug,
          exceptId ?? null,
        ])
      ).length > 0
    );
  }

  async insert(
    manager: EntityManager,
    table: RecordTable | 'person_position',
    values: Record<string, unknown>,
  ): Promise<number> {
    const columns = Object.keys(values);
    const [{ id }] = await manager.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(values),
    );
    return Number(id);
  }

  async update(manager: EntityManager, table: RecordTable, id: number, values: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(values);
    if (columns.length === 0) return;
    await manager.query(
      `UPDATE ${table} SET ${columns.map((column, i) => `${column} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
      [id, ...Object.values(values)],
    );
  }

  /** What still points at a row, as human-readable counts ("2 agenda presenters"); empty when nothing does. */
  async references(manager: EntityManager, table: RecordTable, id: number): Promise<{ what: string; count: number }[]> {
    const checks: Record<RecordTable, [string, string][]> = {
      person: [['agenda presenters', `SELECT count(*) FROM agenda_presenter WHERE person_id = $1`]],
      organisation: [
        ['session organisers', `SELECT count(*) FROM session_organiser WHERE organisation_id = $1`],
        ['agenda presenters', `SELECT count(*) FROM agenda_presenter WHERE organisation_id = $1`],
        ['person positions', `SELECT count(*) FROM person_position WHERE organisation_id = $1`],
        ['documents issued', `SELECT count(*) FROM document WHERE issuer_id = $1`],
        ['sub-organisations', `SELECT count(*) FROM organisation WHERE parent_id = $1`],
        ['bridge points', `SELECT count(*) FROM bridge_point WHERE organisation_id = $1`],
        ['reported delegations', `SELECT count(*) FROM session_delegation WHERE organisation_id = $1`],
      ],
      document: [
        ['sessions', `SELECT count(*) FROM session_document WHERE document_id = $1`],
        ['agenda items', `SELECT count(*) FROM agenda_document WHERE document_id = $1`],
      ],
    };
    const found: { what: string; count: number }[] = [];
    for (const [what, sql] of checks[table]) {
      const [{ count }] = await manager.query(sql, [id]);
      if (Number(count) > 0) found.push({ what, count: Number(count) });
    }
    return found;
  }

  async delete(manager: EntityManager, table: RecordTable, id: number): Promise<void> {
    if (table === 'document') {
      await manager.query(`DELETE FROM citation WHERE subject_type = 'document' AND subject_id = $1`, [id]);
    }
    await manager.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
  }

  /** Sessions whose search text mentions this person/organisation/document, to refresh after a rename. */
  async refreshSessionsMentioning(manager: EntityManager, table: RecordTable, id: number): Promise<void> {
    const sql: Record<RecordTable, string> = {
      person: `SELECT DISTINCT ai.session_id AS id FROM agenda_presenter ap JOIN agenda_item ai ON ai.id = ap.agenda_item_id WHERE ap.person_id = $1`,
      organisation: `SELECT session_id AS id FROM session_organiser WHERE organisation_id = $1
                     UNION SELECT ai.session_id FROM agenda_presenter ap JOIN agenda_item ai ON ai.id = ap.agenda_item_id WHERE ap.organisation_id = $1`,
      document: `SELECT session_id AS id FROM session_document WHERE document_id = $1
                 UNION SELECT ai.session_id FROM agenda_document ad JOIN agenda_item ai ON ai.id = ad.agenda_item_id WHERE ad.document_id = $1`,
    };
    await manager.query(`SELECT refresh_session_search(x.id) FROM (${sql[table]}) x`, [id]);
  }
}
