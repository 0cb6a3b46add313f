import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** SQL of roles at an event, awards given there and posts stated there. */
@Injectable()
export class RoleRepository {
  async insertRole(
    manager: EntityManager,
    sessionId: number,
    role: {
      role: string;
      personId: number | null;
      organisationId: number | null;
      awardId: number | null;
      statedAs: string | null;
      note: string | null;
    },
  ): Promise<number> {
    const [{ id }] = await manager.query(
      `INSERT INTO session_role (session_id, role, person_id, organisation_id, award_id, stated_as, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [sessionId, role.role, role.personId, role.organisationId, role.awardId, role.statedAs, role.note],
    );
    return Number(id);
  }

  async findRole(manager: EntityManager, sessionId: number, roleId: number) {
    const [row] = await manager.query(`SELECT * FROM session_role WHERE id = $1 AND session_id = $2`, [
      roleId,
      sessionId,
    ]);
    return row as Record<string, unknown> | undefined;
  }

  async deleteRole(manager: EntityManager, roleId: number): Promise<void> {
    await manager.query(`DELETE FROM session_role WHERE id = $1`, [roleId]);
  }

  async insertAward(
    manager: EntityManager,
    sessionId: number,
    award: { title: string; conferredById: number | null; note: string | null },
  ): Promise<number> {
    const [{ id }] = await manager.query(
      `INSERT INTO session_award (session_id, title, conferred_by_id, note) VALUES ($1, $2, $3, $4) RETURNING id`,
      [sessionId, award.title, award.conferredById, award.note],
    );
    return Number(id);
  }

  async findAward(manager: EntityManager, sessionId: number, awardId: number) {
    const [row] = await manager.query(`SELECT * FROM session_award WHERE id = $1 AND session_id = $2`, [
      awardId,
      sessionId,
    ]);
    return row as Record<string, unknown> | undefined;
  }

  /** Deletes an award and its recipients' roles; answers the role ids that went with it. */
  async deleteAward(manager: EntityManager, awardId: number): Promise<number[]> {
    const roles: { id: string }[] = await manager.query(`SELECT id FROM session_role WHERE award_id = $1`, [awardId]);
    await manager.query(`DELETE FROM session_award WHERE id = $1`, [awardId]);
    return roles.map((role) => Number(role.id));
  }

  async insertStatedPost(
    manager: EntityManager,
    sessionId: number,
    post: { personId: number; title: string; organisationId: number | null; attestedOn: string | null },
  ): Promise<number> {
    const [{ id }] = await manager.query(
      `INSERT INTO person_position (person_id, title, organisation_id, attested_on, session_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [post.personId, post.title, post.organisationId, post.attestedOn, sessionId],
    );
    return Number(id);
  }

  async deleteStatedPost(manager: EntityManager, sessionId: number, postId: number): Promise<boolean> {
    const rows = await manager.query(
      `WITH gone AS (DELETE FROM person_position WHERE id = $1 AND session_id = $2 RETURNING id) SELECT id FROM gone`,
      [postId, sessionId],
    );
    return rows.length > 0;
  }
}
