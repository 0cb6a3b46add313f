import type { EntityManager } from 'typeorm';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CitationDto {
  @ApiProperty({ example: '000' }) source: string;
  @ApiProperty({ description: 'Paragraph number: the n-th non-blank line of the source text' }) paragraph: number;
  @ApiPropertyOptional({ type: String, nullable: true }) quote: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'For sessions: schedule, venue or invitation' })
  aspect: string | null;
}

export type CitationSubject =
  | 'training_session'
  | 'session_organiser'
  | 'session_claim'
  | 'bridge_point'
  | 'session_delegation'
  | 'agenda_item'
  | 'person_position'
  | 'organisation_name'
  | 'document'
  | 'session_role'
  | 'session_award';

/** Citations of many subjects in one query, grouped by `${type}:${id}`. */
export async function loadCitations(
  manager: EntityManager,
  subjects: { type: CitationSubject; ids: (number | string)[] }[],
): Promise<Map<string, CitationDto[]>> {
  const wanted = subjects.filter((subject) => subject.ids.length > 0);
  const grouped = new Map<string, CitationDto[]>();
  if (wanted.length === 0) return grouped;
  const rows: {
    subject_type: string;
    subject_id: string;
    key: string;
    paragraph: number;
    quote: string | null;
    aspect: string | null;
  }[] = await manager.query(
    `SELECT c.subject_type, c.subject_id, s.key, c.paragraph, c.quote, c.aspect
         FROM citation c JOIN source s ON s.id = c.source_id
        WHERE c.retired_at IS NULL AND (${wanted.map((_, index) => `(c.subject_type = $${index * 2 + 1} AND c.subject_id = ANY($${index * 2 + 2}::bigint[]))`).join(' OR ')})
        ORDER BY s.key, c.paragraph, c.id`,
    wanted.flatMap((subject) => [subject.type, subject.ids.map(String)]),
  );
  for (const row of rows) {
    const key = `${row.subject_type}:${row.subject_id}`;
    grouped.set(key, [
      ...(grouped.get(key) ?? []),
      { source: row.key, paragraph: row.paragraph, quote: row.quote, aspect: row.aspect },
    ]);
  }
  return grouped;
}

export const citationsOf = (map: Map<string, CitationDto[]>, type: CitationSubject, id: number | string) =>
  map.get(`${type}:${id}`) ?? [];
