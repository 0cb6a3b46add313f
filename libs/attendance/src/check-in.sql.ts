// Imports nothing, so the benchmark's raw baseline server runs these very statements.

export const windowColumns = (before: string, after: string) => `
  greatest(sp.starts_at - make_interval(mins => ${before}::int), s.starts_on::timestamp AT TIME ZONE s.time_zone) AS window_opens_at,
  least(sp.ends_at + make_interval(mins => ${after}::int), (s.ends_on + 1)::timestamp AT TIME ZONE s.time_zone) AS window_closes_at`;

export const TARGET = `r.id, r.session_id, r.status, r.full_name, r.agency, r.province_id, p.name AS province_name
  FROM registration r JOIN province p ON p.id = r.province_id`;

/**
 * The live-scan hot path (AttendanceRepository.checkInByCode): $1 session, $2 part, $3 code,
 * $4 recording user, $5 request id, $6/$7 grace minutes before/after.
 */
export const CHECK_IN_BY_CODE_SQL = `WITH part AS (
         SELECT w.id, w.session_status <> 'cancelled' AND now() >= w.window_opens_at AND now() <= w.window_closes_at AS open
           FROM (SELECT sp.id, s.status AS session_status, ${windowColumns('$6', '$7')}
                   FROM session_part sp JOIN training_session s ON s.id = sp.session_id
                  WHERE sp.id = $2 AND sp.session_id = $1) w),
       target AS (SELECT ${TARGET} WHERE r.check_in_code = $3),
       ins AS (
         INSERT INTO attendance (part_id, registration_id, status, method, checked_in_at, recorded_by)
         SELECT part.id, target.id, 'present', 'code', now(), $4 FROM part, target
          WHERE target.session_id = $1 AND target.status = 'confirmed' AND part.open
         ON CONFLICT (part_id, registration_id) WHERE undone_at IS NULL AND registration_id IS NOT NULL DO NOTHING
         RETURNING id, part_id, registration_id, checked_in_at),
       audit AS (
         INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, after, request_id)
         SELECT $4, 'attendance.checked_in', 'attendance', ins.id::text,
                jsonb_build_object('partId', ins.part_id, 'registrationId', ins.registration_id, 'method', 'code'), $5
           FROM ins)
       SELECT (SELECT id FROM part) AS part_id, (SELECT open FROM part) AS part_open, to_jsonb(t) AS target, ins.id AS attendance_id, ins.checked_in_at
         FROM (SELECT 1) one LEFT JOIN target t ON true LEFT JOIN ins ON true`;
