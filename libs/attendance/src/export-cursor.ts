import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** Rows fetched per round trip: large enough that round trips cost little, small enough to hold. */
export const EXPORT_BATCH_ROWS = 2000;

/**
 * The rows of `sql`, a batch at a time, from a cursor declared in a read-only transaction on a
 * dedicated connection: `DECLARE … CURSOR`, then one `FETCH` per batch, only when the consumer
 * asks for the next batch (backpressure reaches the database).
 *
 * Why not a protocol-level portal (pg-cursor / pg-query-stream): PostgreSQL times a portal's
 * statement from Parse until Sync, and pg's read timeout runs from submit to the last row, so
 * the pool's statement and read timeouts (15 s / 17 s) cut any download that takes longer, however
 * steadily it flows: a 1M-row CSV to a client was closed mid-body. Here every FETCH is a
 * statement of its own, timed by `statementTimeoutMs` (EXPORT_STATEMENT_TIMEOUT_MS: the first one
 * includes sorting the whole list, which can take longer than an ordinary statement may).
 * A client that stops reading is cut by the socket's idle timeout, which ends the transaction.
 *
 * Ending the iteration early (a client that went away) rolls back and releases the connection;
 * a connection that failed is released with its error, so the pool discards it.
 */
export async function* cursorBatches<Row extends QueryResultRow = QueryResultRow>(
  dataSource: DataSource,
  sql: string,
  params: unknown[],
  options: { statementTimeoutMs: number; batchRows?: number; rowMode?: 'array' },
): AsyncGenerator<Row[]> {
  const batchRows = options.batchRows ?? EXPORT_BATCH_ROWS;
  // Straight from the app's pg pool (same size, timeouts and settings): a client can be released
  // with an error, which makes the pool close it.
  const client = await ((dataSource.driver as PostgresDriver).master as Pool).connect();
  let open = false;
  let failure: Error | undefined;
  try {
    await client.query('BEGIN READ ONLY');
    open = true;
    // The batch's own budget, on the server and in pg's read timeout (which would cut first).
    const timeoutMs = Math.floor(options.statementTimeoutMs);
    await client.query(`SET LOCAL statement_timeout = ${timeoutMs}`);
    await client.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${sql}`, params);
    const fetch = {
      text: `FETCH ${Number(batchRows)} FROM export_rows`,
      query_timeout: timeoutMs + 2000,
      ...(options.rowMode && { rowMode: 'array' }),
    };
    for (;;) {
      const { rows } = await client.query<Row>(fetch);
      if (rows.length > 0) yield rows;
      if (rows.length < batchRows) break;
    }
    await client.query('COMMIT');
    open = false;
  } catch (error) {
    failure = error as Error;
    throw error;
  } finally {
    if (open && !failure) {
      // Abandoned part way (the response was destroyed): end the transaction before the
      // connection goes back to the pool.
      await client.query('ROLLBACK').catch((error: Error) => (failure = error));
    }
    // With an error, pg-pool closes the connection rather than reuse it (it may be mid-transaction).
    client.release(failure);
  }
}
