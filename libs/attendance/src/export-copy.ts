import type { Readable } from 'node:stream';
import type { Pool, PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * `COPY (sql) TO STDOUT WITH (FORMAT csv | binary)` in a read-only transaction on a dedicated
 * connection: PostgreSQL's CSV (or binary tuples, for the XLSX) as they arrive, read only as fast
 * as the consumer asks (the socket is paused meanwhile, and the server waits). COPY takes no parameters: `sql` has its values inline.
 *
 * A COPY is one statement however long the download, so the server's statement timeout (and pg's
 * read timeout, which runs to the last byte) are off for it: they would cut a 1M-row list read
 * slowly by a client mid-body, however steadily it flows. `statementTimeoutMs`
 * (EXPORT_STATEMENT_TIMEOUT_MS) bounds instead each wait for the database here: the first bytes
 * (after sorting the whole list, which can take longer than an ordinary statement may) and every
 * later chunk the consumer is waiting for. A consumer that stops reading is cut by the socket's
 * idle timeout.
 *
 * Ending the iteration early (a client that went away, a wait that timed out) cannot wait for the
 * COPY to finish: the connection is released with an error, so the pool closes it, and the server
 * ends the statement when it next writes (or, while it still sorts, within the connection check).
 */
export async function* copyOut(
  dataSource: DataSource,
  sql: string,
  options: { statementTimeoutMs: number; format: 'csv' | 'binary' },
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
      copy = client.query(
        copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT ${options.format === 'csv' ? 'csv' : 'binary'})`),
      );
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
