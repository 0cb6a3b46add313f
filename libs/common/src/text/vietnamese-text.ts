import { Transform } from 'class-transformer';
import unhomoglyph from 'unhomoglyph';

// Default-ignorable code points (zero-width and bidi controls, soft hyphen, Mongolian vowel
// separator, Hangul fillers, variation selectors, tags…) and C0/C1 controls other than
// whitespace: invisible, they break equality and search and let one name pass for another.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u0000-\u0008\u000E-\u001F\u007F-\u009F]/gu;

/**
 * Vietnamese text as stored: NFC, no invisible characters, single spaces, trimmed.
 * `compatibility` applies NFKC instead (full-width and other compatibility forms become plain
 * letters and digits), for names of people; Vietnamese letters are the same under both.
 */
export function normaliseText(value: string, options: { compatibility?: boolean } = {}): string {
  return value
    .normalize(options.compatibility ? 'NFKC' : 'NFC')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What makes two names the same person's: NFKC, invisible characters removed, accents and đ
 * folded, and each letter replaced by its Unicode TR39 confusables skeleton (unhomoglyph), so
 * Cyrillic "а", Greek "Ν" or full-width letters cannot pass for another name. Letters of other
 * scripts are mapped as written (Cyrillic "һ" is "h", but its capital is not "H"); then the
 * whole name is compared in upper case (the skeleton maps "I" and "l" together, not "i"; and
 * "m" to "rn", which case would otherwise split), so that case does not matter either.
 * For comparison only, never shown or stored as a name.
 */
export function identityKey(name: string): string {
  const folded = normaliseText(name, { compatibility: true })
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'D')
    .replace(/[^\p{ASCII}]/gu, (char) => unhomoglyph(char).normalize('NFKD').replace(/\p{M}/gu, ''));
  return unhomoglyph(folded.toUpperCase()).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
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
export const NormalisedText = (options: { compatibility?: boolean } = {}) =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normaliseText(value, options) : value));
