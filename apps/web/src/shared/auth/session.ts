/**
 * The browser's sign-in state. The access token lives in this module's memory only (never in
 * storage); the refresh token is the API's httpOnly cookie, which scripts cannot read. A flag in
 * localStorage remembers only *that* someone signed in, so a reload tries one silent refresh
 * instead of every visitor's page load calling the refresh route.
 */
const SIGNED_IN_FLAG = 'ttdn.signedIn';
/**
 * The signed-in person's profile (name and roles, no token), kept so the check-in desk still
 * opens after a reload without network; the API checks every request again once it is back.
 */
const PROFILE_KEY = 'ttdn.profile';
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
  localStorage.removeItem(PROFILE_KEY);
}

export function rememberProfile(profile: unknown): void {
  localStorage.setItem(PROFILE_KEY, JSON.stringify(profile));
}

/** The profile of the last sign-in on this device, while its session has not ended. */
export function rememberedProfile<T>(): T | null {
  if (localStorage.getItem(SIGNED_IN_FLAG) !== '1') return null;
  try {
    return JSON.parse(localStorage.getItem(PROFILE_KEY) ?? 'null') as T | null;
  } catch {
    return null;
  }
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
