export type Language = 'vi' | 'en';

/**
 * The language of the messages for a request: Vietnamese when Accept-Language ranks `vi` (or
 * `vi-VN`) above English, English otherwise (the API's default for scripts and tools).
 */
export function preferredLanguage(acceptLanguage: string | string[] | undefined): Language {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  let best: { language: Language; q: number } | undefined;
  for (const part of header.split(',').slice(0, 20)) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const base = tag.split('-')[0];
    if (base !== 'vi' && base !== 'en' && base !== '*') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const language: Language = base === 'vi' ? 'vi' : 'en';
    // Earlier tags win ties, as browsers list them in order of preference.
    if (!best || q > best.q) best = { language, q };
  }
  return best?.language ?? 'en';
}
