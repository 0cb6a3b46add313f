import { foldForSearch } from '@app/common';

/** LIKE patterns for each word of a query, accent-folded, wildcards escaped. */
export function foldedWordPatterns(q: string | undefined): string[] {
  return foldForSearch(q ?? '')
    .split(' ')
    .filter(Boolean)
    .map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/**
 * A PostgreSQL regular expression matching the accent-folded query as a phrase of whole words
 * (\m and \M are word boundaries); undefined for an empty query. Everything but letters and
 * digits is escaped (PostgreSQL reads a backslash before a letter as a class escape).
 */
export function foldedPhrasePattern(q: string | undefined): string | undefined {
  const words = foldForSearch(q ?? '')
    .split(' ')
    .filter(Boolean)
    .map((word) => word.replace(/[^\p{L}\p{N}]/gu, (c) => `\\${c}`));
  return words.length === 0 ? undefined : `\\m${words.join('\\s+')}\\M`;
}

/** Collects positional parameters while a query is assembled. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
