import { foldForSearch } from '@app/common';

/** LIKE patterns for each word of a query, accent-folded, wildcards escaped. */
export function foldedWordPatterns(q: string | undefined): string[] {
  return foldForSearch(q ?? '')
    .split(' ')
    .filter(Boolean)
    .map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/** Collects positional parameters while a query is assembled. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
