import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CitationDto, loadCitations } from '../shared/citations';
import { withNameCorrections } from '../search/name-corrections';
import { fullTextMatch, SearchTerm, SqlParams } from '../search/search-query';
import { searchTerms } from '../search/search-terms';
import { SearchPageQuery } from '../shared/search-query';
import { PositionRow, SessionRepository } from '../sessions/session.repository';
import { publishedSql } from '../sessions/session.rules';

export interface PersonRow {
  id: string;
  slug: string;
  full_name: string;
  academic_title: string | null;
  military_rank: string | null;
  honorific: string | null;
  note: string | null;
}

export interface PresentationRow {
  session_id: string;
  session_slug: string;
  session_title: string;
  starts_on: string | null;
  status: string;
  agenda_item_id: string;
  agenda_item_title: string;
  kind: string;
}

@Injectable()
export class PersonRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionRepository,
  ) {}

  /**
   * Every word in the person's name, titles, rank, honorific or posts (person_search); names
   * rank first. A search that finds nothing is retried with near names (one typo).
   */
  async search(query: SearchPageQuery): Promise<{ rows: PersonRow[]; total: number }> {
    const terms = searchTerms(query.q);
    if (query.q?.trim() && terms.length === 0) return { rows: [], total: 0 };
    const found = await this.page(query, terms);
    if (found.total > 0 || terms.length === 0) return found;
    const corrected = await withNameCorrections(this.dataSource.manager, terms);
    return corrected ? this.page(query, corrected) : found;
  }

  private async page(query: SearchPageQuery, terms: SearchTerm[]): Promise<{ rows: PersonRow[]; total: number }> {
    const params = new SqlParams();
    const match = terms.length > 0 ? fullTextMatch('ps.document', terms, params) : undefined;
    const from = match ? `person p JOIN person_search ps ON ps.person_id = p.id WHERE ${match.where}` : 'person p';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM ${from}`, params.values);
    const rows = await this.dataSource.query(
      `SELECT p.id, p.slug, p.full_name, p.academic_title, p.military_rank, p.honorific, p.note FROM ${from}
        ORDER BY ${match ? `${match.score()} DESC, ` : ''}p.full_name COLLATE vi, p.id
        LIMIT ${params.add(query.limit)} OFFSET ${params.add(query.offset)}`,
      params.values,
    );
    return { rows, total };
  }

  async find(idOrSlug: string): Promise<PersonRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT id, slug, full_name, academic_title, military_rank, honorific, note FROM person
        WHERE ${/^\d+$/.test(idOrSlug) ? 'id = $1::bigint' : 'slug = $1'}`,
      [idOrSlug],
    );
    return row;
  }

  positions(personId: string, on: string | null): Promise<PositionRow[]> {
    return this.sessions.positionsOf(this.dataSource.manager, [personId], on);
  }

  presentations(personId: string, includeDrafts: boolean): Promise<PresentationRow[]> {
    return this.dataSource.query(
      `SELECT s.id AS session_id, s.slug AS session_slug, s.title AS session_title,
              to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on, s.status,
              ai.id AS agenda_item_id, ai.title AS agenda_item_title, ai.kind
         FROM agenda_presenter ap JOIN agenda_item ai ON ai.id = ap.agenda_item_id
         JOIN training_session s ON s.id = ai.session_id
        WHERE ap.person_id = $1 AND ($2 OR ${publishedSql('s')})
        ORDER BY s.sort_on NULLS LAST, s.id, ai.position`,
      [personId, includeDrafts],
    );
  }

  citationsOfPositions(ids: string[]): Promise<Map<string, CitationDto[]>> {
    return loadCitations(this.dataSource.manager, [{ type: 'person_position', ids }]);
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
}
