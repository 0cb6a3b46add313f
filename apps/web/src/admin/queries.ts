import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../shared/api/client';
import type { components, paths } from '../shared/api/schema';

export type User = components['schemas']['UserResponse'];
export type Grant = components['schemas']['RoleGrantDto'];
export type Role = Grant['role'];
export type UserQuery = NonNullable<paths['/api/v1/users']['get']['parameters']['query']>;
export type AuditQuery = NonNullable<paths['/api/v1/audit-log']['get']['parameters']['query']>;

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị hệ thống',
  organiser: 'Ban tổ chức',
  coordinator: 'Điều phối tại hội trường',
  province_delegate: 'Đầu mối tỉnh',
};

export function useUsers(query: UserQuery) {
  return useQuery({
    queryKey: ['users', query],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['CreateUserDto']) => unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: components['schemas']['UpdateUserDto'] }) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: changes })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** Current provinces (34 from 1/7/2025): a delegate is bound to one of them. */
export function useCurrentProvinces() {
  return useQuery({
    queryKey: ['provinces-current'],
    queryFn: () => unwrap(api.GET('/api/v1/provinces', { params: { query: { era: '2025', limit: 100 } } })),
    staleTime: Infinity,
  });
}

export function useSessionSearch(q: string) {
  return useQuery({
    queryKey: ['admin-session-search', q],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/sessions', {
          params: { query: { q: q || undefined, limit: 20, sort: 'date', order: 'desc' } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useAuditLog(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit-log', query],
    queryFn: () => unwrap(api.GET('/api/v1/audit-log', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** A password shown once to the administrator: 16 characters from an alphabet without look-alikes. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}
