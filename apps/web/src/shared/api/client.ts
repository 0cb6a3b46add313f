import createClient from 'openapi-fetch';
import { getAccessToken, mayHaveSession, refreshAccessToken, sessionExpired } from '../auth/session';
import { ApiError, NetworkError, type Problem } from './problem';
import type { paths } from './schema';

const AUTH_ROUTES = /\/api\/v1\/auth\/(login|refresh|logout)$/;

function prepare(request: Request): Request {
  const headers = new Headers(request.headers);
  // The API answers problems in Vietnamese when it can.
  headers.set('accept-language', 'vi');
  const token = getAccessToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}

/**
 * Every API call goes through here: Accept-Language and the bearer token on the way out; on a
 * 401 one silent refresh (by cookie) and one retry, then the user is sent to sign in.
 */
export async function apiFetch(request: Request): Promise<Response> {
  const spare = request.clone();
  let response: Response;
  try {
    response = await fetch(prepare(request));
  } catch {
    throw new NetworkError();
  }
  if (response.status !== 401 || AUTH_ROUTES.test(new URL(request.url).pathname) || !mayHaveSession()) {
    return response;
  }
  if (await refreshAccessToken()) {
    try {
      response = await fetch(prepare(spare));
    } catch {
      throw new NetworkError();
    }
    if (response.status !== 401) return response;
  }
  sessionExpired();
  return response;
}

export const api = createClient<paths>({ baseUrl: '', fetch: apiFetch, credentials: 'same-origin' });

/** The data of an openapi-fetch result, or an ApiError carrying the problem. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) {
    const problem = error && typeof error === 'object' ? (error as Problem) : null;
    throw new ApiError(response.status, problem, response.headers.get('content-language')?.startsWith('vi') ?? false);
  }
  return data as T;
}
