/** A quote to mark in a paragraph, and the field or fact (`title`, `organisers/0`) it supports. */
export interface QuoteMark {
  key: string;
  quote: string;
}

/** A run of a paragraph's text: plain (no keys) or marked for every field whose quote covers it. */
export interface Segment {
  text: string;
  keys: string[];
}

const COMBINING = /\p{M}/u;

/**
 * A paragraph cut into runs so that every quote is marked where it occurs. Both sides are compared
 * in NFC (a report pasted decomposed still finds its quotes); a match that would split a letter from
 * its combining mark is not a match; a quote found twice is marked twice (the citation names the
 * paragraph, not the place in it); overlapping quotes give a run carrying both keys.
 */
export function highlight(text: string, marks: QuoteMark[]): Segment[] {
  const source = text.normalize('NFC');
  const spans: { start: number; end: number; key: string }[] = [];
  for (const { key, quote } of marks) {
    const needle = quote.normalize('NFC');
    if (!needle.trim()) continue;
    for (let at = source.indexOf(needle); at >= 0; at = source.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if (COMBINING.test(source.charAt(end)) || (at > 0 && COMBINING.test(needle.charAt(0)))) continue;
      spans.push({ start: at, end, key });
    }
  }
  const cuts = [...new Set([0, source.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const keys = [...new Set(spans.filter((s) => s.start <= from && s.end >= to).map((s) => s.key))].sort();
    const last = segments.at(-1);
    if (last && last.keys.join('\n') === keys.join('\n')) last.text += source.slice(from, to);
    else segments.push({ text: source.slice(from, to), keys });
  }
  return segments.length ? segments : [{ text: source, keys: [] }];
}

/** Whether a quote is found in its paragraph as the page shows it (else the field says so). */
export function quoteFound(text: string, quote: string): boolean {
  return highlight(text, [{ key: 'q', quote }]).some((s) => s.keys.length > 0);
}
