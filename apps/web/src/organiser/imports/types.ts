import type { components } from '../../shared/api/schema';

export type StoredImport = components['schemas']['StoredImportDto'];
export type AcceptImport = components['schemas']['AcceptImportDto'];
export type ImportArticle = components['schemas']['ImportArticleDto'];
/**
 * A quote as the importer answers it: `{paragraph, quote}`. Not the generated `CitationDto`: the
 * OpenAPI document names the catalogue's citation (source, paragraph, quote?, aspect?) and the
 * importer's one alike, and the catalogue's wins; this shape fits both.
 */
export interface Citation {
  paragraph: number;
  quote?: string | null;
}
export type Link = components['schemas']['LinkDto'];
export type PresenterValue = components['schemas']['PresenterValueDto'];

/** The lists of a proposal whose facts the organiser may leave out one by one (`organisers/0`). */
export const FACT_LISTS = [
  'organisers',
  'items',
  'presenters',
  'documents',
  'counts',
  'bridgePoints',
  'delegations',
] as const;
export type FactList = (typeof FACT_LISTS)[number];
