import { Transform } from 'class-transformer';

// Zero-width and bidi control characters that sneak in from copy-paste and break equality and search.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

/** Vietnamese text as stored: NFC, no invisible characters, single spaces, trimmed. */
export function normaliseText(value: string): string {
  return value.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/**
 * Folds text for accent-insensitive comparison in Node (the database does the same with
 * f_unaccent): strips combining marks and maps đ/Đ, lower-cases.
 */
export function foldForSearch(value: string): string {
  return normaliseText(value)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** DTO decorator: normalise strings on the way in; leaves non-strings for the validators to reject. */
export const NormalisedText = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseText(value) : value));
