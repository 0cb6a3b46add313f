import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The browser's copy of the refresh token: httpOnly (scripts never read it), SameSite=Strict (no
 * other site's page can make the browser send it) and scoped to the auth routes, so it travels
 * with refresh and logout only. API clients keep using the token in the JSON body.
 */
export const REFRESH_COOKIE = 'ttdn_refresh';
/** The auth routes under the API prefix that apps/api sets (libraries do not import apps). */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';

function attributes(secure: boolean): string {
  return `Path=${REFRESH_COOKIE_PATH}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function setRefreshCookie(reply: FastifyReply, token: string, expiresAt: string, secure: boolean): void {
  const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
  void reply.header('set-cookie', `${REFRESH_COOKIE}=${token}; Max-Age=${maxAge}; ${attributes(secure)}`);
}

export function clearRefreshCookie(reply: FastifyReply, secure: boolean): void {
  void reply.header('set-cookie', `${REFRESH_COOKIE}=; Max-Age=0; ${attributes(secure)}`);
}

/** The refresh token from the Cookie header, if the browser sent one. */
export function refreshTokenFromCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}
