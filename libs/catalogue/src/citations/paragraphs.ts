// Zero-width and bidi controls break quotes and matching (the same set as @app/common's normaliseText).
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

/**
 * How a source's text is numbered into paragraphs, the rule every citation (seeded or entered)
 * uses: the text is split into lines; each line is made NFC, invisible characters are removed,
 * runs of white space (the no-break space U+00A0 included) become one space and the ends are
 * trimmed; a line left empty is blank and has no number (so a line holding only a no-break space
 * is blank); every other line is one paragraph, numbered from 1, the headline included.
 */
export function splitIntoParagraphs(text: string): string[] {
  return text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) => line.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
}

/** A quote as the check compares it: the same cleaning as a paragraph, so NFC and spacing never decide. */
export const cleanQuote = (quote: string) => quote.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
