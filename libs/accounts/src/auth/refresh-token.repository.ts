import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface RefreshTokenRow {
  id: string;
  userId: number;
  familyId: string;
  /** Already rotated or revoked: presenting it again means it was stolen or replayed. */
  revoked: boolean;
  expired: boolean;
}

/** All SQL of `refresh_token`. Only sha256 hashes of tokens are stored or looked up. */
@Injectable()
export class RefreshTokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(
    manager: EntityManager,
    token: { id: string; userId: number; familyId: string; tokenHash: string; expiresAt: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO refresh_token (id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [token.id, token.userId, token.familyId, token.tokenHash, token.expiresAt],
    );
  }

  /** Finds a token by hash and locks it, so two concurrent rotations of one token serialise. */
  async findForUpdate(manager: EntityManager, tokenHash: string): Promise<RefreshTokenRow | null> {
    const rows: { id: string; user_id: string; family_id: string; revoked: boolean; expired: boolean }[] =
      await manager.query(
        `SELECT id, user_id, family_id, revoked_at IS NOT NULL AS revoked, expires_at <= now() AS expired
           FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
        [tokenHash],
      );
    if (rows.length === 0) return null;
    const [row] = rows;
    return {
      id: row.id,
      userId: Number(row.user_id),
      familyId: row.family_id,
      revoked: row.revoked,
      expired: row.expired,
    };
  }

  async markRotated(manager: EntityManager, id: string, replacedBy: string): Promise<void> {
    await manager.query(`UPDATE refresh_token SET revoked_at = now(), replaced_by = $2 WHERE id = $1`, [
      id,
      replacedBy,
    ]);
  }

  async revokeFamily(manager: EntityManager | DataSource, familyId: string): Promise<void> {
    await manager.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [
      familyId,
    ]);
  }

  async revokeAllOfUser(manager: EntityManager | DataSource, userId: number): Promise<void> {
    await manager.query(`UPDATE refresh_token SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
    ]);
  }

  async familyOf(manager: EntityManager, tokenHash: string): Promise<{ familyId: string; userId: number } | null> {
    const rows: { family_id: string; user_id: string }[] = await manager.query(
      `SELECT family_id, user_id FROM refresh_token WHERE token_hash = $1`,
      [tokenHash],
    );
    return rows.length === 0 ? null : { familyId: rows[0].family_id, userId: Number(rows[0].user_id) };
  }
}
