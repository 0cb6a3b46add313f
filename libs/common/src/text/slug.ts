import { foldForSearch } from './vietnamese-text';

/**
 * A URL slug (or problem code) from a title or name: accents folded, lower case, other
 * characters runs of hyphens, at most `maxLength` (100) characters.
 */
export const slugOf = (text: string, maxLength = 100) =>
  foldForSearch(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, maxLength);
