import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { NetworkError } from '../api/problem';
import {
  endSession,
  getAccessToken,
  mayHaveSession,
  refreshAccessToken,
  rememberedProfile,
  rememberProfile,
  startSession,
} from './session';

export type Me = components['schemas']['MeResponse'];

interface AuthState {
  me: Me | null;
  loading: boolean;
  signIn(email: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
  hasRole(role: string): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

async function loadMe(): Promise<Me | null> {
  if (!mayHaveSession()) return null;
  // After a reload the token is gone from memory; the refresh cookie brings it back. Without
  // network (the refresh failed but did not end the session) the remembered profile stands in.
  if (!getAccessToken() && !(await refreshAccessToken())) return mayHaveSession() ? rememberedProfile<Me>() : null;
  try {
    const me = await unwrap(api.GET('/api/v1/auth/me'));
    rememberProfile(me);
    return me;
  } catch (failure) {
    if (failure instanceof NetworkError) return rememberedProfile<Me>();
    throw failure;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: ['me'], queryFn: loadMe, staleTime: Infinity, retry: false });

  const signIn = useCallback(
    async (email: string, password: string) => {
      const pair = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password } }));
      startSession(pair.accessToken);
      const profile = await unwrap(api.GET('/api/v1/auth/me'));
      rememberProfile(profile);
      queryClient.setQueryData(['me'], profile);
      return profile;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api.POST('/api/v1/auth/logout', { body: {} });
    } finally {
      endSession();
      // The signed-in person's data goes; "me" is set (not removed) so its observers see the change.
      queryClient.setQueryData(['me'], null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
    }
  }, [queryClient]);

  const value = useMemo<AuthState>(
    () => ({
      me: me.data ?? null,
      loading: me.isPending,
      signIn,
      signOut,
      hasRole: (role) => (me.data?.roles ?? []).some((grant) => grant.role === role),
    }),
    [me.data, me.isPending, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
