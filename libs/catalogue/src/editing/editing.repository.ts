import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

type Table = 'person' | 'organisation' | 'document';

/** SQL for organisers' edits of people, organisations and documents. */
@Injectable()
export class EditingRepository {
  async exists(manager: EntityManager, table: Table | 'province' | 'person_position', id: number): Promise<boolean> {
    return (await manager.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length > 0;
  }

  async lock(manager: EntityManager, table: Table, id: number): Promise<Record<string, unknown> | undefined> {
    const [row] = await manager.query(`SELECT * FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
    return row;
  }

  async slugTaken(manager: EntityManager, table: Table, slug: string, exceptId?: number): Promise<boolean> {
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
    table: Table | 'person_position',
    values: Record<string, unknown>,
  ): Promise<number> {
    const columns = Object.keys(values);
    const [{ id }] = await manager.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(values),
    );
    return Number(id);
  }

  async update(manager: EntityManager, table: Table, id: number, values: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(values);
    if (columns.length === 0) return;
    await manager.query(
      `UPDATE ${table} SET ${columns.map((column, i) => `${column} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
      [id, ...Object.values(values)],
    );
  }

  /** What still points at a row, as human-readable counts ("2 agenda presenters"); empty when nothing does. */
  async references(manager: EntityManager, table: Table, id: number): Promise<{ what: string; count: number }[]> {
    const checks: Record<Table, [string, string][]> = {
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

  async delete(manager: EntityManager, table: Table, id: number): Promise<void> {
    if (table === 'document') {
      await manager.query(`DELETE FROM citation WHERE subject_type = 'document' AND subject_id = $1`, [id]);
    }
    await manager.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
  }

  async deletePosition(manager: EntityManager, personId: number, positionId: number): Promise<boolean> {
    // A SELECT around the DELETE: TypeORM answers a bare DELETE with [rows, count].
    const rows = await manager.query(
      `WITH gone AS (DELETE FROM person_position WHERE id = $1 AND person_id = $2 RETURNING id) SELECT id FROM gone`,
      [positionId, personId],
    );
    await manager.query(`DELETE FROM citation WHERE subject_type = 'person_position' AND subject_id = $1`, [
      positionId,
    ]);
    return rows.length > 0;
  }

  async currentName(
    manager: EntityManager,
    organisationId: number,
  ): Promise<{ id: string; name: string; valid_from: string | null } | undefined> {
    const [row] = await manager.query(
      `SELECT id, name, to_char(valid_from, 'YYYY-MM-DD') AS valid_from FROM organisation_name
        WHERE organisation_id = $1 AND NOT is_alias AND valid_to IS NULL ORDER BY valid_from DESC NULLS LAST LIMIT 1`,
      [organisationId],
    );
    return row;
  }

  async addName(manager: EntityManager, organisationId: number, name: string, validFrom: string | null): Promise<void> {
    await manager.query(
      `INSERT INTO organisation_name (organisation_id, name, valid_from) VALUES ($1, $2, $3)
       ON CONFLICT (organisation_id, name) DO UPDATE SET is_alias = false, valid_from = EXCLUDED.valid_from, valid_to = NULL`,
      [organisationId, name, validFrom],
    );
  }

  async closeName(manager: EntityManager, nameId: string, validTo: string): Promise<void> {
    await manager.query(`UPDATE organisation_name SET valid_to = $2 WHERE id = $1`, [nameId, validTo]);
  }

  /** Sessions whose search text mentions this person/organisation/document, to refresh after a rename. */
  async refreshSessionsMentioning(manager: EntityManager, table: Table, id: number): Promise<void> {
    const sql: Record<Table, string> = {
      person: `SELECT DISTINCT ai.session_id AS id FROM agenda_presenter ap JOIN agenda_item ai ON ai.id = ap.agenda_item_id WHERE ap.person_id = $1`,
      organisation: `SELECT session_id AS id FROM session_organiser WHERE organisation_id = $1
                     UNION SELECT ai.session_id FROM agenda_presenter ap JOIN agenda_item ai ON ai.id = ap.agenda_item_id WHERE ap.organisation_id = $1`,
      document: `SELECT session_id AS id FROM session_document WHERE document_id = $1
                 UNION SELECT ai.session_id FROM agenda_document ad JOIN agenda_item ai ON ai.id = ad.agenda_item_id WHERE ad.document_id = $1`,
    };
    await manager.query(`SELECT refresh_session_search(x.id) FROM (${sql[table]}) x`, [id]);
  }
}
