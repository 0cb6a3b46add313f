import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CitationDto, loadCitations } from '../shared/citations';
import { fullTextMatch, SqlParams } from '../search/search-query';
import { searchTerms } from '../search/search-terms';
import { SearchPageQuery } from '../shared/search-query';
import { publishedSql } from '../sessions/session.rules';

export interface OrganisationRow {
  id: string;
  slug: string;
  kind: string;
  name: string;
  short_name: string | null;
  parent_id: string | null;
  province_id: number | null;
  note: string | null;
}

const COLUMNS = `o.id, o.slug, o.kind, organisation_name_at(o.id, NULL) AS name, o.short_name, o.parent_id, o.province_id, o.note`;

@Injectable()
export class OrganisationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Matches any official name, former name or alias, so a renamed body is found by either name. */
  async search(query: SearchPageQuery): Promise<{ rows: OrganisationRow[]; total: number }> {
    const params = new SqlParams();
    // Every word in some name of the body (current, former, alias, short name) or its province
    // (organisation_search, kept by triggers).
    const terms = searchTerms(query.q);
    if (query.q?.trim() && terms.length === 0) return { rows: [], total: 0 };
    const match = terms.length > 0 ? fullTextMatch('os.document', terms, params) : undefined;
    const from = match
      ? `organisation o JOIN organisation_search os ON os.organisation_id = o.id WHERE ${match.where}`
      : 'organisation o';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM ${from}`, params.values);
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${from}
        ORDER BY ${match ? `${match.score()} DESC, ` : ''}organisation_name_at(o.id, NULL) COLLATE vi, o.id
        LIMIT ${params.add(query.limit)} OFFSET ${params.add(query.offset)}`,
      params.values,
    );
    return { rows, total };
  }

  async find(idOrSlug: string): Promise<OrganisationRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM organisation o WHERE ${/^\d+$/.test(idOrSlug) ? 'o.id = $1::bigint' : 'o.slug = $1'}`,
      [idOrSlug],
    );
    return row;
  }

  async nameAt(id: string, on: string | null): Promise<string> {
    const [{ name }] = await this.dataSource.query(`SELECT organisation_name_at($1, $2::date) AS name`, [id, on]);
    return name;
  }

  names(
    id: string,
  ): Promise<{ id: string; name: string; is_alias: boolean; valid_from: string | null; valid_to: string | null }[]> {
    return this.dataSource.query(
      `SELECT id, name, is_alias, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to
         FROM organisation_name WHERE organisation_id = $1 ORDER BY is_alias, valid_from NULLS FIRST, id`,
      [id],
    );
  }

  children(id: string): Promise<OrganisationRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM organisation o WHERE o.parent_id = $1 ORDER BY organisation_name_at(o.id, NULL) COLLATE vi`,
      [id],
    );
  }

  sessions(
    id: string,
    includeDrafts: boolean,
  ): Promise<
    { session_id: string; slug: string; title: string; starts_on: string | null; role: string; name_then: string }[]
  > {
    return this.dataSource.query(
      `SELECT DISTINCT s.id AS session_id, s.slug, s.title, to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on, x.role,
              organisation_name_at($1, coalesce(s.starts_on, s.reported_by)) AS name_then, s.sort_on AS sort_date
         FROM (SELECT session_id, role FROM session_organiser WHERE organisation_id = $1
               UNION SELECT ai.session_id, 'presenter' FROM agenda_presenter ap
                       JOIN agenda_item ai ON ai.id = ap.agenda_item_id WHERE ap.organisation_id = $1) x
         JOIN training_session s ON s.id = x.session_id
        WHERE $2 OR ${publishedSql('s')}
        ORDER BY sort_date, session_id`,
      [id, includeDrafts],
    );
  }

  citationsOfNames(ids: string[]): Promise<Map<string, CitationDto[]>> {
    return loadCitations(this.dataSource.manager, [{ type: 'organisation_name', ids }]);
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

  /** Corrects the spelling of a name in place (a rename adds a name instead). */
  async correctName(manager: EntityManager, nameId: string, name: string): Promise<void> {
    await manager.query(`UPDATE organisation_name SET name = $2 WHERE id = $1`, [nameId, name]);
  }
}
