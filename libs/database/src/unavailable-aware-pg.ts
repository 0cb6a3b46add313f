import * as pg from 'pg';
import { DatabaseUnavailableError } from '@app/common';

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, release: () => void) => void;

const unavailable = (cause: unknown) =>
  new DatabaseUnavailableError('No database connection could be obtained from the pool.', { cause });

/**
 * pg's pool, except that every failure to hand out a connection (pool exhausted past the connect
 * timeout, server down, refused, terminated while connecting) is a DatabaseUnavailableError: the
 * API maps it to 503 by class, where pg offers only message text to tell these apart.
 */
class UnavailableAwarePool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    if (!callback) {
      return super.connect().catch((error: unknown) => {
        throw unavailable(error);
      });
    }
    super.connect((error, client, release) =>
      callback(error ? unavailable(error) : undefined, client, release as () => void),
    );
  }
}

/** The `pg` module as TypeORM's `driver` option: everything of pg, with the pool above. */
export const unavailableAwarePg: typeof pg = Object.create(pg, {
  Pool: { value: UnavailableAwarePool, enumerable: true },
}) as typeof pg;
