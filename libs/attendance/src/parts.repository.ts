import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PartRow } from './attendance.repository';

/** SQL of a session's parts (buổi): list, add, correct, remove; on the caller's transaction manager. */
@Injectable()
export class PartsRepository {
  async parts(manager: EntityManager, sessionId: number): Promise<PartRow[]> {
    return manager.query(`SELECT * FROM session_part WHERE session_id = $1 ORDER BY position`, [sessionId]);
  }

  async sessionDates(
    manager: EntityManager,
    sessionId: number,
  ): Promise<{ starts_on: string | null; ends_on: string | null; status: string } | undefined> {
    const [row] = await manager.query(
      `SELECT to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, status
         FROM training_session WHERE id = $1 FOR SHARE`,
      [sessionId],
    );
    return row;
  }

  async updatePart(
    manager: EntityManager,
    partId: number,
    values: { label: string; startsAt: string; endsAt: string },
  ): Promise<PartRow> {
    const [[row]] = await manager.query(
      `UPDATE session_part SET label = $2, starts_at = $3, ends_at = $4 WHERE id = $1 RETURNING *`,
      [partId, values.label, values.startsAt, values.endsAt],
    );
    return row;
  }

  /** Anything recorded for the part (check-ins, absences, walk-ins, undone ones too, headcounts). */
  async partHasAttendance(manager: EntityManager, partId: number): Promise<boolean> {
    const [row] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM attendance WHERE part_id = $1)
           OR EXISTS (SELECT 1 FROM bridge_point_headcount WHERE part_id = $1) AS used`,
      [partId],
    );
    return row.used;
  }

  async deletePart(manager: EntityManager, partId: number): Promise<void> {
    await manager.query(`DELETE FROM session_part WHERE id = $1`, [partId]);
  }

  async lockPart(manager: EntityManager, sessionId: number, partId: number): Promise<PartRow | undefined> {
    const [row] = await manager.query(`SELECT * FROM session_part WHERE id = $1 AND session_id = $2 FOR UPDATE`, [
      partId,
      sessionId,
    ]);
    return row;
  }

  async addPart(
    manager: EntityManager,
    sessionId: number,
    label: string,
    startsAt: string,
    endsAt: string,
  ): Promise<PartRow> {
    const [row] = await manager.query(
      `INSERT INTO session_part (session_id, position, label, starts_at, ends_at)
       VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM session_part WHERE session_id = $1), $2, $3, $4) RETURNING *`,
      [sessionId, label, startsAt, endsAt],
    );
    return row;
  }
}
