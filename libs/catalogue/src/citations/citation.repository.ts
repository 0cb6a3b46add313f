import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CitationSubject } from '../shared/citations';

export interface CitedSource {
  id: string;
  key: string;
  paragraphs: string[] | null;
}

/** SQL of citations: the sources they point at, adding, retiring and removing them. */
@Injectable()
export class CitationRepository {
  async sources(manager: EntityManager, keys: string[]): Promise<CitedSource[]> {
    if (keys.length === 0) return [];
    return manager.query(`SELECT id, key, paragraphs FROM source WHERE key = ANY($1::text[])`, [keys]);
  }

  async insert(
    manager: EntityManager,
    rows: { sourceId: string; paragraph: number; quote: string | null; aspect: string | null }[],
    subjectType: CitationSubject,
    subjectId: number,
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO citation (source_id, paragraph, quote, subject_type, subject_id, aspect)
       SELECT x.source_id, x.paragraph, x.quote, $5, $6, x.aspect
         FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[]) AS x(source_id, paragraph, quote, aspect)`,
      [
        rows.map((row) => row.sourceId),
        rows.map((row) => row.paragraph),
        rows.map((row) => row.quote),
        rows.map((row) => row.aspect),
        subjectType,
        subjectId,
      ],
    );
  }

  /** A session lists the sources its facts cite. */
  async linkSources(manager: EntityManager, sessionId: number, sourceIds: string[]): Promise<void> {
    if (sourceIds.length === 0) return;
    await manager.query(
      `INSERT INTO session_source (session_id, source_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`,
      [sessionId, [...new Set(sourceIds)]],
    );
  }

  /** Takes citations of a changed value out of the reads; they stay on file (and on the source page) as retired. */
  async retire(
    manager: EntityManager,
    subjectType: CitationSubject,
    subjectIds: number[],
    aspects?: (string | null)[],
  ): Promise<void> {
    if (subjectIds.length === 0) return;
    const nonNull = (aspects ?? []).filter((aspect): aspect is string => aspect !== null);
    await manager.query(
      `UPDATE citation SET retired_at = now()
        WHERE subject_type = $1 AND subject_id = ANY($2::bigint[]) AND retired_at IS NULL
          AND ($3::boolean OR aspect = ANY($4::text[]) OR ($5::boolean AND aspect IS NULL))`,
      [subjectType, subjectIds, aspects === undefined, nonNull, (aspects ?? []).includes(null)],
    );
  }

  /** A fact whose row was replaced by an equal one keeps its live citations. */
  async move(manager: EntityManager, subjectType: CitationSubject, fromId: number, toId: number): Promise<void> {
    await manager.query(
      `UPDATE citation SET subject_id = $3 WHERE subject_type = $1 AND subject_id = $2 AND retired_at IS NULL`,
      [subjectType, fromId, toId],
    );
  }

  /** A subject that is deleted takes its citations with it. */
  async removeAll(manager: EntityManager, subjectType: CitationSubject, subjectIds: number[]): Promise<void> {
    if (subjectIds.length === 0) return;
    await manager.query(`DELETE FROM citation WHERE subject_type = $1 AND subject_id = ANY($2::bigint[])`, [
      subjectType,
      subjectIds,
    ]);
  }
}
