import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../shared/api/client';
import { NetworkError } from '../shared/api/problem';
import type { components } from '../shared/api/schema';
import type { Me } from '../shared/auth/AuthProvider';
import { cacheGet, cachePut } from './offline-store';

export type Part = components['schemas']['PartDto'];
export type Registration = components['schemas']['RegistrationDto'];
export type AttendanceRecord = components['schemas']['AttendanceRecordDto'];
export type ScanAnswer = components['schemas']['ScanAnswerDto'];
export type SessionStatistics = components['schemas']['SessionStatisticsDto'];
export type ProvinceYear = components['schemas']['ProvinceYearDto'];
export type PartAttendance = components['schemas']['PartAttendanceDto'];

/** Staff of a session: the roles that record attendance and see its statistics. */
export const DESK_ROLES = ['coordinator', 'organiser'];

/**
 * The answer from the network, kept as the offline copy; without network, the last copy. The
 * desk keeps working in a hall whose Wi-Fi fails (and after a reload there).
 */
async function withOfflineCopy<T>(key: string, load: () => Promise<T>): Promise<T> {
  try {
    const fresh = await load();
    await cachePut(key, fresh).catch(() => undefined);
    return fresh;
  } catch (failure) {
    if (!(failure instanceof NetworkError)) throw failure;
    const copy = await cacheGet<T>(key).catch(() => undefined);
    if (copy === undefined) throw failure;
    return copy;
  }
}

type Grant = Me['roles'][number];
/** A grant neither limited to one session nor bound to an organisation (a provincial Sở's organiser). */
const forEverySession = (grant: Grant) => grant.sessionId == null && grant.organisationId == null;

/** Figures across every session need a grant that is not limited to one session. */
export const hasUnscopedGrant = (me: Me | null) =>
  (me?.roles ?? []).some((grant) => DESK_ROLES.includes(grant.role) && forEverySession(grant));

/**
 * Sessions I record attendance for: those of my session-scoped grants and of my organisation's
 * (an organisation-bound organiser), or all of them for an unscoped grant.
 */
export function useMySessions(me: Me | null) {
  const grants = (me?.roles ?? []).filter((grant) => DESK_ROLES.includes(grant.role));
  const unscoped = grants.some(forEverySession);
  const ids = [...new Set(grants.map((grant) => grant.sessionId).filter((id): id is number => id != null))];
  const organisations = [
    ...new Set(grants.map((grant) => grant.organisationId).filter((id): id is number => id != null)),
  ];
  return useQuery({
    queryKey: ['my-sessions', unscoped, ids, organisations],
    enabled: grants.length > 0,
    queryFn: () =>
      withOfflineCopy(`my-sessions:${me?.id}`, async () => {
        if (unscoped) {
          const page = await unwrap(
            api.GET('/api/v1/sessions', { params: { query: { limit: 100, sort: 'date', order: 'desc' } } }),
          );
          return page.items.map((s) => ({ id: s.id, title: s.title, schedule: s.schedule, status: s.status }));
        }
        const sessions = await Promise.all(
          ids.map((id) => unwrap(api.GET('/api/v1/sessions/{id}', { params: { path: { id: String(id) } } }))),
        );
        const organised = await Promise.all(
          organisations.map((organisation) =>
            unwrap(
              api.GET('/api/v1/sessions', {
                params: { query: { organisation, limit: 100, sort: 'date', order: 'desc' } },
              }),
            ),
          ),
        );
        const all = new Map(
          [...sessions, ...organised.flatMap((page) => page.items)].map((s) => [
            s.id,
            { id: s.id, title: s.title, schedule: s.schedule, status: s.status },
          ]),
        );
        return [...all.values()];
      }),
  });
}

export function useDeskSession(sessionId: number) {
  return useQuery({
    queryKey: ['desk-session', sessionId],
    queryFn: () =>
      withOfflineCopy(`session:${sessionId}`, () =>
        unwrap(api.GET('/api/v1/sessions/{id}', { params: { path: { id: String(sessionId) } } })),
      ),
  });
}

export function useParts(sessionId: number) {
  return useQuery({
    queryKey: ['parts', sessionId],
    queryFn: () =>
      withOfflineCopy(`parts:${sessionId}`, () =>
        unwrap(api.GET('/api/v1/sessions/{id}/parts', { params: { path: { id: sessionId } } })),
      ),
  });
}

/** Every confirmed person of the session (all provinces for its staff), page by page. */
export function useRoster(sessionId: number) {
  return useQuery({
    queryKey: ['roster', sessionId],
    staleTime: 60_000,
    queryFn: () =>
      withOfflineCopy(`roster:${sessionId}`, async () => {
        const people: Registration[] = [];
        for (let offset = 0; ; offset += 100) {
          const page = await unwrap(
            api.GET('/api/v1/sessions/{id}/registrations', {
              params: { path: { id: sessionId }, query: { status: 'confirmed', limit: 100, offset } },
            }),
          );
          people.push(...page.items);
          if (people.length >= page.page.total || page.items.length === 0) return people;
        }
      }),
  });
}

/** Records of a part (undone ones included) and its refused scans; refreshed while the screen is open. */
export function usePartAttendance(sessionId: number, partId: number | undefined) {
  return useQuery({
    queryKey: ['attendance', sessionId, partId],
    enabled: partId !== undefined,
    refetchInterval: 10_000,
    queryFn: () =>
      withOfflineCopy(`attendance:${sessionId}:${partId}`, () =>
        unwrap(
          api.GET('/api/v1/sessions/{id}/parts/{partId}/attendance', {
            params: { path: { id: sessionId, partId: partId! } },
          }),
        ),
      ),
  });
}

export function useSessionStatistics(sessionId: number, refetchInterval: number | false = false) {
  return useQuery({
    queryKey: ['statistics', sessionId],
    refetchInterval,
    queryFn: () => unwrap(api.GET('/api/v1/sessions/{id}/statistics', { params: { path: { id: sessionId } } })),
  });
}

export function useProvinceStatistics(rollUp: boolean) {
  return useQuery({
    queryKey: ['province-statistics', rollUp],
    queryFn: () => unwrap(api.GET('/api/v1/statistics/provinces', { params: { query: { rollUp } } })),
  });
}

/** Provinces in force now (34 since 1/7/2025), for the walk-in form. */
export function useCurrentProvinces() {
  return useQuery({
    queryKey: ['provinces', 2025],
    staleTime: Infinity,
    queryFn: () =>
      withOfflineCopy('provinces:2025', () =>
        unwrap(api.GET('/api/v1/provinces', { params: { query: { era: '2025', limit: 100 } } })),
      ),
  });
}

/** The status of each registration in a part: its standing (not undone) record. */
export function standingByRegistration(records: AttendanceRecord[]): Map<number, AttendanceRecord> {
  const map = new Map<number, AttendanceRecord>();
  for (const record of records) {
    if (record.undoneAt || record.registrationId == null) continue;
    map.set(Number(record.registrationId), record);
  }
  return map;
}

export const RECORD_STATUSES: Record<string, string> = {
  present: 'Có mặt',
  absent: 'Vắng',
  excused: 'Vắng có phép',
  not_recorded: 'Chưa điểm danh',
};

/** Why a scan was refused, as the desk says it. */
export const REFUSAL_TEXT: Record<string, string> = {
  unknown_code: 'Mã không hợp lệ',
  invalid: 'Mã không hợp lệ',
  retired_code: 'Mã đã được thay bằng mã mới (người thay thế)',
  wrong_session: 'Không thuộc hội nghị này',
  not_confirmed: 'Chưa được xác nhận',
  withdrawn: 'Đã rút đăng ký',
  bad_bridge_point: 'Điểm cầu không thuộc hội nghị này',
  outside_time_window: 'Ngoài thời gian điểm danh của buổi',
  session_cancelled: 'Hội nghị đã hủy',
};
