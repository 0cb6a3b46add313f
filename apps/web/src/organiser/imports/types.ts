import type { components } from '../../shared/api/schema';

export type StoredImport = components['schemas']['StoredImportDto'];
export type AcceptImport = components['schemas']['AcceptImportDto'];
export type ImportArticle = components['schemas']['ImportArticleDto'];
/** A quote as the importer answers it: the paragraph and the exact words. */
export type Citation = components['schemas']['ImportCitationDto'];
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
