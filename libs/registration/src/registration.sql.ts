// Imports nothing, so the benchmark's raw baseline server runs these very statements.

/**
 * What registering needs, in one round trip: the session's status (its row locked FOR SHARE, so
 * that it cannot be closed or cancelled until this transaction ends), its registration settings
 * (null columns when it has none) and whether it invited province $2, or a unit merged into it
 * in 2025 ($2 null: not asked, false).
 */
export const REGISTRATION_CONTEXT_SQL = `SELECT ts.status AS session_status,
         st.session_id, st.opens_at, st.closes_at, st.capacity, st.confirmed_count, st.moderated,
         EXISTS (SELECT 1 FROM session_invited_province ip JOIN province p ON p.id = ip.province_id
                  WHERE ip.session_id = ts.id AND (p.id = $2::int OR p.successor_id = $2::int)) AS invited
    FROM training_session ts LEFT JOIN registration_settings st ON st.session_id = ts.id
   WHERE ts.id = $1
     FOR SHARE OF ts`;

/**
 * Who is the same person in a session: an active registration with the same folded name and the
 * same phone or e-mail. Written once, used by the check of an edit and by the insert.
 */
const samePersonIn = (session: string, nameKey: string, phoneKey: string, emailKey: string) =>
  `session_id = ${session} AND name_folded = ${nameKey} AND status IN ('pending', 'confirmed', 'waitlisted')
     AND ((phone_normalised IS NOT NULL AND phone_normalised = ${phoneKey})
          OR (email_normalised IS NOT NULL AND email_normalised = ${emailKey}))`;

/**
 * The active registration of the same person in session $1: $2 name key, $3 phone, $4 e-mail,
 * $5 a registration to leave out (an edit).
 */
export const SAME_PERSON_SQL = `SELECT id, province_id FROM registration
   WHERE ${samePersonIn('$1', '$2', '$3', '$4')} AND id IS DISTINCT FROM $5
   LIMIT 1`;

/**
 * A new pending registration unless the same person is already registered, in one round trip:
 * answers `id` (null when it was not written) and the registration that holds the person, if any.
 * $1 session, $2 province, $3 full name, $4 name key, $5 gender, $6 position, $7 agency, $8 phone,
 * $9 phone key, $10 e-mail, $11 e-mail key, $12 created by. The unique indexes still have the last
 * word when two requests for one person race past the check.
 */
export const INSERT_UNLESS_SAME_PERSON_SQL = `WITH same AS (
         SELECT id, province_id FROM registration WHERE ${samePersonIn('$1', '$4', '$9', '$11')} LIMIT 1),
       inserted AS (
         INSERT INTO registration (session_id, province_id, full_name, name_folded, gender, position, agency, phone,
                                   phone_normalised, email, email_normalised, status, created_by)
         SELECT $1::bigint, $2::int, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text,
                $9::text, $10::text, $11::text, 'pending', $12::bigint
          WHERE NOT EXISTS (SELECT 1 FROM same)
         RETURNING id)
  SELECT (SELECT id FROM inserted) AS id, (SELECT id FROM same) AS same_id, (SELECT province_id FROM same) AS same_province_id`;

/**
 * One place of session $1 for province $2: its quota and the session's capacity are each raised
 * only while below their limit, the capacity only once the quota gave a place. Row locks
 * serialise concurrent takers and PostgreSQL re-checks each condition after waiting, so places
 * never overfill. When the quota had room and the capacity had not, the caller gives the quota
 * place back (a rare second statement: one statement cannot update the quota row twice).
 */
const TAKE_PLACE_CTES = `quota AS (
         UPDATE province_quota SET confirmed_count = confirmed_count + 1
          WHERE session_id = $1 AND province_id = $2 AND confirmed_count < quota RETURNING 1),
       capacity AS (
         UPDATE registration_settings SET confirmed_count = confirmed_count + 1
          WHERE session_id = $1 AND (capacity IS NULL OR confirmed_count < capacity) AND EXISTS (SELECT 1 FROM quota)
         RETURNING 1)`;

/**
 * A place (above) for a waitlisted person being promoted: `placed`, and `quota_only` when the
 * quota place must be given back.
 */
export const TAKE_PLACE_SQL = `WITH ${TAKE_PLACE_CTES}
  SELECT EXISTS (SELECT 1 FROM capacity) AS placed,
         EXISTS (SELECT 1 FROM quota) AND NOT EXISTS (SELECT 1 FROM capacity) AS quota_only`;

/**
 * A place (above) for new registration $3 and its status in the same statement: confirmed with
 * check-in code $4, or waitlisted; `quota_only` as for TAKE_PLACE_SQL.
 */
export const PLACE_OR_WAITLIST_SQL = `WITH ${TAKE_PLACE_CTES},
       placed AS (SELECT EXISTS (SELECT 1 FROM capacity) AS confirmed),
       registration_status AS (
         UPDATE registration r
            SET status = CASE WHEN placed.confirmed THEN 'confirmed' ELSE 'waitlisted' END,
                status_reason = CASE WHEN placed.confirmed THEN NULL ELSE 'no place left in the quota or capacity' END,
                check_in_code = CASE WHEN placed.confirmed THEN coalesce(r.check_in_code, $4) ELSE r.check_in_code END,
                waitlisted_at = CASE WHEN placed.confirmed THEN r.waitlisted_at ELSE coalesce(r.waitlisted_at, clock_timestamp()) END,
                version = r.version + 1, updated_at = now()
           FROM placed
          WHERE r.id = $3
         RETURNING r.status)
  SELECT (SELECT status FROM registration_status) AS status,
         EXISTS (SELECT 1 FROM quota) AND NOT (SELECT confirmed FROM placed) AS quota_only`;

/** Gives back a place of the province's quota ($1 session, $2 province). */
export const RELEASE_QUOTA_PLACE_SQL = `UPDATE province_quota SET confirmed_count = confirmed_count - 1
   WHERE session_id = $1 AND province_id = $2`;
