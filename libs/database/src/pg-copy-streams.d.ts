// pg-copy-streams ships no types: what the export and the bench use of it.
declare module 'pg-copy-streams' {
  import type { Readable } from 'node:stream';
  import type { Submittable } from 'pg';
  export function to(sql: string): Readable & Submittable;
}
