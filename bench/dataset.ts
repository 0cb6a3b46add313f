import type { Client } from 'pg';

/**
 * The synthetic dataset, generated with generate_series in a few statements (seconds, not
 * minutes): 200 sessions over ten years beside the seeded ones, and three of them carrying the
 * volume (registrations with check-in codes, parts, attendance).
 */
export interface Dataset {
  provinceIds: number[];
  /** 10,000 confirmed registrations, 1 part, all present: the 10k export. */
  export10k: { sessionId: number; partId: number };
  /** 100,000 confirmed registrations, 10 parts, part 1 all present: 100k (one part) and 1M (all parts) exports. */
  export100k: { sessionId: number; firstPartId: number };
  /** 10,000 confirmed registrations with codes and no attendance; part 1 for the API, part 2 for the raw baseline. */
  checkIn: { sessionId: number; apiPartId: number; rawPartId: number };
  registrations: number;
  attendance: number;
}

const SURNAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quang'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hạnh', 'Hòa', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Ngân'];

async function registrations(client: Client, sessionId: number, count: number, provinceIds: number[]) {
  await client.query(
    `INSERT INTO registration (session_id, province_id, full_name, name_folded, gender, position, agency, phone,
                               phone_normalised, status, check_in_code, created_at)
     SELECT $1::bigint, ($3::int[])[1 + g % cardinality($3::int[])],
            n.full_name || ' ' || g, search_fold(n.full_name) || ' ' || g,
            CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END, 'Chuyên viên', 'Sở Ngoại vụ',
            '09' || lpad(g::text, 8, '0'), '+849' || lpad(g::text, 8, '0'), 'confirmed',
            'b' || $1::bigint::text || '-' || md5(g::text), now()
       FROM generate_series(1, $2::int) g,
            LATERAL (SELECT ($4::text[])[1 + g % cardinality($4::text[])] || ' ' ||
                            ($5::text[])[1 + (g / 7) % cardinality($5::text[])] || ' ' ||
                            ($6::text[])[1 + (g / 3) % cardinality($6::text[])] AS full_name) n`,
    [sessionId, count, provinceIds, SURNAMES, MIDDLE, GIVEN],
  );
}

/** Parts 4 hours apart from `first` (default 1 Oct 2025, 08:00 in Việt Nam), 3 hours long. */
async function parts(
  client: Client,
  sessionId: number,
  count: number,
  first = '2025-10-01 08:00+07',
): Promise<number[]> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO session_part (session_id, position, label, starts_at, ends_at)
     SELECT $1, g, 'Buổi ' || g, $3::timestamptz + (g - 1) * interval '4 hours',
            $3::timestamptz + (g - 1) * interval '4 hours' + interval '3 hours'
       FROM generate_series(1, $2) g RETURNING id`,
    [sessionId, count, first],
  );
  return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}

async function attendAll(client: Client, sessionId: number, partId: number) {
  await client.query(
    `INSERT INTO attendance (part_id, registration_id, status, method, checked_in_at)
     SELECT $2, r.id, 'present', 'code', timestamptz '2025-10-01 07:30+07' + (r.id % 3600) * interval '1 second'
       FROM registration r WHERE r.session_id = $1`,
    [sessionId, partId],
  );
}

/**
 * The 10,000-session search set (issue 15): 9,800 more sessions beside the 200, with the same
 * titles' vocabulary, so `tập huấn` matches thousands and a number a few. The triggers build
 * their search documents in this one statement (a minute or so on 2 cores).
 */
export async function addSearchSet(client: Client, provinceIds: number[]): Promise<number> {
  await client.query(`SET statement_timeout = 0`);
  await client.query(
    `INSERT INTO training_session (slug, title, kind, status, starts_on, ends_on, venue_name, host_province_id, format)
     SELECT 'bench-search-' || g,
            CASE WHEN g % 2 = 0 THEN 'Hội nghị tập huấn công tác thông tin đối ngoại số ' || g
                 ELSE 'Hội thảo về quyền con người và thông tin đối ngoại số ' || g END,
            CASE WHEN g % 2 = 0 THEN 'training_conference' ELSE 'workshop' END,
            CASE WHEN g % 10 = 0 THEN 'draft' ELSE 'completed' END,
            date '2016-01-05' + (g % 3650), date '2016-01-05' + (g % 3650) + (g % 2),
            'Hội trường ' || g, ($1::int[])[1 + g % cardinality($1::int[])], 'in_person'
       FROM generate_series(201, 10000) g`,
    [provinceIds],
  );
  await client.query('ANALYZE');
  const [{ n }] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM training_session`)).rows;
  return n;
}

export async function buildDataset(client: Client): Promise<Dataset> {
  const provinceIds = (
    await client.query<{ id: number }>(`SELECT id FROM province WHERE valid_to IS NULL ORDER BY id`)
  ).rows.map((row) => row.id);
  // 200 sessions, 2016–2025, every other one a "tập huấn", some drafts, hosted around the country.
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO training_session (slug, title, kind, status, starts_on, ends_on, venue_name, host_province_id, format)
     SELECT 'bench-' || g,
            CASE WHEN g % 2 = 0 THEN 'Hội nghị tập huấn công tác thông tin đối ngoại số ' || g
                 ELSE 'Hội thảo về quyền con người và thông tin đối ngoại số ' || g END,
            CASE WHEN g % 2 = 0 THEN 'training_conference' ELSE 'workshop' END,
            CASE WHEN g <= 3 THEN 'in_progress' WHEN g % 10 = 0 THEN 'draft' ELSE 'completed' END,
            date '2016-01-05' + (g * 18), date '2016-01-05' + (g * 18) + (g % 2),
            'Hội trường ' || g, ($1::int[])[1 + g % cardinality($1::int[])], 'in_person'
       FROM generate_series(1, 200) g RETURNING id`,
    [provinceIds],
  );
  const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
  const [e10, e100, checkIn] = ids;

  await registrations(client, e10, 10_000, provinceIds);
  const [e10Part] = await parts(client, e10, 1);
  await attendAll(client, e10, e10Part);

  await registrations(client, e100, 100_000, provinceIds);
  const e100Parts = await parts(client, e100, 10);
  await attendAll(client, e100, e100Parts[0]);

  await registrations(client, checkIn, 10_000, provinceIds);
  // Check-in is only open around a part's times within the session's days: the check-in session
  // runs today, its parts around now (two parts 4 h apart, both open with the default 2 h grace).
  await client.query(
    `UPDATE training_session SET starts_on = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 1,
            ends_on = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 1, status = 'in_progress' WHERE id = $1`,
    [checkIn],
  );
  const [apiPart, rawPart] = await parts(client, checkIn, 2, new Date(Date.now() - 3 * 3600_000).toISOString());

  await client.query('ANALYZE');
  const [{ r, a }] = (
    await client.query<{ r: number; a: number }>(
      `SELECT (SELECT count(*)::int FROM registration) AS r, (SELECT count(*)::int FROM attendance) AS a`,
    )
  ).rows;
  return {
    provinceIds,
    export10k: { sessionId: e10, partId: e10Part },
    export100k: { sessionId: e100, firstPartId: e100Parts[0] },
    checkIn: { sessionId: checkIn, apiPartId: apiPart, rawPartId: rawPart },
    registrations: r,
    attendance: a,
  };
}

/**
 * The rows of AttendanceExportService's query (libs/attendance) in its order (province, part, then
 * the stored Vietnamese name keys: given name first), values inlined for COPY, cells unformatted.
 */
export function exportSql(sessionId: number, partId?: number): string {
  const partFilter = partId !== undefined ? `AND sp.id = ${Number(partId)}` : '';
  return `SELECT province, full_name, gender, position, agency, part, status, checked_in_at, checked_out_at, note
    FROM (
      SELECT p.name AS province, r.full_name, r.sort_given_name, r.sort_middle_names, r.sort_family_name, r.gender, r.position, r.agency, sp.label AS part, sp.position AS part_position,
             coalesce(a.status, 'not_recorded') AS status, a.checked_in_at, a.checked_out_at, a.reason AS note
        FROM registration r JOIN province p ON p.id = r.province_id
        JOIN session_part sp ON sp.session_id = r.session_id ${partFilter}
        LEFT JOIN attendance a ON a.part_id = sp.id AND a.registration_id = r.id AND a.undone_at IS NULL
       WHERE r.session_id = ${Number(sessionId)} AND r.status = 'confirmed'
      UNION ALL
      SELECT p.name AS province, w.full_name, w.sort_given_name, w.sort_middle_names, w.sort_family_name, NULL AS gender, w.position, w.agency, sp.label AS part, sp.position AS part_position,
             a.status, a.checked_in_at, a.checked_out_at, 'Khách không đăng ký trước' AS note
        FROM walk_in w JOIN attendance a ON a.walk_in_id = w.id AND a.undone_at IS NULL
        JOIN session_part sp ON sp.id = a.part_id ${partFilter}
        LEFT JOIN province p ON p.id = w.province_id
       WHERE w.session_id = ${Number(sessionId)}
    ) x
    ORDER BY province COLLATE vi NULLS LAST, part_position,
             sort_given_name COLLATE vi, sort_middle_names COLLATE vi, sort_family_name COLLATE vi`;
}
