import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CitationDto, citationsOf, loadCitations } from '../shared/citations';
import { fullTextMatch, SqlParams } from '../search/search-query';
import { searchTerms } from '../search/search-terms';
import { SearchPageQuery } from '../shared/search-query';
import { publishedSql } from '../sessions/session.rules';

export interface DocumentRow {
  id: string;
  slug: string;
  number: string | null;
  kind: string;
  title: string;
  issued_on: string | null;
  issuer_id: string | null;
  issuer_name: string | null;
  note: string | null;
}

const COLUMNS = `d.id, d.slug, d.number, d.kind, d.title, to_char(d.issued_on, 'YYYY-MM-DD') AS issued_on, d.issuer_id,
  CASE WHEN d.issuer_id IS NULL THEN NULL ELSE organisation_name_at(d.issuer_id, d.issued_on) END AS issuer_name, d.note`;

@Injectable()
export class DocumentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(query: SearchPageQuery): Promise<{ rows: DocumentRow[]; total: number }> {
    const params = new SqlParams();
    // Every word in the number (in all its forms: 57-KL/TW, KL57, "kết luận 57"), kind, title or
    // issuer (document_search, kept by triggers); number hits rank above title hits.
    // A number is looked for in document numbers only: "Nghị quyết 57" is not 47/NQ-CP, whose
    // title mentions Kết luận 57.
    const terms = searchTerms(query.q).map((term) => (/^[0-9]+$/.test(term.word) ? { ...term, weights: 'A' } : term));
    if (query.q?.trim() && terms.length === 0) return { rows: [], total: 0 };
    const match = terms.length > 0 ? fullTextMatch('ds.document', terms, params) : undefined;
    const from = match
      ? `document d JOIN document_search ds ON ds.document_id = d.id WHERE ${match.where}`
      : 'document d';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM ${from}`, params.values);
    // A query that is exactly a document number puts that document first.
    const exact = params.add(query.q ?? '');
    const rows = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${from}
        ORDER BY (d.number IS NOT NULL AND search_fold(d.number) = search_fold(${exact})) DESC,
                 ${match ? `${match.score()} DESC, ` : ''}d.issued_on DESC NULLS LAST, d.id
        LIMIT ${params.add(query.limit)} OFFSET ${params.add(query.offset)}`,
      params.values,
    );
    return { rows, total };
  }

  async find(idOrSlug: string): Promise<DocumentRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM document d WHERE ${/^\d+$/.test(idOrSlug) ? 'd.id = $1::bigint' : 'd.slug = $1'}`,
      [idOrSlug],
    );
    return row;
  }

  coverage(
    id: string,
    includeDrafts: boolean,
  ): Promise<
    {
      session_id: string;
      slug: string;
      title: string;
      starts_on: string;
      agenda_item_id: string | null;
      agenda_item_title: string | null;
    }[]
  > {
    return this.dataSource.query(
      `SELECT s.id AS session_id, s.slug, s.title, to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on,
              x.agenda_item_id, ai.title AS agenda_item_title
         FROM (SELECT session_id, NULL::bigint AS agenda_item_id FROM session_document WHERE document_id = $1
               UNION ALL SELECT ai.session_id, ai.id FROM agenda_document ad
                           JOIN agenda_item ai ON ai.id = ad.agenda_item_id WHERE ad.document_id = $1) x
         JOIN training_session s ON s.id = x.session_id
         LEFT JOIN agenda_item ai ON ai.id = x.agenda_item_id
        WHERE $2 OR ${publishedSql('s')}
        ORDER BY s.starts_on, s.id, ai.position NULLS FIRST`,
      [id, includeDrafts],
    );
  }

  async citations(id: string): Promise<CitationDto[]> {
    return citationsOf(await loadCitations(this.dataSource.manager, [{ type: 'document', ids: [id] }]), 'document', id);
  }

  /** The id of another document already recorded under this number, if any. */
  async numberHolder(manager: EntityManager, documentNumber: string, exceptId: number | undefined) {
    const [row] = await manager.query(`SELECT id FROM document WHERE number = $1 AND id IS DISTINCT FROM $2`, [
      documentNumber,
      exceptId ?? null,
    ]);
    return row as { id: string } | undefined;
  }
}
