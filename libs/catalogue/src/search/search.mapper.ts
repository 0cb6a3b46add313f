import type { SearchInfoDto, SessionFacetsDto } from '../sessions/dto/session.response';
import type { SearchTerm } from './search-query';

export function mapSearchInfo(terms: SearchTerm[], fuzzy: boolean): SearchInfoDto {
  return {
    words: terms.map((term) => term.word),
    fuzzy,
    corrections: [...new Set(terms.flatMap((term) => term.alternatives))],
  };
}

/** Rows of (facet, value, label, count) as sessionFacetsSql answers them. */
export function mapFacets(rows: { facet: string; value: string; label: string | null; count: number }[]) {
  const of = (facet: string) => rows.filter((row) => row.facet === facet);
  const places = (facet: string) =>
    of(facet)
      .map((row) => ({ id: Number(row.value), name: row.label ?? '', count: row.count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'vi'));
  const facets: SessionFacetsDto = {
    years: of('year')
      .map((row) => ({ year: Number(row.value), count: row.count }))
      .sort((a, b) => b.year - a.year),
    kinds: of('kind')
      .map((row) => ({ kind: row.value, count: row.count }))
      .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind)),
    regions: places('region'),
    hostProvinces: places('hostProvince'),
  };
  return facets;
}
