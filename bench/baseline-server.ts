import { createServer } from 'node:http';
import { Pool } from 'pg';
// By path: bench is compiled by plain tsc, which does not rewrite the @app aliases; the baseline
// must run exactly the SQL the API builds.
// eslint-disable-next-line no-restricted-imports
import { termsOfFolded } from '../libs/catalogue/src/search/search-query';
// eslint-disable-next-line no-restricted-imports
import { sessionPageSql } from '../libs/catalogue/src/search/session-list.sql';

/**
 * The raw baseline for the session list: node:http + pg, no framework, running the SQL that
 * the API runs for `?q=<words>&year=<year>` (published sessions, a page of 20): the very builder
 * libs/catalogue/src/search/session-list.sql.ts that SessionRepository.list calls, which imports
 * nothing at run time so this process can load it without Nest.
 * Started as its own process so that it, like the API, has an event loop to itself.
 */

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
  const q = url.searchParams.get('q') ?? '';
  const year = url.searchParams.get('year');
  const { sql, params } = sessionPageSql(
    { limit: 20, offset: 0, sort: 'date', order: 'desc', ...(year ? { year: Number(year) } : {}) },
    false,
    termsOfFolded(fold(q)),
  );
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
