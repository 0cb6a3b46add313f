import { bearer, db, query, waitUntil, startTestApp, TestApp, tokenFor, vnDayFromNow } from './support/fixtures';

/**
 * An export the database is slow to start (a long sort of a big list; here a lock held by another
 * transaction): the response is silent until the first batch, and must not be cut meanwhile.
 */
describe('attendance exports: a list the database is slow to start', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Socket idle timeout 1 s; the export's batches may take 10 s.
    t = await startTestApp({ env: { REQUEST_TIMEOUT_MS: '1000', EXPORT_STATEMENT_TIMEOUT_MS: '10000' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('is not cut by the socket idle timeout while no byte is written yet (a long sort, a lock)', async () => {
    const organiser = await tokenFor(t, { role: 'organiser' });
    const sessionId = (
      await t
        .http()
        .post('/api/v1/sessions')
        .set(bearer(organiser))
        .send({ title: 'Hội nghị chờ cơ sở dữ liệu', kind: 'training_conference', startsOn: vnDayFromNow(0) })
        .expect(201)
    ).body.id;
    await query(
      t,
      `INSERT INTO session_part (session_id, position, label, starts_at, ends_at) VALUES ($1, 1, 'Buổi sáng', now(), now() + interval '3 hours')`,
      [sessionId],
    );
    await query(
      t,
      `INSERT INTO registration (session_id, province_id, full_name, name_folded, gender, position, agency, phone,
                                 phone_normalised, status, check_in_code)
       SELECT $1::bigint, (SELECT id FROM province WHERE valid_to IS NULL ORDER BY id LIMIT 1),
              'Trần Thị Chờ ' || g, 'tran thi cho ' || g, 'female', 'Chuyên viên', 'Sở Ngoại vụ',
              '08' || lpad(g::text, 8, '0'), '+848' || lpad(g::text, 8, '0'), 'confirmed', 'wait-' || md5(g::text)
         FROM generate_series(1, 300) g`,
      [sessionId],
    );
    // The database holds the export back: another transaction locks a table the list reads.
    const locker = db(t).createQueryRunner();
    await locker.startTransaction();
    await locker.query('LOCK TABLE attendance IN ACCESS EXCLUSIVE MODE');
    const download = t.http().get(`/api/v1/sessions/${sessionId}/attendance.csv`).set(bearer(organiser));
    const answered = download.then((res) => res);
    await waitUntil(
      async () =>
        (
          await query<{ n: number }>(
            t,
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%export_rows%'`,
          )
        )[0].n === 1,
      'the export waits on the lock',
    );
    // Silent for longer than the socket idle timeout, then the database goes on.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await locker.commitTransaction();
    await locker.release();
    const res = await answered;
    expect(res.status).toBe(200);
    expect(res.text.split('\r\n')).toHaveLength(1 + 300 + 1);
  });
});
