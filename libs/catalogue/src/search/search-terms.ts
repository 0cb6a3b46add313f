import { foldForSearch } from '@app/common';
import { SearchTerm, termsOfFolded } from './search-query';

/** The words of a search as typed (see search-query.ts for the rules); empty for no query. */
export function searchTerms(q: string | undefined): SearchTerm[] {
  return termsOfFolded(foldForSearch(q ?? ''));
}
