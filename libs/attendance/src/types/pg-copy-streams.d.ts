// pg-copy-streams ships no typings; the export streams COPY … TO STDOUT with it.
declare module 'pg-copy-streams' {
  import type { Readable } from 'node:stream';
  import type { Submittable } from 'pg';
  export function to(sql: string): Readable & Submittable;
}
