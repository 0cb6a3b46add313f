import type { Readable } from 'node:stream';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
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

/**
 * `COPY (sql) TO STDOUT WITH (FORMAT csv)` in a read-only transaction on a dedicated connection:
 * PostgreSQL's CSV bytes as they arrive, read only as fast as the consumer asks (the socket is
 * paused meanwhile, and the server waits). COPY takes no parameters: `sql` has its values inline.
 *
 * A COPY is one statement however long the download, so the server's statement timeout (and pg's
 * read timeout, which runs to the last byte) are off for it; `statementTimeoutMs` bounds instead
 * each wait for the database here, as it bounds each FETCH of {@link cursorBatches}: the first
 * bytes (after the sort) and every later chunk the consumer is waiting for. A consumer that stops
 * reading is cut by the socket's idle timeout, like a cursor's.
 *
 * Ending the iteration early (a client that went away, a wait that timed out) cannot wait for the
 * COPY to finish: the connection is released with an error, so the pool closes it, and the server
 * ends the statement when it next writes (or, while it still sorts, within the connection check).
 */
export async function* copyCsv(
  dataSource: DataSource,
  sql: string,
  options: { statementTimeoutMs: number },
): AsyncGenerator<Buffer> {
  const client = (await ((dataSource.driver as PostgresDriver).master as Pool).connect()) as PoolClient;
  let failure: Error | undefined;
  let finished = false;
  try {
    await client.query('BEGIN READ ONLY');
    await client.query('SET LOCAL statement_timeout = 0');
    // A backend still sorting for a client that went away notices within a second.
    await client.query('SET LOCAL client_connection_check_interval = 1000');
    // pg's read timeout is the connection's (statement timeout + 2 s) unless a query sets its own:
    // none for the COPY (0 is "the connection's"), so it is lifted around the one call that reads it.
    const parameters = (client as unknown as { connectionParameters: { query_timeout?: number } }).connectionParameters;
    const readTimeout = parameters.query_timeout;
    let copy: Readable;
    try {
      parameters.query_timeout = undefined;
      copy = client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv)`));
    } finally {
      parameters.query_timeout = readTimeout;
    }
    // pg reports a connection closed under the COPY to it after the iteration below has let go.
    copy.on('error', () => undefined);
    const chunks = copy[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const waitMs = Math.floor(options.statementTimeoutMs);
    for (;;) {
      const timer = setTimeout(
        () => copy.destroy(new Error(`export: the database sent nothing for ${waitMs} ms`)),
        waitMs,
      );
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } finally {
        clearTimeout(timer);
      }
      if (next.done) break;
      yield next.value;
    }
    await client.query('COMMIT');
    finished = true;
  } catch (error) {
    failure = error as Error;
    throw error;
  } finally {
    // Mid-COPY (abandoned, or failed) the connection cannot be reused: released with an error,
    // the pool closes it.
    client.release(finished ? undefined : (failure ?? new Error('export: COPY abandoned part way')));
  }
}
