import autocannon from 'autocannon';
import { Client } from 'pg';
import type { Dataset } from '../dataset';
import { ADMIN, login, spawnApi } from '../support';
import { checkInBurst, extraPart } from './like-for-like';

type Add = (row: {
  figure: string;
  metric: string;
  unit: string;
  ours: number | null;
  baseline: number | null;
  note?: string;
}) => void;

const round = (value: number) => Math.round(value);

/**
 * Figure 9 (issue 17): list and check-in throughput of the API run as 1 and as 2 processes
 * (WEB_CONCURRENCY, node:cluster sharing the port) on the bench database. "ours" is 2
 * processes, "baseline" 1; on 2 cores shared with PostgreSQL and the load generator, expect
 * well under 2×.
 */
export async function figureProcesses(
  databaseUrl: string,
  client: Client,
  data: Dataset,
  organiser: { email: string; password: string },
  add: Add,
) {
  const { sessionId, apiPartId } = data.checkIn;
  const codes = (
    await client.query<{ code: string }>(
      `SELECT check_in_code AS code FROM registration WHERE session_id = $1 ORDER BY id`,
      [sessionId],
    )
  ).rows.map((row) => row.code);
  const query = `/sessions?q=${encodeURIComponent('tập huấn')}&year=2023`;
  const measured: Record<number, { list: number; checkIn: number }> = {};
  for (const processes of [1, 2]) {
    const api = await spawnApi({
      DATABASE_URL: databaseUrl,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      WEB_CONCURRENCY: String(processes),
    });
    try {
      const token = await login(api.apiUrl, organiser.email, organiser.password);
      await autocannon({ url: `${api.apiUrl}${query}`, connections: 50, duration: 3 });
      const list = await autocannon({ url: `${api.apiUrl}${query}`, connections: 50, duration: 10 });
      if (list.non2xx > 0 || list.errors > 0)
        throw new Error(`list with ${processes} processes: ${list.non2xx} non-2xx`);
      const part = await extraPart(client, apiPartId);
      const burst = await checkInBurst(api.apiUrl, sessionId, part, codes, token);
      if ((burst.statuses['201'] ?? 0) !== codes.length)
        throw new Error(`check-in with ${processes} processes: ${JSON.stringify(burst.statuses)}`);
      measured[processes] = { list: list.requests.average, checkIn: burst.scansPerSecond };
    } finally {
      await api.stop();
    }
  }
  add({
    figure: '9 processes',
    metric: 'list requests/s, 2 API processes (baseline: 1)',
    unit: 'req/s',
    ours: round(measured[2].list),
    baseline: round(measured[1].list),
  });
  add({
    figure: '9 processes',
    metric: 'check-in burst scans/s, 2 API processes (baseline: 1)',
    unit: 'scans/s',
    ours: round(measured[2].checkIn),
    baseline: round(measured[1].checkIn),
  });
}
