import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface DelegationRow {
  id: string;
  province_id: number;
  organisation_id: string | null;
  headcount: number | null;
  note: string | null;
}

/** SQL of reported delegations (session_delegation). */
@Injectable()
export class DelegationRepository {
  /** Inserts unless the province (and agency) is already recorded; undefined then. */
  async insert(
    manager: EntityManager,
    sessionId: number,
    row: { provinceId: number; organisationId: number | null; headcount: number | null; note: string | null },
  ): Promise<number | undefined> {
    const [inserted] = await manager.query(
      `INSERT INTO session_delegation (session_id, province_id, organisation_id, headcount, note)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (session_id, province_id, coalesce(organisation_id, 0)) DO NOTHING RETURNING id`,
      [sessionId, row.provinceId, row.organisationId, row.headcount, row.note],
    );
    return inserted ? Number(inserted.id) : undefined;
  }

  async existing(
    manager: EntityManager,
    sessionId: number,
    provinceId: number,
    organisationId: number | null,
  ): Promise<number | undefined> {
    const [row] = await manager.query(
      `SELECT id FROM session_delegation WHERE session_id = $1 AND province_id = $2 AND organisation_id IS NOT DISTINCT FROM $3`,
      [sessionId, provinceId, organisationId],
    );
    return row ? Number(row.id) : undefined;
  }

  async find(manager: EntityManager, sessionId: number, delegationId: number): Promise<DelegationRow | undefined> {
    const [row] = await manager.query(
      `SELECT id, province_id, organisation_id, headcount, note FROM session_delegation WHERE id = $1 AND session_id = $2`,
      [delegationId, sessionId],
    );
    return row;
  }

  async update(manager: EntityManager, delegationId: number, values: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(values);
    if (columns.length === 0) return;
    await manager.query(
      `UPDATE session_delegation SET ${columns.map((column, i) => `${column} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [delegationId, ...Object.values(values)],
    );
  }

  async delete(manager: EntityManager, delegationId: number): Promise<void> {
    await manager.query(`DELETE FROM session_delegation WHERE id = $1`, [delegationId]);
  }
}
