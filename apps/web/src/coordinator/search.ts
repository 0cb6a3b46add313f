/**
 * Vietnamese text folded for searching: no tone or vowel marks, đ as d, lower case, single
 * spaces. "Nguyễn Văn Đức" and "nguyen van duc" fold to the same string.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A nullable text field of a response (typed loosely by the generated schema) as a string. */
export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Every word of the query appears in one of the fields (accents ignored), in any order. */
export function matches(query: string, fields: (string | null | undefined)[]): boolean {
  const words = fold(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold(fields.filter(Boolean).join(' '));
  return words.every((word) => haystack.includes(word));
}

/** Vietnamese names sort by the given name (the last word), then the rest as written. */
const collator = new Intl.Collator('vi');
export function byGivenName(a: string, b: string): number {
  const given = (name: string) => name.trim().split(/\s+/).pop() ?? name;
  return collator.compare(given(a), given(b)) || collator.compare(a, b);
}
