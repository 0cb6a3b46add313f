/**
 * Accent folding that keeps string length, so an index found in the folded text is the same
 * index in the original (NFC) text: every precomposed Vietnamese letter folds to one ASCII letter.
 */
export function foldKeepLength(text: string): string {
  let out = '';
  for (const ch of text) {
    let base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (base === 'đ' || base === 'Đ') base = 'd';
    // Anything that does not fold to one code unit stays as it is, so indices never shift.
    out += base.length === ch.length ? base.toLowerCase() : ch;
  }
  return out;
}

/** Folded and with spaces collapsed: for comparing names, not for locating quotes. */
export function foldName(text: string): string {
  return foldKeepLength(text.normalize('NFC'))
    .replace(/[.,;:()“”"'‘’]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Word set of a folded text, for similarity between titles. */
export function words(text: string): string[] {
  return foldName(text)
    .split(/[^a-z0-9/-]+/)
    .filter((w) => w.length > 0);
}

/** Dice coefficient over word multisets (0..1). */
export function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (!wa.length || !wb.length) return 0;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      common++;
      counts.set(w, n - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}
