import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../shared/api/client';
import type { components } from '../shared/api/schema';

export type Registration = components['schemas']['RegistrationDto'];
export type Settings = components['schemas']['RegistrationSettingsResponse'];

/** Sessions open for registration that invited my province (the API maps merged provinces to their successor). */
export function useInvitedSessions(provinceId: number | null) {
  return useQuery({
    queryKey: ['invited-sessions', provinceId],
    enabled: provinceId !== null,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/sessions', {
          params: {
            query: {
              invitedProvince: provinceId ?? undefined,
              status: 'registration_open',
              limit: 100,
              sort: 'date',
              order: 'asc',
            },
          },
        }),
      ),
  });
}

export function useRegistrationSettings(sessionId: number) {
  return useQuery({
    queryKey: ['registration-settings', sessionId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/sessions/{id}/registration-settings', { params: { path: { id: sessionId } } })),
  });
}

/** My province's registrations for a session (the API returns only those to a delegate). */
export function useMyRegistrations(sessionId: number) {
  return useQuery({
    queryKey: ['registrations', sessionId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/sessions/{id}/registrations', {
          params: { path: { id: sessionId }, query: { limit: 100 } },
        }),
      ),
  });
}

export const REGISTRATION_STATUSES: Record<string, string> = {
  pending: 'Chờ duyệt',
  confirmed: 'Đã xác nhận',
  waitlisted: 'Danh sách chờ',
  rejected: 'Bị từ chối',
  withdrawn: 'Đã rút',
};
