/**
 * The user behind a bearer token with their grants ($1: the user id; no row when inactive).
 * Imports nothing, so the benchmark's raw baseline server runs this very statement.
 */
export const AUTH_USER_SQL = `SELECT u.id, u.email, u.token_generation, u.grants_version,
              coalesce(json_agg(json_build_object('role', r.role, 'sessionId', r.session_id, 'provinceId', r.province_id,
                                                  'organisationId', r.organisation_id,
                                                  'organisationSessionIds',
                                                  CASE WHEN r.organisation_id IS NOT NULL THEN
                                                    (SELECT coalesce(json_agg(so.session_id), '[]') FROM session_organiser so
                                                      WHERE so.organisation_id = r.organisation_id) END))
                       FILTER (WHERE r.id IS NOT NULL), '[]') AS grants
         FROM app_user u LEFT JOIN user_role r ON r.user_id = u.id
        WHERE u.id = $1 AND u.is_active
        GROUP BY u.id`;

/**
 * What a bearer-token request checks when the process already holds the user's grants: a
 * primary-key read ($1: the user id; no row when inactive). grants_version is bumped by
 * triggers on every grant change (migration 1796171700000).
 */
export const AUTH_USER_VERSION_SQL = `SELECT u.email, u.token_generation, u.grants_version FROM app_user u WHERE u.id = $1 AND u.is_active`;
