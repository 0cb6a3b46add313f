import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { foldedPhrasePattern } from '../shared/search';
import { CitationDto, citationsOf, loadCitations } from '../shared/citations';
import { SessionListQuery } from './dto/session-list.query';
import { publishedSql } from './session.rules';

export interface SessionRow {
  id: string;
  slug: string;
  title: string;
  kind: string;
  status: string;
  starts_on: string;
  ends_on: string;
  date_precision: string;
  part_of_day: string | null;
  time_zone: string;
  venue_name: string | null;
  venue_address: string | null;
  format: string;
  audience: string | null;
  invitation_scope: string | null;
  note: string | null;
  version: number;
  host_province_id: number | null;
  host_province_name: string | null;
  host_province_code: string | null;
}

export interface PositionRow {
  id: string;
  person_id: string;
  title: string;
  organisation_id: string | null;
  attested_on: string | null;
  valid_from: string | null;
  valid_to: string | null;
  organisation_name: string | null;
}

/** Everything a session page shows, as rows; the mapper shapes them. */
export interface SessionGraph {
  session: SessionRow;
  organisers: { id: string; organisation_id: string; role: string; name: string; current_name: string }[];
  invitedProvinces: { id: number; name: string; code: string | null }[];
  invitedRegions: { id: number; slug: string; name: string }[];
  claims: { id: string; field: string; value: number; qualifier: string | null }[];
  bridgePoints: {
    id: string;
    name: string;
    organisation_id: string | null;
    province_id: number | null;
    province_name: string | null;
    province_code: string | null;
    abroad: boolean;
    is_group: boolean;
    note: string | null;
  }[];
  delegations: {
    id: string;
    province_id: number;
    province_name: string;
    province_code: string | null;
    organisation_id: string;
    organisation_name: string;
  }[];
  documents: { id: string; number: string | null; kind: string; title: string; issued_on: string | null }[];
  agenda: {
    id: string;
    position: number;
    kind: string;
    title: string;
    summary: string | null;
    starts_at: string | null;
    ends_at: string | null;
    note: string | null;
  }[];
  presenters: {
    agenda_item_id: string;
    person_id: string | null;
    organisation_id: string | null;
    name: string;
    academic_title: string | null;
    military_rank: string | null;
  }[];
  presenterPositions: PositionRow[];
  itemDocuments: {
    agenda_item_id: string;
    id: string;
    number: string | null;
    kind: string;
    title: string;
    issued_on: string | null;
  }[];
  sources: {
    key: string;
    publisher: string | null;
    title: string;
    published_on: string | null;
    author: string | null;
    url: string | null;
  }[];
  citations: Map<string, CitationDto[]>;
}

const SESSION_COLUMNS = `
  s.id, s.slug, s.title, s.kind, s.status, to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on, s.date_precision, s.part_of_day, s.time_zone, s.venue_name,
  s.venue_address, s.format, s.audience, s.invitation_scope, s.note, s.version,
  hp.id AS host_province_id, hp.name AS host_province_name, hp.code AS host_province_code`;

/**
 * Runs queries one after another: they share the transaction's single connection, and pg
 * does not allow overlapping queries on one client.
 */
async function inSequence<T extends unknown[]>(queries: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  const results: unknown[] = [];
  for (const query of queries as (() => Promise<unknown>)[]) results.push(await query());
  return results as T;
}

/** All SQL for reading sessions. */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `includeDrafts`: every draft (true), none (false), or those of the listed sessions. */
  async list(
    query: SessionListQuery,
    includeDrafts: boolean | readonly number[],
  ): Promise<{ rows: SessionRow[]; total: number }> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (includeDrafts === false || (Array.isArray(includeDrafts) && includeDrafts.length === 0)) {
      where.push(publishedSql('s'));
    } else if (Array.isArray(includeDrafts)) {
      where.push(`(${publishedSql('s')} OR s.id = ANY(${param(includeDrafts)}::bigint[]))`);
    }
    // The query is a phrase of whole words: "da nang" matches "Đà Nẵng" but not "đại" or "nâng".
    // Accents are folded on both sides (search_fold / foldForSearch), so "đã nâng" still folds to
    // "da nang": sessions whose title, venue or host province match rank first.
    const phrase = foldedPhrasePattern(query.q);
    let rankByKeyFields = '';
    if (phrase) {
      const pattern = param(phrase);
      where.push(`s.search_folded ~ ${pattern}`);
      rankByKeyFields = `(search_fold(concat_ws(' ', s.title, s.venue_name, hp.name)) ~ ${pattern}) DESC, `;
    }
    if (query.year !== undefined) {
      where.push(
        `s.starts_on <= make_date(${param(query.year)}::int, 12, 31) AND s.ends_on >= make_date($${params.length}::int, 1, 1)`,
      );
    }
    if (query.from) where.push(`s.ends_on >= ${param(query.from)}::date`);
    if (query.to) where.push(`s.starts_on <= ${param(query.to)}::date`);
    if (query.status) where.push(`s.status = ${param(query.status)}`);
    if (query.kind) where.push(`s.kind = ${param(query.kind)}`);
    if (query.hostProvince) where.push(`s.host_province_id = ${param(query.hostProvince)}`);
    if (query.invitedProvince) {
      where.push(`EXISTS (SELECT 1 FROM session_invited_province ip JOIN province p ON p.id = ip.province_id
                   WHERE ip.session_id = s.id AND (p.id = ${param(query.invitedProvince)} OR p.successor_id = $${params.length}))`);
    }
    if (query.region) {
      const region = param(query.region);
      where.push(`(EXISTS (SELECT 1 FROM session_invited_region ir WHERE ir.session_id = s.id AND ir.region_id = ${region})
               OR EXISTS (SELECT 1 FROM session_invited_province ip JOIN province p ON p.id = ip.province_id
                           WHERE ip.session_id = s.id AND p.region_id = ${region})
               OR hp.region_id = ${region})`);
    }
    if (query.presenter) {
      where.push(`EXISTS (SELECT 1 FROM agenda_item ai JOIN agenda_presenter ap ON ap.agenda_item_id = ai.id
                   WHERE ai.session_id = s.id AND ap.person_id = ${param(query.presenter)})`);
    }
    if (query.organisation) {
      const organisation = param(query.organisation);
      where.push(`(EXISTS (SELECT 1 FROM session_organiser so WHERE so.session_id = s.id AND so.organisation_id = ${organisation})
               OR EXISTS (SELECT 1 FROM agenda_item ai JOIN agenda_presenter ap ON ap.agenda_item_id = ai.id
                           WHERE ai.session_id = s.id AND ap.organisation_id = ${organisation}))`);
    }
    if (query.document) {
      const document = param(query.document);
      where.push(`(EXISTS (SELECT 1 FROM session_document sd WHERE sd.session_id = s.id AND sd.document_id = ${document})
               OR EXISTS (SELECT 1 FROM agenda_item ai JOIN agenda_document ad ON ad.agenda_item_id = ai.id
                           WHERE ai.session_id = s.id AND ad.document_id = ${document}))`);
    }
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    // id breaks ties so pages are stable.
    const orderBy =
      rankByKeyFields +
      (query.sort === 'title'
        ? `s.title COLLATE vi ${direction}, s.id ${direction}`
        : `s.starts_on ${direction}, s.id ${direction}`);
    const rows: (SessionRow & { total: string })[] = await this.dataSource.query(
      `SELECT ${SESSION_COLUMNS}, count(*) OVER () AS total
         FROM training_session s LEFT JOIN province hp ON hp.id = s.host_province_id
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${orderBy}
        LIMIT ${param(query.limit)} OFFSET ${param(query.offset)}`,
      params,
    );
    let total = rows.length > 0 ? Number(rows[0].total) : 0;
    if (rows.length === 0 && query.offset > 0) {
      // Past the last page: count separately so `total` stays truthful.
      const [{ n }] = await this.dataSource.query(
        `SELECT count(*)::int AS n FROM training_session s LEFT JOIN province hp ON hp.id = s.host_province_id
          ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`,
        params.slice(0, -2),
      );
      total = n;
    }
    return { rows, total };
  }

  async findRow(manager: EntityManager, idOrSlug: string): Promise<SessionRow | undefined> {
    const byId = /^\d{1,18}$/.test(idOrSlug);
    const [row] = await manager.query(
      `SELECT ${SESSION_COLUMNS} FROM training_session s LEFT JOIN province hp ON hp.id = s.host_province_id
        WHERE ${byId ? 's.id = $1::bigint' : 's.slug = $1'}`,
      [idOrSlug],
    );
    return row as SessionRow | undefined;
  }

  /** The whole session page in a handful of queries, all at one snapshot (REPEATABLE READ). */
  async loadGraph(idOrSlug: string): Promise<SessionGraph | undefined> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const session = await this.findRow(manager, idOrSlug);
      if (!session) return undefined;
      const id = session.id;
      const on = session.starts_on;
      const [organisers, invitedProvinces, invitedRegions, claims, bridgePoints, delegations, documents, agenda] =
        await inSequence([
          () =>
            manager.query(
              `SELECT so.id, so.organisation_id, so.role, organisation_name_at(so.organisation_id, $2::date) AS name,
                    organisation_name_at(so.organisation_id, NULL) AS current_name
               FROM session_organiser so WHERE so.session_id = $1 ORDER BY so.position`,
              [id, on],
            ),
          () =>
            manager.query(
              `SELECT p.id, p.name, p.code FROM session_invited_province ip JOIN province p ON p.id = ip.province_id
              WHERE ip.session_id = $1 ORDER BY p.name COLLATE vi`,
              [id],
            ),
          () =>
            manager.query(
              `SELECT r.id, r.slug, r.name FROM session_invited_region ir JOIN region r ON r.id = ir.region_id
              WHERE ir.session_id = $1 ORDER BY r.id`,
              [id],
            ),
          () =>
            manager.query(
              `SELECT id, field, value, qualifier FROM session_claim WHERE session_id = $1 ORDER BY field, id`,
              [id],
            ),
          () =>
            manager.query(
              `SELECT b.id, b.name, b.organisation_id, b.province_id, p.name AS province_name, p.code AS province_code,
                    b.abroad, b.is_group, b.note
               FROM bridge_point b LEFT JOIN province p ON p.id = b.province_id WHERE b.session_id = $1 ORDER BY b.id`,
              [id],
            ),
          () =>
            manager.query(
              `SELECT d.id, d.province_id, p.name AS province_name, p.code AS province_code, d.organisation_id,
                    organisation_name_at(d.organisation_id, $2::date) AS organisation_name
               FROM session_delegation d JOIN province p ON p.id = d.province_id WHERE d.session_id = $1 ORDER BY d.id`,
              [id, on],
            ),
          () =>
            manager.query(
              `SELECT d.id, d.number, d.kind, d.title, to_char(d.issued_on, 'YYYY-MM-DD') AS issued_on FROM document d
              WHERE d.id IN (SELECT document_id FROM session_document WHERE session_id = $1
                             UNION SELECT ad.document_id FROM agenda_document ad
                                     JOIN agenda_item ai ON ai.id = ad.agenda_item_id WHERE ai.session_id = $1)
              ORDER BY d.issued_on NULLS LAST, d.id`,
              [id],
            ),
          () =>
            manager.query(
              `SELECT id, position, kind, title, summary, to_char(starts_at, 'HH24:MI') AS starts_at,
                    to_char(ends_at, 'HH24:MI') AS ends_at, note
               FROM agenda_item WHERE session_id = $1 ORDER BY position`,
              [id],
            ),
        ]);
      const itemIds = agenda.map((item: { id: string }) => item.id);
      const [presenters, itemDocuments, sources] = await inSequence([
        () =>
          manager.query(
            `SELECT ap.agenda_item_id, ap.person_id, ap.organisation_id,
                  coalesce(pe.full_name, organisation_name_at(ap.organisation_id, $2::date)) AS name,
                  pe.academic_title, pe.military_rank
             FROM agenda_presenter ap LEFT JOIN person pe ON pe.id = ap.person_id
            WHERE ap.agenda_item_id = ANY($1::bigint[]) ORDER BY ap.agenda_item_id, ap.position`,
            [itemIds, on],
          ),
        () =>
          manager.query(
            `SELECT ad.agenda_item_id, d.id, d.number, d.kind, d.title, to_char(d.issued_on, 'YYYY-MM-DD') AS issued_on
             FROM agenda_document ad JOIN document d ON d.id = ad.document_id
            WHERE ad.agenda_item_id = ANY($1::bigint[]) ORDER BY d.issued_on NULLS LAST, d.id`,
            [itemIds],
          ),
        () =>
          manager.query(
            `SELECT so.key, so.publisher, so.title, to_char(so.published_on, 'YYYY-MM-DD') AS published_on, so.author, so.url
             FROM session_source ss JOIN source so ON so.id = ss.source_id WHERE ss.session_id = $1 ORDER BY so.key`,
            [id],
          ),
      ]);
      const personIds = [
        ...new Set(
          presenters
            .filter((p: { person_id: string | null }) => p.person_id)
            .map((p: { person_id: string }) => p.person_id),
        ),
      ];
      const presenterPositions: PositionRow[] = await this.positionsOf(manager, personIds as string[], on);
      const citations = await loadCitations(manager, [
        { type: 'training_session', ids: [id] },
        { type: 'session_organiser', ids: organisers.map((o: { id: string }) => o.id) },
        { type: 'session_claim', ids: claims.map((c: { id: string }) => c.id) },
        { type: 'bridge_point', ids: bridgePoints.map((b: { id: string }) => b.id) },
        { type: 'session_delegation', ids: delegations.map((d: { id: string }) => d.id) },
        { type: 'agenda_item', ids: itemIds },
        { type: 'person_position', ids: presenterPositions.map((p) => p.id) },
      ]);
      return {
        session,
        organisers,
        invitedProvinces,
        invitedRegions,
        claims,
        bridgePoints,
        delegations,
        documents,
        agenda,
        presenters,
        presenterPositions,
        itemDocuments,
        sources,
        citations,
      };
    });
  }

  /** Every post of these people, with the organisation's name as at `on`. */
  positionsOf(manager: EntityManager, personIds: string[], on: string | null): Promise<PositionRow[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return manager.query(
      `SELECT pp.id, pp.person_id, pp.title, pp.organisation_id,
              to_char(pp.attested_on, 'YYYY-MM-DD') AS attested_on, to_char(pp.valid_from, 'YYYY-MM-DD') AS valid_from,
              to_char(pp.valid_to, 'YYYY-MM-DD') AS valid_to,
              CASE WHEN pp.organisation_id IS NULL THEN NULL
                   ELSE organisation_name_at(pp.organisation_id, coalesce($2::date, pp.attested_on)) END AS organisation_name
         FROM person_position pp WHERE pp.person_id = ANY($1::bigint[]) ORDER BY pp.person_id, pp.id`,
      [personIds, on],
    );
  }
}

export { citationsOf };
