import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { batchesOf, cellText, ExportColumn, ExportFormatOptions, formatIsoDateTime, nfc, RowSource } from './columns';
import { neutraliseFormula } from './spreadsheet-safety';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** Excel only reads a CSV as UTF-8 (and so shows Vietnamese) when the file starts with a BOM. */
const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * Rows are joined into pieces of about this many characters before they are handed to the
 * stream, so a million rows are not a million tiny chunks. Together with the stream's buffer
 * it bounds what the writer holds: at most one piece plus {@link CSV_HIGH_WATER_MARK} bytes.
 */
export const CSV_PIECE_CHARS = 16 * 1024;
export const CSV_HIGH_WATER_MARK = 64 * 1024;
/**
 * A source and a consumer that never wait (rows already in memory, a fast socket) would run the
 * whole export in one go of microtasks; every this many pieces the writer lets other requests in.
 */
const PIECES_PER_TURN = 64;

export interface CsvOptions extends ExportFormatOptions {
  /**
   * Field separator. RFC 4180 says comma (the default); ';' suits an Excel whose regional
   * settings use ',' as the decimal sign and would otherwise put each line in one column.
   */
  delimiter?: ',' | ';';
  /** Start with the UTF-8 byte order mark (default true). */
  bom?: boolean;
}

const NEEDS_QUOTES = { ',': /[",\r\n]/, ';': /[";\r\n]/ } as const;

/** RFC 4180: a field with the separator, a quote, CR or LF is quoted, and quotes inside are doubled. */
export function csvField(text: string, delimiter: ',' | ';' = ','): string {
  return NEEDS_QUOTES[delimiter].test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record with its CRLF; text cells are NFC and neutralised against formula injection. */
export function csvRecord(cells: readonly string[], delimiter: ',' | ';' = ','): string {
  let record = '';
  for (let i = 0; i < cells.length; i++) record += (i === 0 ? '' : delimiter) + csvField(cells[i], delimiter);
  return record + CRLF;
}

async function* csvPieces<Row>(
  rows: RowSource<Row>,
  columns: readonly ExportColumn<Row>[],
  options: CsvOptions,
): AsyncGenerator<string> {
  const delimiter = options.delimiter ?? ',';
  const formatDate = (date: Date) => formatIsoDateTime(date, options.timeZone);
  const values = columns.map((column) => column.value);
  let piece =
    (options.bom === false ? '' : BOM) +
    csvRecord(
      columns.map((column) => neutraliseFormula(cellText(column.header, formatDate))),
      delimiter,
    );
  let pieces = 0;
  for await (const batch of batchesOf(rows)) {
    // One string per record, built by concatenation: no array of cells per row.
    for (const row of batch) {
      for (let i = 0; i < values.length; i++) {
        const value = values[i](row);
        const text = cellText(value, formatDate);
        // Numbers (a negative count too) are data, not formulas.
        piece +=
          (i === 0 ? '' : delimiter) + csvField(typeof value === 'string' ? neutraliseFormula(text) : text, delimiter);
      }
      piece += CRLF;
      if (piece.length >= CSV_PIECE_CHARS) {
        // The generator is suspended here until the stream wants more: that is the backpressure.
        yield piece;
        piece = '';
        if (++pieces % PIECES_PER_TURN === 0) await nextTurn();
      }
    }
  }
  if (piece.length > 0) yield piece;
}

/**
 * Streams rows as CSV: UTF-8 with BOM, RFC 4180 quoting, CRLF line ends, a header line from the
 * columns. Rows are pulled from `rows` only as fast as the consumer reads, so memory stays flat
 * whatever the row count. Destroying the stream (a client that went away) closes `rows` too
 * (its iterator's `return()` is called), which releases a database cursor behind it.
 */
export function csvStream<Row>(
  rows: RowSource<Row>,
  columns: readonly ExportColumn<Row>[],
  options: CsvOptions = {},
): Readable {
  return Readable.from(csvPieces(rows, columns, options), {
    objectMode: false,
    highWaterMark: CSV_HIGH_WATER_MARK,
  });
}

const LF = 0x0a;
const QUOTE = 0x22;

/**
 * Whether UTF-8 `bytes` may hold text that is not NFC: false when every character is ASCII,
 * U+0080–U+02FF (Latin-1, Latin Extended, IPA, spacing modifiers) or U+1E00–U+1EFF (Latin
 * Extended Additional, where the precomposed Vietnamese letters are), none of which NFC changes.
 * Anything else (combining marks, other scripts, punctuation such as U+2000) says "maybe".
 */
function mayNeedNfc(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    // Lead bytes only: continuation bytes (0x80–0xBF) belong to the character before.
    if (b > 0xcb && !(b === 0xe1 && (bytes[i + 1] & 0xfc) === 0xb8)) return true;
  }
  return false;
}

/**
 * PostgreSQL's own CSV (`COPY (…) TO STDOUT WITH (FORMAT csv)`) as this writer writes CSV: the
 * BOM and the header line first, then the records with CRLF ends (COPY ends a record with LF; an
 * LF inside a quoted field stays as it is) and their text NFC. COPY quotes as {@link csvField}
 * does (a field with a comma, a quote, CR or LF; quotes doubled) and writes NULL as an empty
 * field, so the query's text cells must be NULL rather than '' when empty, and neutralised
 * against formulas in SQL (neutraliseFormulaSql) as csvStream does in JS.
 *
 * The bytes pass through as they come (no row objects, no per-cell JS): a record end is an LF
 * outside quotes, found by counting quotes (a doubled quote counts twice). Destroying the stream
 * closes `copy` too (its iterator's `return()`), which ends the COPY behind it.
 */
export function csvFromPostgres(
  copy: AsyncIterable<Buffer>,
  headers: readonly string[],
  options: { bom?: boolean } = {},
): Readable {
  return Readable.from(postgresCsvPieces(copy, headers, options), {
    objectMode: false,
    highWaterMark: CSV_HIGH_WATER_MARK,
  });
}

async function* postgresCsvPieces(
  copy: AsyncIterable<Buffer>,
  headers: readonly string[],
  options: { bom?: boolean },
): AsyncGenerator<Buffer> {
  yield Buffer.from((options.bom === false ? '' : BOM) + csvRecord(headers.map((h) => neutraliseFormula(nfc(h)))));
  // The bytes after the last record end seen: the start of a record that goes on in the next chunk.
  let tail: Buffer | undefined;
  const ends: number[] = [];
  for await (const chunk of copy) {
    const bytes = tail ? Buffer.concat([tail, chunk]) : chunk;
    // `bytes` starts at a record's start, outside quotes.
    let quoted = false;
    ends.length = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === QUOTE) quoted = !quoted;
      else if (b === LF && !quoted) ends.push(i);
    }
    if (ends.length === 0) {
      tail = bytes;
      continue;
    }
    const last = ends[ends.length - 1];
    let out = Buffer.allocUnsafe(last + 1 + ends.length);
    let at = 0;
    let from = 0;
    for (const end of ends) {
      at += bytes.copy(out, at, from, end);
      out[at++] = 0x0d;
      out[at++] = LF;
      from = end + 1;
    }
    tail = last + 1 < bytes.length ? bytes.subarray(last + 1) : undefined;
    // Whole records only, so no character (or letter and its marks) is split between two pieces;
    // NFC of the records is NFC of each cell: separators, quotes and line ends compose with nothing.
    if (mayNeedNfc(out)) out = Buffer.from(out.toString('utf8').normalize('NFC'));
    yield out;
  }
  if (tail) throw new Error('csvFromPostgres: the CSV ended inside a record');
}
