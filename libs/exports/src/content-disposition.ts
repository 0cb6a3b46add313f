/**
 * RFC 5987 attr-char: what may stand unencoded in `filename*`. encodeURIComponent leaves
 * ' ( ) * alone as well, which attr-char does not allow, so they are encoded too.
 */
const encodeRfc5987 = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

// Control characters, and path separators a browser could take as folders.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f/\\]/g;

/** Vietnamese letters to their base ASCII letter: 'Hòa Bình' → 'Hoa Binh', 'Đặng' → 'Dang'. */
export function asciiFallback(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%]/g, '_');
}

/**
 * `Content-Disposition` for a download whose name may be Vietnamese:
 * `attachment; filename="Danh sach diem danh - Hoa Binh.csv"; filename*=UTF-8''Danh%20s%C3%A1ch...`.
 * Browsers that know RFC 6266 use `filename*` (UTF-8, RFC 5987 percent-encoding); the quoted
 * ASCII `filename` is the fallback for the rest. The name is NFC first, so 'à' is one letter
 * whatever the caller was given. `fallback` replaces the ASCII spelling when a plainer name
 * (an English one, say) serves old clients better.
 */
export function attachmentHeader(filename: string, fallback?: string): string {
  const name = filename.normalize('NFC').replace(UNSAFE, '_').trim() || 'download';
  const plain = fallback === undefined ? asciiFallback(name) : asciiFallback(fallback.replace(UNSAFE, '_'));
  return `attachment; filename="${plain}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
