import { apiFetch } from '../shared/api/client';
import { ApiError, type Problem } from '../shared/api/problem';

/** The file name a Content-Disposition header gives: RFC 5987 `filename*` first, then `filename`. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim()).normalize('NFC');
    } catch {
      // A malformed encoding: the plain name below.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(disposition) ?? /filename\s*=\s*([^;]+)/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/**
 * Downloads a file of the API with the bearer token (a plain link would not carry it) under the
 * name the server gives it.
 */
export async function download(url: string, fallbackName: string): Promise<string> {
  const response = await apiFetch(new Request(url, { headers: { accept: '*/*' } }));
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as Problem | null;
    throw new ApiError(response.status, problem, response.headers.get('content-language')?.startsWith('vi') ?? false);
  }
  const name = fileNameFrom(response.headers.get('content-disposition'), fallbackName);
  const href = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return name;
}
