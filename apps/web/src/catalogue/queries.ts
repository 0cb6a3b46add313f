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
    // The citation labels look sources up by key; the catalogue's sources fit in one page.
    queryFn: async () => (await unwrap(api.GET('/api/v1/sources', { params: { query: { limit: 100 } } }))).items,
    staleTime: Infinity,
  });
}

export function useOrganisation(id: number) {
  return useQuery({
    queryKey: ['organisation', id],
    queryFn: () => unwrap(api.GET('/api/v1/organisations/{id}', { params: { path: { id: String(id) } } })),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function useDocument(id: number) {
  return useQuery({
    queryKey: ['document', id],
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id: String(id) } } })),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/**
 * The choices of the document, presenter and organisation filters: the first 100 of each, which is
 * the whole catalogue today (a few dozen); past that the filters would need a server-side search.
 */
export function useFilterChoices() {
  const options = { staleTime: Infinity } as const;
  const people = useQuery({
    ...options,
    queryKey: ['people', 'choices'],
    queryFn: () => unwrap(api.GET('/api/v1/people', { params: { query: { limit: 100 } } })),
  });
  const organisations = useQuery({
    ...options,
    queryKey: ['organisations', 'choices'],
    queryFn: () => unwrap(api.GET('/api/v1/organisations', { params: { query: { limit: 100 } } })),
  });
  const documents = useQuery({
    ...options,
    queryKey: ['documents', 'choices'],
    queryFn: () => unwrap(api.GET('/api/v1/documents', { params: { query: { limit: 100 } } })),
  });
  return { people, organisations, documents };
}
