import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../shared/api/client';
import { ApiError } from '../../shared/api/problem';
import type { AcceptImport, ImportArticle, StoredImport } from './types';

const importKey = (id: number) => ['import', id] as const;

/** A stored proposal (its author's or, for an admin, anyone's). */
export function useStoredImport(id: number) {
  return useQuery({
    queryKey: importKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/imports/{id}', { params: { path: { id } } })),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Reads a report: the API stores the proposal and answers with it, so the review opens from cache. */
export function useProposeArticle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportArticle) => unwrap(api.POST('/api/v1/imports/articles', { body })),
    onSuccess: (stored) => queryClient.setQueryData(importKey(stored.id), stored),
  });
}

/**
 * Accepts the reviewed proposal. The answer is the import as accepted; a 409 means it was accepted
 * already (another tab, another click): the import is read again so the page shows what it became.
 */
export function useAcceptImport(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptImport) =>
      unwrap(api.POST('/api/v1/imports/{id}/accept', { params: { path: { id } }, body })),
    onSuccess: (stored: StoredImport) => {
      queryClient.setQueryData(importKey(id), stored);
      void queryClient.invalidateQueries({ queryKey: ['organiser-sessions'] });
      if (stored.sessionId) void queryClient.invalidateQueries({ queryKey: ['session', stored.sessionId] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: importKey(id) });
    },
  });
}
