import { Parser } from 'htmlparser2';
import { Paragraph } from '../proposal';

// Zero-width and bidi controls break quotes and matching (same set as @app/common's normaliseText).
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

// What the stored copy of a report drops: every default-ignorable code point and the control
// characters other than tabs and line breaks (the same as @app/common's normaliseText).
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const NOT_STORED = /[\p{Default_Ignorable_Code_Point}\u0000-\u0008\u000E-\u001F\u007F-\u009F]/gu;

/**
 * The report's text as stored: NFC, invisible characters removed, its lines (the paragraph
 * numbering citations point to) kept as they are.
 */
export function storedArticleText(text: string): string {
  return text.normalize('NFC').replace(NOT_STORED, '');
}

/** One paragraph's text as it is quoted: NFC, invisible characters removed, spaces collapsed. */
export function cleanParagraph(line: string): string {
  return line.normalize('NFC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/**
 * Paragraphs are numbered the way the seed catalogue numbers them: every line that is not blank
 * (after trimming) is one paragraph, numbered from 1, the headline included.
 */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (const line of text.split(/\r\n|\r|\n|\u2028|\u2029/)) {
    const cleaned = cleanParagraph(line);
    if (cleaned !== '') paragraphs.push({ number: paragraphs.length + 1, text: cleaned });
  }
  return paragraphs;
}

/** Text that contains markup of the kinds pages use (a tag name we know), not just a "<" sign. */
export function looksLikeHtml(text: string): boolean {
  return /<\s*\/?\s*(html|body|head|p|div|br|span|a|h[1-6]|article|section|li|ul|table|td|figure|figcaption|img|script|style|strong|em|b|i)\b[^>]*>/i.test(
    text,
  );
}

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'table',
  'article',
  'section',
  'header',
  'footer',
  'blockquote',
  'figure',
  'figcaption',
  'pre',
  'hr',
  'dd',
  'dt',
  'title',
  'nav',
  'aside',
  'main',
]);
// Elements whose text is never article prose (scripts, styles, embedded documents, form controls).
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'math',
  'object',
  'select',
  'textarea',
  'button',
  'head',
]);

/**
 * Reduces an HTML page to text lines: block elements end a line, script/style/iframe/head text is
 * dropped, entities are decoded. The parser never executes anything; the result is plain text.
 */
export function htmlToText(html: string): string {
  const lines: string[] = [];
  let current = '';
  let skipping = 0;
  const flush = () => {
    if (current.trim() !== '') lines.push(current);
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) skipping++;
        else if (BLOCK.has(name)) flush();
      },
      ontext(text) {
        if (skipping === 0) current += text.replace(/[\r\n]+/g, ' ');
      },
      onclosetag(name) {
        if (SKIP.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK.has(name)) flush();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return lines.join('\n');
}

/** Plain text or HTML in, numbered paragraphs out. */
export function toParagraphs(input: string): Paragraph[] {
  return splitParagraphs(looksLikeHtml(input) ? htmlToText(input) : input);
}
