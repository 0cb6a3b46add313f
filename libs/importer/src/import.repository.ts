import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ImportProposalDto } from './imports.dto';

export interface ArticleImportRow {
  id: string;
  created_by: string;
  url: string | null;
  publisher: string | null;
  published_on: string | null;
  proposal: ImportProposalDto;
  status: 'proposed' | 'accepted';
  session_id: string | null;
  accepted_as: 'new_session' | 'further_source' | null;
  created_at: Date;
  accepted_at: Date | null;
}

/** The stored proposals: written once when a report is read, read back by id. */
@Injectable()
export class ImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    userId: number,
    source: { text: string; url?: string | null; publisher?: string | null; publishedOn?: string | null },
    proposal: ImportProposalDto,
  ): Promise<ArticleImportRow> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO article_import (created_by, text, url, publisher, published_on, proposal)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, created_by, url, publisher, published_on::text, proposal, status, session_id, accepted_as, created_at, accepted_at`,
      [
        userId,
        source.text,
        source.url ?? null,
        source.publisher ?? null,
        source.publishedOn ?? null,
        JSON.stringify(proposal),
      ],
    )) as ArticleImportRow[];
    return row;
  }

  async find(id: number): Promise<ArticleImportRow | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT id, created_by, url, publisher, published_on::text, proposal, status, session_id, accepted_as, created_at, accepted_at
         FROM article_import WHERE id = $1`,
      [id],
    )) as ArticleImportRow[];
    return rows[0];
  }

  /** The proposal, locked until the accept's transaction ends: concurrent accepts of it queue here. */
  async lock(manager: EntityManager, id: number): Promise<ArticleImportRow | undefined> {
    const rows = (await manager.query(
      `SELECT id, created_by, url, publisher, published_on::text, proposal, status, session_id, accepted_as, created_at, accepted_at
         FROM article_import WHERE id = $1 FOR UPDATE`,
      [id],
    )) as ArticleImportRow[];
    return rows[0];
  }

  async markAccepted(
    manager: EntityManager,
    id: number,
    sessionId: number,
    acceptedAs: 'new_session' | 'further_source',
  ): Promise<void> {
    await manager.query(
      `UPDATE article_import SET status = 'accepted', session_id = $2, accepted_as = $3, accepted_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'proposed'`,
      [id, sessionId, acceptedAs],
    );
  }
}
