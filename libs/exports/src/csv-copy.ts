import { Transform, type TransformCallback } from 'node:stream';
import { EXPORT_TIME_ZONE } from './columns';

/**
 * Helpers for CSV that PostgreSQL formats itself (`COPY (…) TO STDOUT WITH (FORMAT csv)`), so a
 * large export costs no JS per cell. PostgreSQL's CSV quoting is the one {@link csvField} does
 * (a field with the delimiter, a quote, CR or LF is quoted, quotes doubled); what differs is
 * fixed here: it ends records with LF (we write CRLF), and it quotes a non-null empty string
 * (we leave the cell empty: {@link sqlSafeText} turns '' into NULL).
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Turns the LF that ends each CSV record into CRLF, leaving line breaks inside quoted fields as
 * they are. The quote state is carried across chunks, so a chunk may end anywhere.
 */
export function crlfRecordEnds(): Transform {
  let quoted = false;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      const atStart = quoted;
      let ends = 0;
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === QUOTE) quoted = !quoted;
        else if (byte === LF && !quoted) ends++;
      }
      if (ends === 0) return done(null, chunk);
      const out = Buffer.allocUnsafe(chunk.length + ends);
      let state = atStart;
      let from = 0;
      let to = 0;
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === QUOTE) state = !state;
        else if (byte === LF && !state) {
          to += chunk.copy(out, to, from, i);
          out[to++] = CR;
          from = i; // the LF itself is copied with the next segment
        }
      }
      to += chunk.copy(out, to, from, chunk.length);
      done(null, out);
    },
  });
}

/**
 * SQL for a text cell as the JS writers make it: NFC, neutralised against formula injection (a
 * leading = + - @ tab or CR gets an apostrophe, as {@link neutraliseFormula}), '' and NULL empty.
 * `expr` is SQL written by us (a column or an expression), never user input.
 */
export function sqlSafeText(expr: string): string {
  const text = `normalize((${expr})::text, NFC)`;
  return `CASE WHEN left(${text}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ${text} ELSE nullif(${text}, '') END`;
}

/** SQL for a timestamptz cell as {@link formatIsoDateTime} writes it: `2025-03-08 14:05`, Việt Nam wall clock. */
export function sqlLocalDateTime(expr: string, timeZone: string = EXPORT_TIME_ZONE): string {
  if (!/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/.test(timeZone)) throw new Error(`Not a time zone name: ${timeZone}`);
  return `to_char((${expr}) AT TIME ZONE '${timeZone}', 'YYYY-MM-DD HH24:MI')`;
}

/** SQL mapping a code to its label (`CASE expr WHEN 'present' THEN 'Có mặt' …`); others get `otherwise`. */
export function sqlLabel(expr: string, labels: Record<string, string>, otherwise = 'NULL'): string {
  const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
  const whens = Object.entries(labels)
    .map(([code, label]) => `WHEN ${quote(code)} THEN ${quote(label)}`)
    .join(' ');
  return `CASE (${expr})::text ${whens} ELSE ${otherwise} END`;
}
