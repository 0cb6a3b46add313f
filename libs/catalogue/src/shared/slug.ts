import { foldForSearch } from '@app/common';

/** A URL slug from a title or name: accents folded, words joined by hyphens, at most 100 characters. */
export const slugOf = (text: string) =>
  foldForSearch(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);
