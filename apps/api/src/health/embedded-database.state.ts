import type { EmbeddedPostgresState } from '@app/database';

/** What liveness needs to know of the embedded PostgreSQL this process supervises (injection token too). */
export abstract class EmbeddedDatabaseState {
  abstract state(): EmbeddedPostgresState;
}
