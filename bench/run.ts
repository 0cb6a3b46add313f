import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Client, Pool } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
// By path: bench is compiled by plain tsc, which does not rewrite the @app aliases.
// eslint-disable-next-line no-restricted-imports
import { startEmbeddedPostgres } from '../libs/database/src/embedded/embedded-postgres';
import { addSearchSet, buildDataset, Dataset, exportSql } from './dataset';
import { PHASE_NOTES, startupPhases } from './figures/cold-start';
import * as like from './figures/like-for-like';
import { figureProcesses } from './figures/processes';
import { wanted } from './figures/select';
import { measureCatalogueLoad, median } from './web-load';
import {
  ADMIN,
  api,
  API_MAIN,
  freePort,
  login,
  machine,
  memoryOf,
  percentile,
  pool,
  ROOT,
  sleep,
  spawnApi,
  SpawnedApi,
} from './support';

/**
 * `npm run bench`: builds a synthetic dataset in its own database and measures, in one run on
 * one machine, each figure of issue 6 beside a raw baseline. Prints one table and writes
 * bench/results/latest.json (and latest.md for the README). Targets are reported, not asserted.
 *
 * BENCH_DATABASE_URL: a server to use (its `postgres` maintenance database URL); otherwise an
 * embedded cluster in .data/postgres-bench on port 54360 (BENCH_EMBEDDED_DB_PORT).
 * BENCH_DURATION_S: seconds per autocannon run of figure 1 (default 10).
 * FREE_PORT_RANGE=21100-21199: every server the run starts (API, baselines) listens inside that block.
 */

interface Row {
  figure: string;
  metric: string;
  unit: string;
  ours: number | null;
  baseline: number | null;
  /** ours / baseline. */
  ratio: number | null;
  target?: string;
  met?: boolean | null;
  note?: string;
}

const rows: Row[] = [];
const log = (line: string) => process.stdout.write(`${line}\n`);
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

function add(row: Omit<Row, 'ratio'> & { ratio?: number | null }) {
  const ratio =
    row.ratio !== undefined ? row.ratio : row.ours !== null && row.baseline ? round(row.ours / row.baseline, 2) : null;
  const full = { ...row, ratio };
  rows.push(full);
  log(
    `  ${row.figure} | ${row.metric}: ours ${row.ours ?? '—'} ${row.unit}, baseline ${row.baseline ?? '—'}` +
      `${ratio !== null ? `, ratio ${ratio}` : ''}${row.target ? ` (target ${row.target}: ${row.met ? 'met' : 'NOT met'})` : ''}`,
  );
}

function notAvailable(figure: string, metric: string, why: string) {
  add({ figure, metric, unit: '', ours: null, baseline: null, note: `not available: ${why}` });
}

const DURATION = Number(process.env.BENCH_DURATION_S ?? 10);

// ---------------------------------------------------------------------------------------------
// 1. Catalogue search and filter
// ---------------------------------------------------------------------------------------------
async function figureList(
  apiProcess: SpawnedApi,
  databaseUrl: string,
  figure = '1 list ?q&year',
  query = `/sessions?q=${encodeURIComponent('tập huấn')}&year=2023`,
) {
  const port = await freePort();
  const baseline = spawn(process.execPath, [path.join(__dirname, 'baseline-server.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), POOL_SIZE: '20' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    baseline.stdout?.once('data', () => resolve());
    baseline.once('exit', (code) => reject(new Error(`baseline server exited ${code}`)));
  });
  const baselineUrl = `http://127.0.0.1:${port}`;
  try {
    // Same answer from both, or the comparison means nothing.
    type ListAnswer = { items: { id: string | number }[]; page: { total: number | string } };
    const ours = await api<ListAnswer>(apiProcess.apiUrl, 'GET', query);
    const raw = await api<ListAnswer>(baselineUrl, 'GET', query);
    const same =
      JSON.stringify(ours.items.map((item) => String(item.id))) ===
        JSON.stringify(raw.items.map((item) => String(item.id))) && Number(ours.page.total) === Number(raw.page.total);
    if (!same) throw new Error('the baseline server does not answer the same sessions as the API');
    log(`  list: ${ours.items.length} of ${ours.page.total} sessions match on both servers`);

    const run = async (url: string) => {
      const result = await autocannon({ url: `${url}${query}`, connections: 50, duration: DURATION });
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      return result;
    };
    // Warm both up, then alternate two rounds and keep each side's best: a burst of load from
    // elsewhere on the machine then costs both sides alike, or neither.
    await autocannon({ url: `${apiProcess.apiUrl}${query}`, connections: 50, duration: 3 });
    await autocannon({ url: `${baselineUrl}${query}`, connections: 50, duration: 3 });
    const best = (a: autocannon.Result, b: autocannon.Result) => (a.requests.average >= b.requests.average ? a : b);
    const oursFirst = await run(apiProcess.apiUrl);
    const rawFirst = await run(baselineUrl);
    const oursResult = best(oursFirst, await run(apiProcess.apiUrl));
    const rawResult = best(rawFirst, await run(baselineUrl));
    const ratio = round(oursResult.requests.average / rawResult.requests.average, 2);
    add({
      figure,
      metric: 'requests/s (50 connections)',
      unit: 'req/s',
      ours: round(oursResult.requests.average, 0),
      baseline: round(rawResult.requests.average, 0),
      target: '≥ 0.6 of baseline',
      met: ratio >= 0.6,
    });
    add({
      figure,
      metric: 'p99 latency',
      unit: 'ms',
      ours: oursResult.latency.p99,
      baseline: rawResult.latency.p99,
    });
  } finally {
    baseline.kill('SIGTERM');
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Check-in burst
// ---------------------------------------------------------------------------------------------
async function figureCheckIn(
  apiProcess: SpawnedApi,
  client: Client,
  databaseUrl: string,
  data: Dataset,
  token: string,
) {
  const { sessionId, apiPartId, rawPartId } = data.checkIn;
  const codes = (
    await client.query<{ code: string }>(
      `SELECT check_in_code AS code FROM registration WHERE session_id = $1 ORDER BY id`,
      [sessionId],
    )
  ).rows.map((row) => row.code);
  const probe = await fetch(`${apiProcess.apiUrl}/sessions/${sessionId}/parts/${apiPartId}/check-ins`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  await probe.arrayBuffer();
  if (probe.status === 404) {
    notAvailable('2 check-in burst', '10,000 scans', 'the check-in endpoint is not in this build');
    return;
  }

  const statuses: Record<string, number> = {};
  let next = 0;
  const scan = (list: string[], amount: number) => {
    next = 0;
    const instance = autocannon({
      url: `${apiProcess.apiUrl}/sessions/${sessionId}/parts/${apiPartId}/check-ins`,
      method: 'POST',
      connections: 100,
      amount,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => ({ ...request, body: JSON.stringify({ code: list[next++ % list.length] }) }),
        },
      ],
    });
    instance.on('response', (_client, statusCode) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
    return instance;
  };
  const burst = await scan(codes, codes.length);
  const firstPass = { ...statuses };
  const counted = async (partId: number) =>
    (
      await client.query<{ n: number; distinct: number }>(
        `SELECT count(*)::int AS n, count(DISTINCT registration_id)::int AS distinct
           FROM attendance WHERE part_id = $1 AND undone_at IS NULL`,
        [partId],
      )
    ).rows[0];
  const afterBurst = await counted(apiPartId);
  // Scanning the same people again: every answer "already", nothing added.
  for (const key of Object.keys(statuses)) delete statuses[key];
  await scan(codes.slice(0, 1000), 1000);
  const replay = { ...statuses };
  const afterReplay = await counted(apiPartId);
  const exactlyOnce =
    firstPass['201'] === codes.length &&
    afterBurst.n === codes.length &&
    afterBurst.distinct === codes.length &&
    afterReplay.n === codes.length &&
    replay['200'] === 1000;

  // Raw baseline: the same insert the repository makes, straight through pg, 100 in flight.
  const pgPool = new Pool({ connectionString: databaseUrl, max: 20 });
  const latencies: number[] = [];
  const started = performance.now();
  await pool(codes, 100, async (code) => {
    const t0 = performance.now();
    await pgPool.query(
      `INSERT INTO attendance (part_id, registration_id, status, method, checked_in_at)
       SELECT $1, r.id, 'present', 'code', now() FROM registration r WHERE r.check_in_code = $2
       ON CONFLICT (part_id, registration_id) WHERE undone_at IS NULL AND registration_id IS NOT NULL DO NOTHING`,
      [rawPartId, code],
    );
    latencies.push(performance.now() - t0);
  });
  const rawSeconds = (performance.now() - started) / 1000;
  await pgPool.end();
  const rawCount = await counted(rawPartId);
  latencies.sort((a, b) => a - b);
  // Like for like: node:http + pg verifying the same token and running the same statements.
  const baselineApi = await like.startBaselineApi(databaseUrl);
  const likePart = await like.extraPart(client, apiPartId);
  const likeBurst = await like
    .checkInBurst(baselineApi.apiUrl, sessionId, likePart, codes, token)
    .finally(() => baselineApi.stop());
  const likeCount = await counted(likePart);
  // autocannon's average over whole seconds understates a 10k burst; use count / duration.
  const oursRps = codes.length / burst.duration;
  add({
    figure: '2 check-in burst',
    metric: '10,000 scans, 100 connections (baseline: node:http + pg, same token, JSON and SQL)',
    unit: 'scans/s',
    ours: round(oursRps, 0),
    baseline: round(likeBurst.scansPerSecond, 0),
    target: '≥ 0.6 of baseline',
    met: oursRps / likeBurst.scansPerSecond >= 0.6,
    note: `baseline answers ${JSON.stringify(likeBurst.statuses)}, ${likeCount.distinct} distinct rows`,
  });
  add({
    figure: '2 check-in burst',
    metric: 'p99 latency (same baseline)',
    unit: 'ms',
    ours: burst.latency.p99,
    baseline: likeBurst.p99,
  });
  add({
    figure: '2 check-in burst',
    metric: 'floor: the insert alone through pg, 100 in flight',
    unit: 'scans/s',
    ours: round(oursRps, 0),
    baseline: round(codes.length / rawSeconds, 0),
    note: `p99 ${round(percentile(latencies, 99), 1)} ms`,
  });
  add({
    figure: '2 check-in burst',
    metric: 'recorded exactly once (rows / distinct / scans)',
    unit: 'rows',
    ours: afterReplay.n,
    baseline: rawCount.n,
    ratio: null,
    target: 'zero lost or duplicated',
    met:
      exactlyOnce &&
      rawCount.n === codes.length &&
      rawCount.distinct === codes.length &&
      likeCount.distinct === codes.length,
    note:
      `API: ${JSON.stringify(firstPass)} on the burst, ${afterBurst.distinct} distinct; ` +
      `replay of 1,000: ${JSON.stringify(replay)}, rows still ${afterReplay.n}`,
  });
}

// ---------------------------------------------------------------------------------------------
// 3. Registration contention
// ---------------------------------------------------------------------------------------------
async function figureRegistration(
  apiProcess: SpawnedApi,
  client: Client,
  databaseUrl: string,
  data: Dataset,
  adminToken: string,
  organiserToken: string,
) {
  const QUOTA = 15;
  const TOTAL = 1000;
  const base = apiProcess.apiUrl;
  const delegates = await pool(data.provinceIds, 8, async (provinceId) => {
    const email = `delegate-${provinceId}@bench.local`;
    const password = `delegate-password-${provinceId}`;
    await api(base, 'POST', '/users', {
      token: adminToken,
      body: {
        email,
        password,
        displayName: `Đại biểu ${provinceId}`,
        roles: [{ role: 'province_delegate', provinceId }],
      },
    });
    return { provinceId, token: await login(base, email, password) };
  });
  const session = await api<{ id: number }>(base, 'POST', '/sessions', {
    token: organiserToken,
    body: { title: 'Tập huấn đăng ký đồng thời (benchmark)', kind: 'training_conference', startsOn: '2026-12-10' },
  });
  await api(base, 'PUT', `/sessions/${session.id}/invitations`, {
    token: organiserToken,
    body: { provinceIds: data.provinceIds },
  });
  for (const status of ['scheduled', 'registration_open']) {
    await api(base, 'POST', `/sessions/${session.id}/status`, { token: organiserToken, body: { status } });
  }
  await api(base, 'PUT', `/sessions/${session.id}/registration-settings`, {
    token: organiserToken,
    body: {
      opensAt: new Date(Date.now() - 3600_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      moderated: false,
      quotas: data.provinceIds.map((provinceId) => ({ provinceId, quota: QUOTA })),
    },
  });

  const requests = Array.from({ length: TOTAL }, (_, i) => ({ i, delegate: delegates[i % delegates.length] }));
  const burst = await like.registrationBurst(base, session.id, requests);
  const statuses = burst.statuses;
  const check = async (sessionId: number) =>
    (
      await client.query<{
        over: number;
        mismatched: number;
        registrations: number;
        confirmed: number;
        quotas: number;
      }>(
        `SELECT count(*) FILTER (WHERE q.confirmed_count > q.quota)::int AS over,
                count(*) FILTER (WHERE q.confirmed_count <> c.n)::int AS mismatched,
                (SELECT count(*)::int FROM registration WHERE session_id = $1) AS registrations,
                sum(c.n)::int AS confirmed, count(*)::int AS quotas
           FROM province_quota q
           CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM registration r
                                WHERE r.session_id = q.session_id AND r.province_id = q.province_id
                                  AND r.status = 'confirmed') c
          WHERE q.session_id = $1`,
        [sessionId],
      )
    ).rows[0];
  const ours = await check(session.id);

  // Raw baseline: the conditional UPDATE on the quota and the insert, one transaction each, through pg.
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO training_session (slug, title, kind, status, starts_on, ends_on)
     VALUES ('bench-raw-registration', 'Raw registration baseline', 'training_conference', 'registration_open',
             date '2026-12-10', date '2026-12-10') RETURNING id`,
  );
  const rawSession = Number(rows[0].id);
  await client.query(
    `INSERT INTO registration_settings (session_id, opens_at, closes_at) VALUES ($1, now() - interval '1 hour', now() + interval '1 day')`,
    [rawSession],
  );
  await client.query(`INSERT INTO province_quota (session_id, province_id, quota) SELECT $1, unnest($2::int[]), $3`, [
    rawSession,
    data.provinceIds,
    QUOTA,
  ]);
  const pgPool = new Pool({ connectionString: databaseUrl, max: 20 });
  const rawLatencies: number[] = [];
  const rawStarted = performance.now();
  await pool(requests, TOTAL, async ({ i, delegate }) => {
    const t0 = performance.now();
    const connection = await pgPool.connect();
    try {
      await connection.query('BEGIN');
      const inserted = await connection.query<{ id: string }>(
        `INSERT INTO registration (session_id, province_id, full_name, name_folded, agency, phone, phone_normalised, status)
         VALUES ($1, $2, $3, search_fold($3), 'Ban Tuyên giáo', $4, $4, 'pending') RETURNING id`,
        [rawSession, delegate.provinceId, `Cán bộ đăng ký ${i}`, `0977${String(i).padStart(6, '0')}`],
      );
      const taken = await connection.query<{ n: number }>(
        `WITH taken AS (UPDATE province_quota SET confirmed_count = confirmed_count + 1
                         WHERE session_id = $1 AND province_id = $2 AND confirmed_count < quota RETURNING 1)
         SELECT count(*)::int AS n FROM taken`,
        [rawSession, delegate.provinceId],
      );
      await connection.query(
        `UPDATE registration SET status = $2, waitlisted_at = CASE WHEN $2 = 'waitlisted' THEN now() END WHERE id = $1`,
        [inserted.rows[0].id, taken.rows[0].n === 1 ? 'confirmed' : 'waitlisted'],
      );
      await connection.query('COMMIT');
    } catch (error) {
      await connection.query('ROLLBACK');
      throw error;
    } finally {
      connection.release();
    }
    rawLatencies.push(performance.now() - t0);
  });
  const rawSeconds = (performance.now() - rawStarted) / 1000;
  await pgPool.end();
  rawLatencies.sort((a, b) => a - b);
  const raw = await check(rawSession);
  const expectedConfirmed = data.provinceIds.length * QUOTA;
  // Like for like: node:http + pg verifying the same token and running the same statements.
  const baselineApi = await like.startBaselineApi(databaseUrl);
  const likeSession = await like.registrationSession(client, data.provinceIds, QUOTA);
  const likeLoad = await like
    .registrationBurst(baselineApi.apiUrl, likeSession, requests)
    .finally(() => baselineApi.stop());
  const likeCheck = await check(likeSession);
  add({
    figure: '3 registration contention',
    metric: `${TOTAL} concurrent registrations, ${data.provinceIds.length} quotas of ${QUOTA} (baseline: node:http + pg, same token, JSON and SQL)`,
    unit: 'reg/s',
    ours: round(burst.perSecond, 0),
    baseline: round(likeLoad.perSecond, 0),
    target: '≥ 0.6 of baseline',
    met: burst.perSecond / likeLoad.perSecond >= 0.6 && statuses['201'] === TOTAL,
    note: `baseline answers ${JSON.stringify(likeLoad.statuses)}; ${likeCheck.over + likeCheck.mismatched} quotas off`,
  });
  add({
    figure: '3 registration contention',
    metric: 'p99 latency (same baseline)',
    unit: 'ms',
    ours: round(burst.p99, 1),
    baseline: round(likeLoad.p99, 1),
  });
  add({
    figure: '3 registration contention',
    metric: 'floor: insert, quota update and status through pg, one transaction each',
    unit: 'reg/s',
    ours: round(burst.perSecond, 0),
    baseline: round(TOTAL / rawSeconds, 0),
    note: `p99 ${round(percentile(rawLatencies, 99), 1)} ms`,
  });
  add({
    figure: '3 registration contention',
    metric: 'quotas exceeded / counters off',
    unit: 'quotas',
    ours: ours.over + ours.mismatched,
    baseline: raw.over + raw.mismatched,
    ratio: null,
    target: 'none exceeded',
    met: ours.over === 0 && ours.mismatched === 0 && ours.confirmed === expectedConfirmed && statuses['201'] === TOTAL,
    note:
      `API answers ${JSON.stringify(statuses)}; ${ours.registrations} stored, ${ours.confirmed} confirmed ` +
      `(= ${data.provinceIds.length} × ${QUOTA}), rest waitlisted`,
  });
}

// ---------------------------------------------------------------------------------------------
// 4. Exports and memory
// ---------------------------------------------------------------------------------------------
async function download(url: string, token: string, pid?: number) {
  let peakRss = 0;
  const sampler =
    pid !== undefined
      ? setInterval(() => {
          try {
            peakRss = Math.max(peakRss, memoryOf(pid).rssMB);
          } catch {
            // process gone
          }
        }, 20)
      : undefined;
  const started = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    for (const byte of value) if (byte === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  if (sampler) clearInterval(sampler);
  return { seconds, bytes, lines, peakRss };
}

async function copyOut(databaseUrl: string, sql: string) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    const stream = client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv, HEADER)`));
    let bytes = 0;
    let lines = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) lines++;
    }
    return { seconds: (performance.now() - started) / 1000, bytes, lines };
  } finally {
    await client.end();
  }
}

/** Resets the kernel's peak-RSS mark (VmHWM) of a process, so the next peak is the export's own. */
async function resetPeak(pid: number): Promise<boolean> {
  try {
    await fs.writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

async function figureExports(databaseUrl: string, data: Dataset, organiser: { email: string; password: string }) {
  const sizes = [
    { label: '10k', rows: 10_000, path: `/sessions/${data.export10k.sessionId}/attendance` },
    {
      label: '100k',
      rows: 100_000,
      path: `/sessions/${data.export100k.sessionId}/attendance`,
      query: `?part=${data.export100k.firstPartId}`,
    },
    { label: '1M', rows: 1_000_000, path: `/sessions/${data.export100k.sessionId}/attendance` },
  ];
  const peaks: Record<string, number> = {};
  const xlsxPeaks: Record<string, number> = {};
  for (const size of sizes) {
    // A fresh API process per size, so each peak belongs to one export.
    const apiProcess = await spawnApi({ DATABASE_URL: databaseUrl, SEED_ON_START: 'never' });
    try {
      const pid = apiProcess.child.pid!;
      const token = await login(apiProcess.apiUrl, organiser.email, organiser.password);
      const probe = await fetch(`${apiProcess.apiUrl}${size.path}.csv?province=${data.provinceIds[0]}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await probe.arrayBuffer();
      if (probe.status === 404) {
        notAvailable('4 export', `${size.label} rows`, 'the attendance export endpoints are not in this build');
        return;
      }
      // Warm-up: code paths loaded and JIT-compiled on a small export, then settle.
      await download(`${apiProcess.apiUrl}${size.path}.xlsx?province=${data.provinceIds[0]}`, token);
      await sleep(500);
      const idle = memoryOf(pid).rssMB;
      const resettable = await resetPeak(pid);
      const csv = await download(`${apiProcess.apiUrl}${size.path}.csv${size.query ?? ''}`, token, pid);
      const peak = Math.max(csv.peakRss, resettable ? memoryOf(pid).hwmMB : 0);
      peaks[size.label] = peak;
      if (csv.lines < size.rows) throw new Error(`CSV export of ${size.label} had ${csv.lines} lines`);
      add({
        figure: '4 export memory',
        metric: `API peak RSS during CSV export of ${size.label} rows`,
        unit: 'MB',
        ours: round(peak, 0),
        baseline: round(idle, 0),
        ratio: null,
        note: `baseline column: the same process idle before the export; ${round(csv.bytes / 2 ** 20, 1)} MiB in ${round(csv.seconds, 2)} s`,
      });
      if (size.label === '100k') {
        const sql = exportSql(data.export100k.sessionId, data.export100k.firstPartId);
        const copy = await copyOut(databaseUrl, sql);
        const again = await download(`${apiProcess.apiUrl}${size.path}.csv${size.query}`, token);
        const csvSeconds = Math.min(csv.seconds, again.seconds);
        add({
          figure: '4 export 100k rows',
          metric: 'CSV download vs COPY (same query) TO STDOUT',
          unit: 's',
          ours: round(csvSeconds, 2),
          baseline: round(copy.seconds, 2),
          target: '≤ 1.5× COPY',
          met: csvSeconds <= copy.seconds * 1.5,
          note: `${csv.lines} vs ${copy.lines} lines; ${round(csv.bytes / 2 ** 20, 1)} vs ${round(copy.bytes / 2 ** 20, 1)} MiB`,
        });
        const xlsx = await download(`${apiProcess.apiUrl}${size.path}.xlsx${size.query}`, token, pid);
        add({
          figure: '4 export 100k rows',
          metric: 'XLSX download vs COPY (same query) TO STDOUT',
          unit: 's',
          ours: round(xlsx.seconds, 2),
          baseline: round(copy.seconds, 2),
          target: '≤ 4× COPY',
          met: xlsx.seconds <= copy.seconds * 4,
          note: `${round(xlsx.bytes / 2 ** 20, 1)} MiB; API peak RSS ${round(xlsx.peakRss, 0)} MB`,
        });
      }
    } finally {
      await apiProcess.stop();
    }
    // The XLSX peak the same way, in a fresh process of its own: the CSV's peak would mask it.
    const xlsxProcess = await spawnApi({ DATABASE_URL: databaseUrl, SEED_ON_START: 'never' });
    try {
      const pid = xlsxProcess.child.pid!;
      const token = await login(xlsxProcess.apiUrl, organiser.email, organiser.password);
      await download(`${xlsxProcess.apiUrl}${size.path}.xlsx?province=${data.provinceIds[0]}`, token);
      await sleep(500);
      const idle = memoryOf(pid).rssMB;
      const resettable = await resetPeak(pid);
      const xlsx = await download(`${xlsxProcess.apiUrl}${size.path}.xlsx${size.query ?? ''}`, token, pid);
      const peak = Math.max(xlsx.peakRss, resettable ? memoryOf(pid).hwmMB : 0);
      xlsxPeaks[size.label] = peak;
      add({
        figure: '4 export memory',
        metric: `API peak RSS during XLSX export of ${size.label} rows`,
        unit: 'MB',
        ours: round(peak, 0),
        baseline: round(idle, 0),
        ratio: null,
        note: `baseline column: the same process idle before the export; ${round(xlsx.bytes / 2 ** 20, 1)} MiB in ${round(xlsx.seconds, 2)} s`,
      });
    } finally {
      await xlsxProcess.stop();
    }
  }
  if (peaks['10k'] !== undefined && peaks['1M'] !== undefined) {
    const growth = round(peaks['1M'] - peaks['10k'], 1);
    add({
      figure: '4 export memory',
      metric: 'peak RSS growth, 10k → 1M rows (CSV)',
      unit: 'MB',
      ours: growth,
      baseline: null,
      target: '< 64 MB',
      met: growth < 64,
      note: `100k peak ${round(peaks['100k'], 0)} MB`,
    });
  }
  if (xlsxPeaks['10k'] !== undefined && xlsxPeaks['1M'] !== undefined) {
    const growth = round(xlsxPeaks['1M'] - xlsxPeaks['10k'], 1);
    add({
      figure: '4 export memory',
      metric: 'peak RSS growth, 10k → 1M rows (XLSX)',
      unit: 'MB',
      ours: growth,
      baseline: null,
      target: '< 64 MB',
      met: growth < 64,
      note: `100k peak ${round(xlsxPeaks['100k'], 0)} MB`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// 5. Cold start
// ---------------------------------------------------------------------------------------------
async function figureColdStart() {
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const apiDir = path.join(ROOT, `.data/bench-cold-api-${stamp}`);
  const pgDir = path.join(ROOT, `.data/bench-cold-pg-${stamp}`);
  const cleanup = async (dir: string) => {
    for (const leftover of [dir, `${dir}.password`, `${dir}.owner`])
      await fs.rm(leftover, { recursive: true, force: true });
  };
  try {
    const env = {
      EMBEDDED_DB_DIR: apiDir,
      EMBEDDED_DB_PORT: String(await freePort()),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      // The timed start-up phases are logged at info level.
      LOG_LEVEL: 'info',
    };
    const first = await spawnApi(env);
    await first.stop();
    const second = await spawnApi(env);
    await second.stop();

    const pgPort = await freePort();
    let started = performance.now();
    let pg = await startEmbeddedPostgres({ dataDir: pgDir, port: pgPort, durable: true });
    const pgCold = performance.now() - started;
    await pg.stop();
    started = performance.now();
    pg = await startEmbeddedPostgres({ dataDir: pgDir, port: pgPort, durable: true });
    const pgWarm = performance.now() - started;
    await pg.stop();

    add({
      figure: '5 cold start',
      metric: 'fresh data folder → /health/ready 200',
      unit: 's',
      ours: round(first.readyMs / 1000, 2),
      baseline: round(pgCold / 1000, 2),
      note: 'ours: initdb, PostgreSQL start, migrations, seed, first admin, Nest boot; baseline: initdb + PostgreSQL start alone',
    });
    add({
      figure: '5 cold start',
      metric: 'existing data folder → /health/ready 200',
      unit: 's',
      ours: round(second.readyMs / 1000, 2),
      baseline: round(pgWarm / 1000, 2),
      note: 'baseline: PostgreSQL start alone on the same folder',
    });
    for (const phase of startupPhases(second.output())) {
      add({
        figure: '5 cold start',
        metric: `existing folder, phase: ${phase.name}`,
        unit: 'ms',
        ours: phase.ms,
        baseline: null,
        note: PHASE_NOTES[phase.name],
      });
    }
  } finally {
    await cleanup(apiDir);
    await cleanup(pgDir);
  }
}

// ---------------------------------------------------------------------------------------------

function table(): string {
  const header = ['figure', 'metric', 'ours', 'baseline', 'ratio', 'target'];
  const lines = rows.map((row) => [
    row.figure,
    row.metric,
    row.ours === null ? 'n/a' : `${row.ours} ${row.unit}`,
    row.baseline === null ? '—' : `${row.baseline} ${row.unit}`,
    row.ratio === null ? '—' : String(row.ratio),
    row.target
      ? `${row.target}: ${row.met ? 'met' : 'not met'}`
      : row.note?.startsWith('not available')
        ? row.note
        : '',
  ]);
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...lines.map((line) => `| ${line.join(' | ')} |`),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// 6 and 7. Requests that cost the server more than the sender (issue 11, items 1 and 2)
// ---------------------------------------------------------------------------------------------
async function timedStatuses(count: number, call: () => Promise<number>): Promise<{ ms: number[]; failed: number }> {
  const ms: number[] = [];
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    if ((await call()) !== 200) failed++;
    ms.push(performance.now() - t0);
  }
  return { ms: ms.sort((a, b) => a - b), failed };
}

/** Runs `attack` on `parallel` loops while `measure` runs; the attack's own statuses are returned. */
async function underAttack<T>(parallel: number, attack: (i: number) => Promise<number>, measure: () => Promise<T>) {
  let attacking = true;
  const statuses: number[] = [];
  const loops = Array.from({ length: parallel }, async (_, i) => {
    while (attacking) statuses.push(await attack(i).catch(() => 0));
  });
  try {
    return { measured: await measure(), statuses };
  } finally {
    attacking = false;
    await Promise.all(loops);
  }
}

async function figureResilience(apiProcess: SpawnedApi, token: string) {
  const me = () =>
    fetch(`${apiProcess.apiUrl}/auth/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
  const health = () => fetch(`${apiProcess.baseUrl}/health`).then((r) => r.status);

  // 66 distinct two-character words: the worst search under the 200-character cap.
  const worst = Array.from({ length: 66 }, (_, i) => `${'abcdefghijklmnopqrstuvwxyz'[i % 26]}${i % 10}`).join(' ');
  const searches = ['organisations', 'documents', 'people', 'sessions', 'provinces'];
  const search = (i: number) =>
    fetch(`${apiProcess.apiUrl}/${searches[i % searches.length]}?q=${encodeURIComponent(worst)}`).then((r) => r.status);
  const alone = await timedStatuses(100, me);
  const flood = await underAttack(50, search, () => timedStatuses(100, me));
  add({
    figure: '6 search flood',
    metric: '/auth/me p99 during 50 parallel worst-case searches (baseline: alone)',
    unit: 'ms',
    ours: round(percentile(flood.measured.ms, 99), 1),
    baseline: round(percentile(alone.ms, 99), 1),
    target: 'no 503',
    met: flood.measured.failed === 0 && flood.statuses.every((status) => status === 200),
    note: `${flood.statuses.length} searches answered`,
  });

  const body = `{${Array.from({ length: 90_000 }, (_, i) => `"k${i}":0`).join(',')}}`;
  const post = () =>
    fetch(`${apiProcess.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    }).then((r) => r.status);
  const healthAlone = await timedStatuses(50, health);
  const keys = await underAttack(10, post, () => timedStatuses(50, health));
  add({
    figure: '7 many-key JSON',
    metric: 'max /health latency during 10 parallel 90,000-key bodies (baseline: alone)',
    unit: 'ms',
    ours: round(keys.measured.ms[keys.measured.ms.length - 1], 1),
    baseline: round(healthAlone.ms[healthAlone.ms.length - 1], 1),
    target: 'every body 413',
    met: keys.statuses.every((status) => status === 413),
    note: `${keys.statuses.length} bodies answered`,
  });
}

// ---------------------------------------------------------------------------------------------
// 8. The web app's catalogue in a browser
// ---------------------------------------------------------------------------------------------
async function figureCatalogueLoad(apiProcess: SpawnedApi) {
  const load = await measureCatalogueLoad(apiProcess.baseUrl);
  add({
    figure: '8 web catalogue',
    metric: `first contentful paint, median of ${load.loads} cold loads`,
    unit: 'ms',
    ours: round(median(load.fcpMs), 0),
    baseline: null,
    note: `range ${round(Math.min(...load.fcpMs), 0)}–${round(Math.max(...load.fcpMs), 0)} ms; headless Chromium, no throttling`,
  });
  add({
    figure: '8 web catalogue',
    metric: 'result count shown (catalogue answered), median',
    unit: 'ms',
    ours: round(median(load.readyMs), 0),
    baseline: null,
  });
  add({
    figure: '8 web catalogue',
    metric: `JavaScript loaded by / (${load.scripts} files), gzip (baseline: the budget)`,
    unit: 'kB',
    ours: round(load.jsGzipBytes / 1024, 1),
    baseline: 300,
    target: '≤ 300 kB gzip',
    met: load.jsGzipBytes <= 300 * 1024,
    note: `${round(load.jsBytes / 1024, 0)} kB as served (uncompressed)`,
  });
}

async function main() {
  if (!existsSync(API_MAIN)) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  const started = performance.now();
  const host = machine();
  log(`machine: ${host.nproc} × ${host.cpu}, ${host.ramGiB} GiB RAM, Node ${host.node}`);

  let adminUrl = process.env.BENCH_DATABASE_URL;
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(ROOT, '.data/postgres-bench'),
      port: Number(process.env.BENCH_EMBEDDED_DB_PORT ?? 54360),
      durable: true,
    });
    adminUrl = embedded.adminUrl;
  }
  const database = 'ttdn_bench';
  const databaseUrl = (() => {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    return url.toString();
  })();
  let apiProcess: SpawnedApi | undefined;
  const client = new Client({ connectionString: databaseUrl });
  try {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
    const [{ server_version: pgVersion }] = (await admin.query<{ server_version: string }>('SHOW server_version')).rows;
    await admin.end();

    log('starting the API on the bench database (migrations, seed)…');
    apiProcess = await spawnApi({
      DATABASE_URL: databaseUrl,
      SEED_ON_START: 'always',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      // 1,000 registrations at once wait for a pooled connection, as the baselines' pg pools do,
      // instead of being answered 503 after the default connect timeout on a loaded machine.
      DB_CONNECT_TIMEOUT_MS: '60000',
    });
    await client.connect();
    log('building the synthetic dataset…');
    const t0 = performance.now();
    const data = await buildDataset(client);
    log(
      `  ${data.registrations} registrations, ${data.attendance} attendance rows, ${data.provinceIds.length} current provinces in ${round((performance.now() - t0) / 1000, 1)} s`,
    );
    const adminToken = await login(apiProcess.apiUrl, ADMIN.email, ADMIN.password);
    const organiser = { email: 'bench-organiser@bench.local', password: 'bench-organiser-password' };
    await api(apiProcess.apiUrl, 'POST', '/users', {
      token: adminToken,
      body: { ...organiser, displayName: 'Ban tổ chức', roles: [{ role: 'organiser' }] },
    });
    const organiserToken = await login(apiProcess.apiUrl, organiser.email, organiser.password);

    if (wanted('1')) {
      log('figure 1: session list…');
      await figureList(apiProcess, databaseUrl);
      log('figure 1b: search over 10,000 sessions…');
      const searchSessions = await addSearchSet(client, data.provinceIds);
      log(`  ${searchSessions} sessions`);
      await figureList(
        apiProcess,
        databaseUrl,
        '1b search, 10,000 sessions',
        `/sessions?q=${encodeURIComponent('tập huấn đối ngoại 2024')}`,
      );
      await figureList(
        apiProcess,
        databaseUrl,
        '1c search by number, 10,000 sessions',
        `/sessions?q=${encodeURIComponent('hội nghị tập huấn số 4322')}`,
      );
    }
    if (wanted('2')) log('figure 2: check-in burst…');
    if (wanted('2')) await figureCheckIn(apiProcess, client, databaseUrl, data, organiserToken);
    if (wanted('3')) log('figure 3: registration contention…');
    if (wanted('3')) await figureRegistration(apiProcess, client, databaseUrl, data, adminToken, organiserToken);
    if (wanted('6')) log('figures 6 and 7: search flood, many-key JSON…');
    if (wanted('6')) await figureResilience(apiProcess, organiserToken);
    if (wanted('8')) log('figure 8: the web catalogue in a browser…');
    if (wanted('8')) await figureCatalogueLoad(apiProcess);
    await apiProcess.stop();
    apiProcess = undefined;
    if (wanted('9')) log('figure 9: 1 vs 2 API processes…');
    if (wanted('9')) await figureProcesses(databaseUrl, client, data, organiser, add);
    if (wanted('4')) log('figure 4: exports…');
    if (wanted('4')) await figureExports(databaseUrl, data, organiser);
    if (wanted('5')) log('figure 5: cold start…');
    if (wanted('5')) await figureColdStart();

    const result = {
      ranAt: new Date().toISOString(),
      machine: {
        ...host,
        postgres: pgVersion,
        database: process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : 'embedded (fsync on)',
      },
      dataset: {
        sessions: 200,
        searchSessions: 10_000,
        provinces: data.provinceIds.length,
        registrations: data.registrations,
        attendance: data.attendance,
      },
      seconds: round((performance.now() - started) / 1000, 0),
      rows,
    };
    const folder = path.join(ROOT, 'bench/results');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    const markdown =
      `Measured ${result.ranAt.slice(0, 10)} on ${host.nproc} × ${host.cpu}, ${host.ramGiB} GiB RAM, ` +
      `Node ${host.node}, PostgreSQL ${pgVersion} (${result.machine.database}); dataset: 200 sessions, ` +
      `${data.registrations.toLocaleString('en')} registrations, ${data.attendance.toLocaleString('en')} attendance rows; ` +
      `whole run ${result.seconds} s.\n\n${table()}\n`;
    writeFileSync(path.join(folder, 'latest.md'), markdown);
    log(`\n${table()}\n`);
    log(`written bench/results/latest.json and latest.md (${result.seconds} s)`);
  } finally {
    await client.end().catch(() => undefined);
    await apiProcess?.stop();
    await embedded?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
