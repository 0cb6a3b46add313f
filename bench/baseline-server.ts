import { createServer } from 'node:http';
import { Pool } from 'pg';

/**
 * The raw baseline for the session list: node:http + pg, no framework, running the SQL that
 * libs/catalogue/src/sessions/session.repository.ts generates for `?q=<words>&year=<year>`
 * (published sessions, accent-folded LIKE per word, the year overlap, newest first, a page of 20).
 * Started as its own process so that it, like the API, has an event loop to itself.
 */

const SESSION_COLUMNS = `
  s.id, s.slug, s.title, s.kind, s.status, to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on,
  to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on, s.date_precision, s.part_of_day, s.time_zone, s.venue_name,
  s.venue_address, s.format, s.audience, s.invitation_scope, s.note, s.version,
  hp.id AS host_province_id, hp.name AS host_province_name, hp.code AS host_province_code`;

/** The same folding as foldForSearch in libs/common. */
function fold(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20) });

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== '/sessions') {
    res.writeHead(404).end();
    return;
  }
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`s.status <> 'draft'`];
  for (const word of fold(url.searchParams.get('q') ?? '')
    .split(' ')
    .filter(Boolean)) {
    where.push(`s.search_folded LIKE ${param(`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  }
  const year = url.searchParams.get('year');
  if (year) {
    where.push(
      `s.starts_on <= make_date(${param(Number(year))}::int, 12, 31) AND s.ends_on >= make_date($${params.length}::int, 1, 1)`,
    );
  }
  const sql = `SELECT ${SESSION_COLUMNS}, count(*) OVER () AS total
      FROM training_session s LEFT JOIN province hp ON hp.id = s.host_province_id
     WHERE ${where.join(' AND ')}
     ORDER BY s.starts_on DESC, s.id DESC
     LIMIT ${param(20)} OFFSET ${param(0)}`;
  pool.query(sql, params).then(
    ({ rows }) => {
      const total = rows.length > 0 ? Number(rows[0].total) : 0;
      const body = JSON.stringify({ items: rows, page: { total, limit: 20, offset: 0 } });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    },
    (error: Error) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
    },
  );
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
process.once('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
