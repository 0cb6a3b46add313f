import { foldForSearch } from '@app/common';

/**
 * At most this many words of a search are used. Each word costs a pattern match per candidate
 * row; unbounded, a 200-character query of 60-odd short words made planning alone take seconds
 * and held pool connections for as long (issue 11, item 1). Later words are ignored.
 */
export const MAX_SEARCH_TERMS = 8;

/** The accent-folded words of a query, in order, without repeats, at most MAX_SEARCH_TERMS. */
export function foldedSearchTerms(q: string | undefined): string[] {
  const words = foldForSearch(q ?? '')
    .split(' ')
    .filter(Boolean);
  return [...new Set(words)].slice(0, MAX_SEARCH_TERMS);
}

/** LIKE patterns for each (distinct, capped) word of a query, accent-folded, wildcards escaped. */
export function foldedWordPatterns(q: string | undefined): string[] {
  return foldedSearchTerms(q).map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/**
 * One condition, "`expression` contains every word of `q`", whose SQL has the same shape whatever
 * the number of words: the patterns travel as one text[] parameter (`LIKE ALL`), so neither the
 * statement nor its plan grows with the query. Undefined for an empty query.
 */
export function matchesEveryWord(expression: string, q: string | undefined, params: SqlParams): string | undefined {
  const patterns = foldedWordPatterns(q);
  return patterns.length === 0 ? undefined : `${expression} LIKE ALL (${params.add(patterns)}::text[])`;
}

/**
 * A PostgreSQL regular expression matching the accent-folded query as a phrase of whole words
 * (\m and \M are word boundaries); undefined for an empty query. Everything but letters and
 * digits is escaped (PostgreSQL reads a backslash before a letter as a class escape). A phrase
 * keeps its repeated words (they are part of it) but is cut to its first MAX_SEARCH_TERMS words.
 */
export function foldedPhrasePattern(q: string | undefined): string | undefined {
  const words = foldForSearch(q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, MAX_SEARCH_TERMS)
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
