import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SessionListQuery } from '../sessions/dto/session-list.query';
import type { SessionRow } from '../sessions/session.repository';
import { withNameCorrections } from './name-corrections';
import { SearchTerm } from './search-query';
import { searchTerms } from './search-terms';
import { DraftVisibility, sessionCountSql, sessionFacetsSql, sessionPageSql } from './session-list.sql';

export interface SessionListRow extends SessionRow {
  total: string;
  /** Which fields a search matched (null without a search). */
  highlights: { field: string; text: string }[] | null;
}

export interface SessionListResult {
  rows: SessionListRow[];
  total: number;
  /** The words searched for, with the near names the fuzzy fall-back added. */
  terms: SearchTerm[];
  fuzzy: boolean;
}

/** The SQL of the session list and search: a page, its count past the last page, and its facets. */
@Injectable()
export class SessionSearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A page of sessions for the list and search (SQL in ./session-list.sql.ts). A search
   * that finds nothing is retried once with near names for its words (the fuzzy fall-back).
   */
  async list(query: SessionListQuery, includeDrafts: DraftVisibility): Promise<SessionListResult> {
    let terms = searchTerms(query.q);
    // A query with no searchable word at all (".*", "--") finds nothing rather than everything.
    if (query.q?.trim() && terms.length === 0) return { rows: [], total: 0, terms, fuzzy: false };
    let result = await this.page(query, includeDrafts, terms);
    let fuzzy = false;
    if (result.total === 0 && terms.length > 0) {
      const corrected = await withNameCorrections(this.dataSource.manager, terms);
      if (corrected) {
        terms = corrected;
        fuzzy = true;
        result = await this.page(query, includeDrafts, terms);
      }
    }
    return { ...result, terms, fuzzy };
  }

  private async page(query: SessionListQuery, includeDrafts: DraftVisibility, terms: SearchTerm[]) {
    const { sql, params } = sessionPageSql(query, includeDrafts, terms);
    const rows: SessionListRow[] = await this.dataSource.query(sql, params);
    let total = rows.length > 0 ? Number(rows[0].total) : 0;
    if (rows.length === 0 && query.offset > 0) {
      // Past the last page: count separately so `total` stays truthful.
      const count = sessionCountSql(query, includeDrafts, terms);
      [{ n: total }] = await this.dataSource.query(count.sql, count.params);
    }
    return { rows, total };
  }

  /** Facet counts for the same query, in one statement; `terms` as the list used them (after any fall-back). */
  facets(
    query: SessionListQuery,
    includeDrafts: DraftVisibility,
    terms: SearchTerm[],
  ): Promise<{ facet: string; value: string; label: string | null; count: number }[]> {
    const { sql, params } = sessionFacetsSql(query, includeDrafts, terms);
    return this.dataSource.query(sql, params);
  }
}
