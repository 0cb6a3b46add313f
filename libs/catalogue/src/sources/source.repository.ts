import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { foldForSearch } from '@app/common';
import { MAX_SEARCH_TERMS, SqlParams } from '../search/search-query';
import { publishedSql } from '../sessions/session.rules';

/**
 * "Every word of q, accents folded" over a source's key, title, publisher, author and URL. The
 * sources are few (a catalogue's reports, not its sessions), so a LIKE per word over one folded
 * text is enough; the patterns travel as one text[] so the statement never grows with q.
 */
function matchesEveryWord(expression: string, q: string | undefined, params: SqlParams): string | undefined {
  const words = [
    ...new Set(
      foldForSearch(q ?? '')
        .split(' ')
        .filter(Boolean),
    ),
  ].slice(0, MAX_SEARCH_TERMS);
  if (words.length === 0) return undefined;
  const patterns = words.map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return `${expression} LIKE ALL (${params.add(patterns)}::text[])`;
}

export interface SourceRow {
  id: string;
  key: string;
  publisher: string | null;
  title: string;
  published_on: string | null;
  author: string | null;
  url: string | null;
  note: string | null;
  language: string;
  has_text: boolean;
  citation_count: number;
  sessions: string[];
}

export interface SourceCitationRow {
  subject_type: string;
  subject_id: string;
  session_slug: string | null;
  paragraph: number;
  quote: string | null;
  aspect: string | null;
  retired: boolean;
  session_status: string | null;
}

const COLUMNS = `so.id, so.key, so.publisher, so.title, to_char(so.published_on, 'YYYY-MM-DD') AS published_on, so.author,
  so.url, so.note, so.language, so.paragraphs IS NOT NULL AS has_text,
  (SELECT count(*)::int FROM citation c WHERE c.source_id = so.id AND c.retired_at IS NULL) AS citation_count,
  coalesce((SELECT array_agg(s.slug ORDER BY s.sort_on, s.id) FROM session_source ss
              JOIN training_session s ON s.id = ss.session_id
             WHERE ss.source_id = so.id AND (${publishedSql('s')} OR $1::boolean)), '{}') AS sessions`;

const SEARCHED = `search_fold(concat_ws(' ', so.key, so.title, so.publisher, so.author, so.url))`;

// The session a cited fact belongs to, by the table the citation names.
const SESSION_OF_SUBJECT = `CASE c.subject_type
  WHEN 'training_session' THEN c.subject_id
  WHEN 'session_organiser' THEN (SELECT session_id FROM session_organiser WHERE id = c.subject_id)
  WHEN 'session_claim' THEN (SELECT session_id FROM session_claim WHERE id = c.subject_id)
  WHEN 'bridge_point' THEN (SELECT session_id FROM bridge_point WHERE id = c.subject_id)
  WHEN 'session_delegation' THEN (SELECT session_id FROM session_delegation WHERE id = c.subject_id)
  WHEN 'agenda_item' THEN (SELECT session_id FROM agenda_item WHERE id = c.subject_id)
  WHEN 'session_role' THEN (SELECT session_id FROM session_role WHERE id = c.subject_id)
  WHEN 'session_award' THEN (SELECT session_id FROM session_award WHERE id = c.subject_id)
  WHEN 'person_position' THEN (SELECT session_id FROM person_position WHERE id = c.subject_id)
  END`;

/** SQL of sources. */
@Injectable()
export class SourceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(
    q: string | undefined,
    limit: number,
    offset: number,
    canSeeDrafts: boolean,
  ): Promise<{ rows: SourceRow[]; total: number }> {
    const counting = new SqlParams();
    const countMatch = matchesEveryWord(SEARCHED, q, counting);
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM source so ${countMatch ? `WHERE ${countMatch}` : ''}`,
      counting.values,
    );
    const params = new SqlParams();
    params.add(canSeeDrafts);
    const match = matchesEveryWord(SEARCHED, q, params);
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM source so ${match ? `WHERE ${match}` : ''}
        ORDER BY so.published_on DESC NULLS LAST, so.key LIMIT ${params.add(limit)} OFFSET ${params.add(offset)}`,
      params.values,
    );
    return { rows, total };
  }

  async find(manager: EntityManager, key: string, canSeeDrafts: boolean): Promise<SourceRow | undefined> {
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM source so WHERE so.key = $2`, [canSeeDrafts, key]);
    return row;
  }

  async paragraphs(manager: EntityManager, key: string): Promise<string[] | null> {
    const [row] = await manager.query(`SELECT paragraphs FROM source WHERE key = $1`, [key]);
    return row?.paragraphs ?? null;
  }

  /** Every citation of the source with the session of its fact (drafts' facts only for those who see drafts). */
  async citations(manager: EntityManager, sourceId: string, canSeeDrafts: boolean): Promise<SourceCitationRow[]> {
    return manager.query(
      `SELECT c.subject_type, c.subject_id, s.slug AS session_slug, s.status AS session_status, c.paragraph, c.quote,
              c.aspect, c.retired_at IS NOT NULL AS retired
         FROM citation c
         LEFT JOIN training_session s ON s.id = (${SESSION_OF_SUBJECT})
        WHERE c.source_id = $1 AND (s.id IS NULL OR ${publishedSql('s')} OR $2::boolean)
        ORDER BY c.paragraph, c.id`,
      [sourceId, canSeeDrafts],
    );
  }

  async lock(manager: EntityManager, key: string): Promise<{ id: string; paragraphs: string[] | null } | undefined> {
    const [row] = await manager.query(`SELECT id, paragraphs FROM source WHERE key = $1 FOR UPDATE`, [key]);
    return row;
  }

  /** Inserts unless the key is taken (undefined then). A derived key is `src-<id>`. */
  async insert(
    manager: EntityManager,
    key: string | null,
    values: Record<string, unknown>,
  ): Promise<string | undefined> {
    const columns = Object.keys(values);
    const [row] = await manager.query(
      `INSERT INTO source (key, ${columns.join(', ')})
       VALUES (coalesce($1, 'pending-' || gen_random_uuid()), ${columns.map((_, i) => `$${i + 2}`).join(', ')})
       ON CONFLICT (key) DO NOTHING RETURNING id, key`,
      [key, ...Object.values(values)],
    );
    if (!row) return undefined;
    if (key !== null) return row.key;
    const derived = `src-${row.id}`;
    await manager.query(`UPDATE source SET key = $2 WHERE id = $1`, [row.id, derived]);
    return derived;
  }

  async update(manager: EntityManager, id: string, values: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(values);
    if (columns.length === 0) return;
    await manager.query(
      `UPDATE source SET ${columns.map((column, i) => `${column} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [id, ...Object.values(values)],
    );
  }

  keyTaken(manager: EntityManager, key: string, exceptId: string): Promise<boolean> {
    return manager
      .query(`SELECT 1 FROM source WHERE key = $1 AND id <> $2`, [key, exceptId])
      .then((rows: unknown[]) => rows.length > 0);
  }

  /** The live citations, to re-check against a new text. */
  activeCitations(
    manager: EntityManager,
    sourceId: string,
  ): Promise<{ id: string; paragraph: number; quote: string | null }[]> {
    return manager.query(
      `SELECT id, paragraph, quote FROM citation WHERE source_id = $1 AND retired_at IS NULL ORDER BY id`,
      [sourceId],
    );
  }
}
