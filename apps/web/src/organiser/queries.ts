import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../shared/api/client';
import type { components, paths } from '../shared/api/schema';

export type SessionDetail = components['schemas']['SessionDetailDto'];
export type NewSession = components['schemas']['CreateSessionDto'];
export type SessionChanges = components['schemas']['UpdateSessionDto'];
export type AgendaItem = components['schemas']['AgendaItemDto'];
export type NewAgendaItem = components['schemas']['CreateAgendaItemDto'];
export type AgendaChanges = components['schemas']['UpdateAgendaItemDto'];
export type Province = components['schemas']['ProvinceDto'];
export type Quota = components['schemas']['QuotaDto'];
export type RegistrationSettingsInput = components['schemas']['RegistrationSettingsDto'];
export type Registration = components['schemas']['RegistrationDto'];
export type RegistrationQuery = NonNullable<paths['/api/v1/sessions/{id}/registrations']['get']['parameters']['query']>;

const path = (id: number) => ({ params: { path: { id } } });
const pathText = (id: number) => ({ params: { path: { id: String(id) } } });

/**
 * The sessions this organiser may edit, drafts included (the API lists drafts to organisers only);
 * with `organisation`, those it organises (an organiser bound to that organisation).
 */
export function useEditableSessions(q: string, offset: number, organisation?: number) {
  return useQuery({
    queryKey: ['organiser-sessions', q, offset, organisation],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/sessions', {
          params: { query: { q: q || undefined, limit: 20, offset, sort: 'date', order: 'desc', organisation } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The session as the editor reads it (same cache entry as the public page: one truth). */
export function useEditedSession(id: number) {
  return useQuery({
    queryKey: ['session', id],
    queryFn: () => unwrap(api.GET('/api/v1/sessions/{id}', pathText(id))),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** Every write on a session answers with the whole session: the cache takes it as it is. */
export function useSessionWrite<TInput>(id: number, write: (input: TInput) => Promise<SessionDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (session) => {
      queryClient.setQueryData(['session', id], session);
      void queryClient.invalidateQueries({ queryKey: ['organiser-sessions'] });
      void queryClient.invalidateQueries({ queryKey: ['registration-settings', id] });
    },
  });
}

export const sessionWrites = {
  update: (id: number) => (body: SessionChanges) => unwrap(api.PATCH('/api/v1/sessions/{id}', { ...path(id), body })),
  status: (id: number) => (body: components['schemas']['ChangeStatusDto']) =>
    unwrap(api.POST('/api/v1/sessions/{id}/status', { ...path(id), body })),
  addAgendaItem: (id: number) => (body: NewAgendaItem) =>
    unwrap(api.POST('/api/v1/sessions/{id}/agenda', { ...path(id), body })),
  updateAgendaItem:
    (id: number) =>
    ({ itemId, changes }: { itemId: number; changes: AgendaChanges }) =>
      unwrap(api.PATCH('/api/v1/sessions/{id}/agenda/{itemId}', { params: { path: { id, itemId } }, body: changes })),
  removeAgendaItem: (id: number) => (itemId: number) =>
    unwrap(api.DELETE('/api/v1/sessions/{id}/agenda/{itemId}', { params: { path: { id, itemId } } })),
  invitations: (id: number) => (body: components['schemas']['ReplaceInvitationsDto']) =>
    unwrap(api.PUT('/api/v1/sessions/{id}/invitations', { ...path(id), body })),
  organisers: (id: number) => (body: components['schemas']['ReplaceOrganisersDto']) =>
    unwrap(api.PUT('/api/v1/sessions/{id}/organisers', { ...path(id), body })),
  addBridgePoint: (id: number) => (body: components['schemas']['CreateBridgePointDto']) =>
    unwrap(api.POST('/api/v1/sessions/{id}/bridge-points', { ...path(id), body })),
  removeBridgePoint: (id: number) => (pointId: number) =>
    unwrap(api.DELETE('/api/v1/sessions/{id}/bridge-points/{pointId}', { params: { path: { id, pointId } } })),
};

/** Provincial units in force on a day: the session's date picks the era (63 before 1/7/2025, 34 from then). */
export function useProvincesOn(day: string | undefined) {
  return useQuery({
    queryKey: ['provinces-on', day],
    enabled: Boolean(day),
    queryFn: () => unwrap(api.GET('/api/v1/provinces', { params: { query: { at: day, limit: 100 } } })),
    staleTime: Infinity,
  });
}

export function useSettings(id: number) {
  return useQuery({
    queryKey: ['registration-settings', id],
    queryFn: () => unwrap(api.GET('/api/v1/sessions/{id}/registration-settings', path(id))),
    retry: false,
  });
}

export function useSaveSettings(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegistrationSettingsInput) =>
      unwrap(api.PUT('/api/v1/sessions/{id}/registration-settings', { ...path(id), body })),
    onSuccess: (settings) => queryClient.setQueryData(['registration-settings', id], settings),
  });
}

export function useSessionRegistrations(id: number, query: RegistrationQuery) {
  return useQuery({
    queryKey: ['registrations', id, query],
    queryFn: () => unwrap(api.GET('/api/v1/sessions/{id}/registrations', { params: { path: { id }, query } })),
    placeholderData: keepPreviousData,
  });
}

/** Approve or reject: the registrations and the quota figures both change. */
export function useModeration(sessionId: number) {
  const queryClient = useQueryClient();
  // Returned, so an approval counts as done once the lists show it.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['registrations', sessionId] }),
      queryClient.invalidateQueries({ queryKey: ['registration-settings', sessionId] }),
    ]);
  const approve = useMutation({
    mutationFn: (ids: number[]) =>
      Promise.all(
        ids.map((id) => unwrap(api.POST('/api/v1/registrations/{id}/approve', { params: { path: { id } } }))),
      ),
    onSettled: refresh,
  });
  const reject = useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      unwrap(api.POST('/api/v1/registrations/{id}/reject', { params: { path: { id } }, body: { reason } })),
    onSettled: refresh,
  });
  return { approve, reject };
}

export function useRegistrationAudit(id: number | null) {
  return useQuery({
    queryKey: ['registration-audit', id],
    enabled: id !== null,
    queryFn: () => unwrap(api.GET('/api/v1/registrations/{id}/audit', { params: { path: { id: id ?? 0 } } })),
  });
}

export function usePeopleSearch(q: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['people-search', q],
    queryFn: () => unwrap(api.GET('/api/v1/people', { params: { query: { q: q || undefined, limit: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

export function useOrganisationSearch(q: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['organisation-search', q],
    queryFn: () => unwrap(api.GET('/api/v1/organisations', { params: { query: { q: q || undefined, limit: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

export function useDocumentSearch(q: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['document-search', q],
    queryFn: () => unwrap(api.GET('/api/v1/documents', { params: { query: { q: q || undefined, limit: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

export function useParts(id: number) {
  return useQuery({
    queryKey: ['parts', id],
    queryFn: () => unwrap(api.GET('/api/v1/sessions/{id}/parts', path(id))),
  });
}
