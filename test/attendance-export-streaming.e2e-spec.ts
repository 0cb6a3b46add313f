import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearer, db, query, waitUntil, startTestApp, TestApp, tokenFor, vnDayFromNow } from './support/fixtures';

/**
 * A long download read slowly (a big list over a slow line): every row arrives, however long it
 * takes, as long as the client keeps reading. The request, socket-idle and database timeouts are
 * made small here so that the download outlasts each of them several times over.
 */
describe('attendance exports: a long, slowly read download completes', () => {
  const PEOPLE = 5_000;
  /** Long agency names: 20 MB in all, far more than the socket buffers hold, so the server waits on the client. */
  const AGENCY = `Sở Ngoại vụ ${'và Ban Tuyên giáo '.repeat(110)}`;
  const PARTS = 2;
  let t: TestApp;
  let organiser: string;
  let sessionId: number;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        // Socket idle (Fastify connectionTimeout) and request timeout: 1 s.
        REQUEST_TIMEOUT_MS: '1000',
        // Statement timeout 1 s (and the pool's read timeout 3 s).
        DB_STATEMENT_TIMEOUT_MS: '1000',
        // And each batch of the export's cursor: 1 s (the download as a whole takes far longer).
        EXPORT_STATEMENT_TIMEOUT_MS: '1000',
      },
    });
    organiser = await tokenFor(t, { role: 'organiser' });
    sessionId = (
      await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(organiser))
        .send({ title: 'Hội nghị tập huấn đông người', kind: 'training_conference', startsOn: vnDayFromNow(0) })
        .expect(201)
    ).body.id;
    // The rows are made in one go, without this file's tiny statement timeout.
    await db(t).transaction(async (manager) => {
      await manager.query(`SET LOCAL statement_timeout = 0`);
      await manager.query(
        `INSERT INTO session_part (session_id, position, label, starts_at, ends_at)
       SELECT $1, g, 'Buổi ' || g, now() + g * interval '4 hours', now() + g * interval '4 hours' + interval '3 hours'
         FROM generate_series(1, $2::int) g`,
        [sessionId, PARTS],
      );
      await manager.query(
        `INSERT INTO registration (session_id, province_id, full_name, name_folded, gender, position, agency, phone,
                                 phone_normalised, status, check_in_code)
       SELECT $1::bigint, (SELECT id FROM province WHERE valid_to IS NULL ORDER BY id LIMIT 1),
              'Nguyễn Văn Người ' || g, 'nguyen van nguoi ' || g, 'male', 'Chuyên viên', $3 || g,
              '09' || lpad(g::text, 8, '0'), '+849' || lpad(g::text, 8, '0'), 'confirmed', 'slow-' || md5(g::text)
         FROM generate_series(1, $2::int) g`,
        [sessionId, PEOPLE, AGENCY],
      );
    });
    const server = t.app.getHttpServer() as http.Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  /** GETs `path`, reading one chunk then pausing `pauseMs`, until the body ends; resolves the body. */
  const slowDownload = (path: string, pauseMs: number) =>
    new Promise<{ status: number; body: Buffer; pauses: number }>((resolve, reject) => {
      const request = http.get(`${baseUrl}${path}`, { headers: bearer(organiser) }, (res) => {
        const chunks: Buffer[] = [];
        let pauses = 0;
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          res.pause();
          pauses++;
          setTimeout(() => res.resume(), pauseMs);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), pauses }));
        res.on('error', reject);
        res.on('aborted', () => reject(new Error(`the API closed the connection after ${pauses} chunks`)));
      });
      request.on('error', reject);
    });

  it('CSV: every row arrives, in order, to a client that reads slowly for longer than every timeout', async () => {
    const { status, body, pauses } = await slowDownload(`/api/v1/sessions/${sessionId}/attendance.csv`, 10);
    expect(status).toBe(200);
    const lines = body.toString('utf8').split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + PEOPLE * PARTS + 1);
    expect(lines[0]).toMatch(/^\uFEFFTỉnh\/Thành phố,Họ và tên/);
    // Every person once per part.
    const names = new Set(lines.slice(1, -1).map((line) => line.split(',').slice(1, 6).join('|')));
    expect(names.size).toBe(PEOPLE * PARTS);
    // Read in many pieces, each followed by a pause: the download spans many pauses.
    expect(pauses).toBeGreaterThan(50);
  }, 300_000);

  it.each(['csv', 'xlsx'])(
    '%s: a client that goes away part way frees its database connection (no transaction left open)',
    async (format) => {
      await new Promise<void>((resolve, reject) => {
        const request = http.get(`${baseUrl}/api/v1/sessions/${sessionId}/attendance.${format}`, {
          headers: bearer(organiser),
        });
        request.on('response', (res) => {
          res.once('data', () => {
            request.destroy();
            resolve();
          });
        });
        request.on('error', (error) =>
          (error as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(error),
        );
      });
      await waitUntil(async () => {
        const open = await query<{ n: number }>(
          t,
          `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE '%export_rows%'
            AND state <> 'idle'`,
        );
        return open[0].n === 0;
      }, 'the abandoned export has ended its transaction');
      // Exports still work: the connection went back to the pool clean, or was discarded.
      const absent = await t
        .http()
        .get(`/api/v1/sessions/${sessionId}/attendance.csv?status=absent`)
        .set(bearer(organiser))
        .expect(200);
      expect(absent.text.split('\r\n')).toHaveLength(2);
    },
  );
});
