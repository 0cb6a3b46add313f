import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { Client } from 'pg';
import { freePort, JWT_SECRET, percentile, pool } from '../support';

/**
 * Figures 2 and 3 against bench/baseline-api-server.ts: a node:http + pg server that verifies
 * the same token, parses the same JSON and runs the same statements as the API (item 0 of
 * issue 17). The pure-SQL runs in run.ts stay as the floor no HTTP server can beat.
 */

export interface BaselineApi {
  /** Its API root, as SpawnedApi.apiUrl. */
  apiUrl: string;
  stop(): void;
}

export async function startBaselineApi(databaseUrl: string): Promise<BaselineApi> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'baseline-api-server.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), POOL_SIZE: '20', JWT_SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`baseline API server exited ${code}`)));
  });
  return { apiUrl: `http://127.0.0.1:${port}/api/v1`, stop: () => child.kill('SIGTERM') };
}

/** Another part of the check-in session (the next position, same times), for another burst of the same codes. */
export async function extraPart(client: Client, partId: number): Promise<number> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO session_part (session_id, position, label, starts_at, ends_at)
     SELECT p.session_id, (SELECT max(o.position) + 1 FROM session_part o WHERE o.session_id = p.session_id),
            p.label || ' (another burst)', p.starts_at, p.ends_at
       FROM session_part p WHERE p.id = $1 RETURNING id`,
    [partId],
  );
  return Number(rows[0].id);
}

export interface Burst {
  scansPerSecond: number;
  p99: number;
  statuses: Record<string, number>;
}

/** The check-in burst of figure 2: every code once, 100 connections. */
export async function checkInBurst(
  apiUrl: string,
  sessionId: number,
  partId: number,
  codes: string[],
  token: string,
): Promise<Burst> {
  const statuses: Record<string, number> = {};
  let next = 0;
  const instance = autocannon({
    url: `${apiUrl}/sessions/${sessionId}/parts/${partId}/check-ins`,
    method: 'POST',
    connections: 100,
    amount: codes.length,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      { method: 'POST', setupRequest: (request) => ({ ...request, body: JSON.stringify({ code: codes[next++] }) }) },
    ],
  });
  instance.on('response', (_client, statusCode) => {
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  return { scansPerSecond: codes.length / result.duration, p99: result.latency.p99, statuses };
}

/** A session open for registration with the given quotas, made in SQL like the pure-SQL baseline's. */
export async function registrationSession(client: Client, provinceIds: number[], quota: number): Promise<number> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO training_session (slug, title, kind, status, starts_on, ends_on)
     VALUES ('bench-like-for-like-registration', 'Like-for-like registration baseline', 'training_conference',
             'registration_open', current_date + 30, current_date + 30) RETURNING id`,
  );
  const sessionId = Number(rows[0].id);
  await client.query(
    `INSERT INTO registration_settings (session_id, opens_at, closes_at) VALUES ($1, now() - interval '1 hour', now() + interval '1 day')`,
    [sessionId],
  );
  await client.query(`INSERT INTO province_quota (session_id, province_id, quota) SELECT $1, unnest($2::int[]), $3`, [
    sessionId,
    provinceIds,
    quota,
  ]);
  await client.query(`INSERT INTO session_invited_province (session_id, province_id) SELECT $1, unnest($2::int[])`, [
    sessionId,
    provinceIds,
  ]);
  return sessionId;
}

/**
 * Figure 3's burst: every registration at once, one per request, against either server (the
 * API or the like-for-like baseline), with the same bodies.
 */
export async function registrationBurst(
  apiUrl: string,
  sessionId: number,
  requests: { i: number; delegate: { token: string } }[],
) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  await pool(requests, requests.length, async ({ i, delegate }) => {
    const t0 = performance.now();
    const res = await fetch(`${apiUrl}/sessions/${sessionId}/registrations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${delegate.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        fullName: `Cán bộ đăng ký ${i}`,
        agency: 'Ban Tuyên giáo',
        phone: `0977${String(i).padStart(6, '0')}`,
      }),
    });
    await res.arrayBuffer();
    latencies.push(performance.now() - t0);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: requests.length / seconds, p99: percentile(latencies, 99), statuses };
}
