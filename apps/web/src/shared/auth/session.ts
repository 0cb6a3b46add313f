/**
 * The browser's sign-in state. The access token lives in this module's memory only (never in
 * storage); the refresh token is the API's httpOnly cookie, which scripts cannot read. A flag in
 * localStorage remembers only *that* someone signed in, so a reload tries one silent refresh
 * instead of every visitor's page load calling the refresh route.
 */
const SIGNED_IN_FLAG = 'ttdn.signedIn';
const REFRESH_URL = '/api/v1/auth/refresh';

let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
const expiredListeners = new Set<() => void>();

export function getAccessToken(): string | null {
  return accessToken;
}

export function startSession(token: string): void {
  accessToken = token;
  localStorage.setItem(SIGNED_IN_FLAG, '1');
}

export function endSession(): void {
  accessToken = null;
  localStorage.removeItem(SIGNED_IN_FLAG);
}

export function mayHaveSession(): boolean {
  return accessToken !== null || localStorage.getItem(SIGNED_IN_FLAG) === '1';
}

/** Exchanges the refresh cookie for a new access token; concurrent callers share one exchange. */
export function refreshAccessToken(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const res = await fetch(REFRESH_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'vi' },
        body: '{}',
        credentials: 'same-origin',
      });
      if (!res.ok) {
        endSession();
        return false;
      }
      const body = (await res.json()) as { accessToken: string };
      startSession(body.accessToken);
      return true;
    } catch {
      // Offline: keep the state, the caller shows the network error.
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export function onSessionExpired(listener: () => void): () => void {
  expiredListeners.add(listener);
  return () => expiredListeners.delete(listener);
}

export function sessionExpired(): void {
  endSession();
  for (const listener of expiredListeners) listener();
}
