import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../shared/api/client';
import type { paths } from '../shared/api/schema';

export type SessionQuery = NonNullable<paths['/api/v1/sessions']['get']['parameters']['query']>;

export function useSessions(query: SessionQuery) {
  return useQuery({
    queryKey: ['sessions', query],
    queryFn: () => unwrap(api.GET('/api/v1/sessions', { params: { query } })),
    // Keep the previous page on screen while the next search runs (no flicker while typing).
    placeholderData: keepPreviousData,
  });
}

export function useSession(id: number) {
  return useQuery({
    queryKey: ['session', id],
    queryFn: () => unwrap(api.GET('/api/v1/sessions/{id}', { params: { path: { id: String(id) } } })),
  });
}

export function usePerson(id: number) {
  return useQuery({
    queryKey: ['person', id],
    queryFn: () => unwrap(api.GET('/api/v1/people/{id}', { params: { path: { id: String(id) } } })),
  });
}

/** Both eras of provinces (63 until 30/6/2025, 34 since): the list is small and rarely changes. */
export function useProvinces() {
  return useQuery({
    queryKey: ['provinces'],
    queryFn: () => unwrap(api.GET('/api/v1/provinces', { params: { query: { limit: 100 } } })),
    staleTime: Infinity,
  });
}

export function useRegions() {
  return useQuery({
    queryKey: ['regions'],
    queryFn: () => unwrap(api.GET('/api/v1/regions')),
    staleTime: Infinity,
  });
}

export function useSources() {
  return useQuery({
    queryKey: ['sources'],
    queryFn: () => unwrap(api.GET('/api/v1/sources')),
    staleTime: Infinity,
  });
}
