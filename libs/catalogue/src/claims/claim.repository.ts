import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface ClaimRow {
  id: string;
  field: string;
  value: number;
  qualifier: string;
  note: string | null;
}

/** SQL of reported counts (session_claim). */
@Injectable()
export class ClaimRepository {
  async insert(
    manager: EntityManager,
    sessionId: number,
    claim: { field: string; value: number; qualifier: string; note: string | null },
  ): Promise<number> {
    const [{ id }] = await manager.query(
      `INSERT INTO session_claim (session_id, field, value, qualifier, note) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [sessionId, claim.field, claim.value, claim.qualifier, claim.note],
    );
    return Number(id);
  }

  async find(manager: EntityManager, sessionId: number, claimId: number): Promise<ClaimRow | undefined> {
    const [row] = await manager.query(
      `SELECT id, field, value, qualifier, note FROM session_claim WHERE id = $1 AND session_id = $2`,
      [claimId, sessionId],
    );
    return row;
  }

  async update(manager: EntityManager, claimId: number, values: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(values);
    if (columns.length === 0) return;
    await manager.query(
      `UPDATE session_claim SET ${columns.map((column, i) => `${column} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [claimId, ...Object.values(values)],
    );
  }

  async delete(manager: EntityManager, claimId: number): Promise<void> {
    await manager.query(`DELETE FROM session_claim WHERE id = $1`, [claimId]);
  }
}
