import { Readable } from 'node:stream';
import { EXPORT_TIME_ZONE, ExportFormatOptions, nfc, SqlExportColumn } from './columns';
import { CopyBinaryTuples } from './pg-copy-binary';
import { PieceBuffer } from './piece-buffer';
import { DEFAULT_WIDTH, OUTPUT_HIGH_WATER_MARK } from './xlsx.writer';
import { columnLetters, escapeXml, STYLE } from './xlsx-sheet';
import { GroupCounts, groupName, XlsxSummary, XlsxWorkbook } from './xlsx-workbook';

/**
 * An XLSX whose cells PostgreSQL computes: the counterpart of csvFromPostgres. The query's rows
 * are read with `COPY (…) TO STDOUT WITH (FORMAT binary)`, and each row's sheet XML is written
 * from the fields' bytes straight into the piece buffer: no row objects, no strings per cell.
 * Read through pg, a million rows were a million objects and ten million strings, which lived
 * long enough to reach V8's old space and grew the process by a quarter of a gigabyte of garbage
 * before a full collection came. The file is the one xlsxStream writes from the same cells.
 */

export interface XlsxFromPostgresOptions extends ExportFormatOptions {
  /** Name of the only sheet when rows are not grouped (and of the empty sheet of an empty export). Default 'Danh sách'. */
  sheetName?: string;
  /** One sheet per group, and a summary: rows must arrive ordered by their group (see {@link xlsxCopySelect}). */
  groupBy?: XlsxSummary;
  creator?: string;
}

/**
 * The select list of a query that {@link xlsxFromPostgres} reads: the row's group (text), who it
 * is about (int8: the summary counts distinct people per group; NULL, a person of their own),
 * then each column's cell: a column with `sqlTimestamp` is a date cell (Việt Nam wall-clock time,
 * as an Excel serial), any other its `sql` text (NULL for an empty cell), neutralised against
 * formulas as the column's SQL does; NFC and XML escaping are done here, in the bytes.
 */
export function xlsxCopySelect(
  columns: readonly SqlExportColumn[],
  row: { group?: string; person?: string },
  timeZone: string = EXPORT_TIME_ZONE,
): string {
  const cells = columns.map((column) =>
    column.sqlTimestamp ? excelSerialSql(column.sqlTimestamp, timeZone) : `(${column.sql})::text`,
  );
  return [`(${row.group ?? 'NULL'})::text`, `(${row.person ?? 'NULL'})::int8`, ...cells].join(', ');
}

/**
 * A timestamptz as the serial number of its wall-clock time (days since 1899-12-30, whole
 * seconds), computed as the JS writer computes it (milliseconds over 86,400,000, plus 25,569, in
 * double precision) and written as float8 text, which, like JS, is the shortest exact form.
 */
export function excelSerialSql(column: string, timeZone: string = EXPORT_TIME_ZONE): string {
  const zone = timeZone.replace(/'/g, "''");
  return `((extract(epoch FROM date_trunc('second', (${column}) AT TIME ZONE '${zone}'))::float8 * 1000) / 86400000 + 25569)::text`;
}

/** Streams the XLSX of a binary COPY of a query selecting {@link xlsxCopySelect}. Destroying it ends the COPY's iteration. */
export function xlsxFromPostgres(
  copy: AsyncIterable<Buffer>,
  columns: readonly SqlExportColumn[],
  options: XlsxFromPostgresOptions = {},
): Readable {
  return Readable.from(xlsxParts(copy, columns, options), { objectMode: false, highWaterMark: OUTPUT_HIGH_WATER_MARK });
}

const ascii = (text: string) => Buffer.from(text, 'latin1');
const TEXT_OPEN = ascii('" t="inlineStr"><is><t xml:space="preserve">');
const TEXT_CLOSE = ascii('</t></is></c>');
const DATE_OPEN = ascii(`" s="${STYLE.date}"><v>`);
const VALUE_CLOSE = ascii('</v></c>');
const ROW_OPEN = ascii('<row r="');
const ROW_OPENED = ascii('">');
const ROW_CLOSE = ascii('</row>');
const ENTITY: Record<number, Buffer> = {
  0x26: ascii('&amp;'),
  0x3c: ascii('&lt;'),
  0x3e: ascii('&gt;'),
  0x22: ascii('&quot;'),
};
/** Fields before the cells: group, person. */
const LEADING_FIELDS = 2;
/** Bytes a cell's markup can take besides its text: `<c r="XFD1048576" s="2">…</c>` and the rest. */
const CELL_MARKUP_BYTES = 64;

async function* xlsxParts(
  copy: AsyncIterable<Buffer>,
  columns: readonly SqlExportColumn[],
  options: XlsxFromPostgresOptions,
): AsyncGenerator<Buffer> {
  const book = new XlsxWorkbook(
    columns.map((column) => column.header),
    columns.map((column) => column.width ?? DEFAULT_WIDTH),
    options.timeZone ?? EXPORT_TIME_ZONE,
    options.creator ?? 'ttdn-training',
  );
  const row = new RowWriter(
    book.piece,
    columns.map((column) => Boolean(column.sqlTimestamp)),
  );
  const grouping = options.groupBy;
  const groups = new GroupCounts();
  const sheetName = options.sheetName ?? 'Danh sách';
  const tuples = new CopyBinaryTuples();
  // The current group's bytes, to see a new group without reading the field as a string.
  let groupBytes: Buffer | null | undefined;
  if (!grouping) yield* book.openSheet(sheetName);

  for await (const chunk of copy) {
    tuples.push(chunk);
    while (tuples.next()) {
      if (tuples.fieldCount !== LEADING_FIELDS + columns.length) {
        throw new Error(
          `xlsxFromPostgres: a row has ${tuples.fieldCount} fields, not ${LEADING_FIELDS + columns.length}`,
        );
      }
      if (grouping) {
        if (groupBytes === undefined || !tuples.fieldEquals(0, groupBytes)) {
          const key = tuples.text(0);
          groupBytes = key === null ? null : Buffer.from(key, 'utf8');
          const group = groupName(key);
          if (groups.enter(group)) yield* book.openSheet(group);
        }
        groups.count(tuples.int8(1) ?? undefined);
      }
      row.write(book.nextRow(), tuples);
      if (book.pieceFull) yield* book.sendPiece();
    }
  }
  if (!tuples.ended) throw new Error('xlsxFromPostgres: the COPY ended before its trailer');
  yield* book.finish(sheetName, grouping && { of: grouping, counts: groups.counts });
}

/** Writes a tuple's cells as one row of sheet XML, byte by byte into the piece. */
class RowWriter {
  private readonly refs: Buffer[];
  private readonly digits = Buffer.alloc(16);

  constructor(
    private readonly piece: PieceBuffer,
    private readonly isDate: readonly boolean[],
  ) {
    this.refs = isDate.map((_, i) => ascii(`<c r="${columnLetters(i + 1)}`));
  }

  write(rowNumber: number, tuples: CopyBinaryTuples): void {
    const digits = this.rowDigits(rowNumber);
    let bytes = 0;
    for (let i = 0; i < this.isDate.length; i++) bytes += Math.max(tuples.lengths[LEADING_FIELDS + i], 0);
    // An escaped byte takes at most 6 ('&quot;').
    let out = this.piece.room(32 + this.isDate.length * CELL_MARKUP_BYTES + bytes * 6);
    let at = this.piece.length;
    at = put(out, at, ROW_OPEN);
    at = put(out, at, digits);
    at = put(out, at, ROW_OPENED);
    const source = tuples.buffer;
    for (let i = 0; i < this.isDate.length; i++) {
      const length = tuples.lengths[LEADING_FIELDS + i];
      if (length < 0) continue;
      const start = tuples.starts[LEADING_FIELDS + i];
      at = put(out, at, this.refs[i]);
      at = put(out, at, digits);
      if (this.isDate[i]) {
        at = put(out, at, DATE_OPEN);
        at = putRange(out, at, source, start, start + length);
        at = put(out, at, VALUE_CLOSE);
        continue;
      }
      at = put(out, at, TEXT_OPEN);
      const escaped = putEscaped(out, at, source, start, start + length);
      if (escaped >= 0) {
        at = escaped;
      } else {
        // Text that may not be NFC (rare: what is stored is NFC): normalised, then escaped, as a string.
        const text = escapeXml(nfc(source.toString('utf8', start, start + length)));
        this.piece.length = at;
        out = this.piece.room(text.length * 3 + (this.isDate.length - i) * CELL_MARKUP_BYTES + bytes * 6);
        at += out.write(text, at, 'utf8');
      }
      at = put(out, at, TEXT_CLOSE);
    }
    this.piece.length = put(out, at, ROW_CLOSE);
  }

  /** The decimal digits of `n`, in a reused buffer. */
  private rowDigits(n: number): Buffer {
    let at = this.digits.length;
    do {
      this.digits[--at] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    return this.digits.subarray(at);
  }
}

function put(out: Buffer, at: number, bytes: Uint8Array): number {
  for (let k = 0; k < bytes.length; k++) out[at++] = bytes[k];
  return at;
}

function putRange(out: Buffer, at: number, source: Uint8Array, start: number, end: number): number {
  for (let k = start; k < end; k++) out[at++] = source[k];
  return at;
}

/**
 * UTF-8 text escaped for XML (& < > " as entities; the control characters XML 1.0 forbids
 * dropped) into `out`; -1 when the text holds a character whose NFC might differ (anything
 * outside ASCII, U+0080–U+02FF and U+1E00–U+1EFF, as csvFromPostgres judges it), which the caller
 * then writes from a string. Of the characters XML forbids, U+FFFE and U+FFFF take that path too.
 */
function putEscaped(out: Buffer, at: number, source: Uint8Array, start: number, end: number): number {
  for (let k = start; k < end; k++) {
    const b = source[k];
    if (b >= 0x20 && b < 0xcc) {
      const entity = b <= 0x3e ? ENTITY[b] : undefined;
      if (entity) at = put(out, at, entity);
      else out[at++] = b;
    } else if (b >= 0xcc) {
      // A lead byte past U+02FF: only U+1E00–U+1EFF (E1 B8–BB) is known to be NFC as it stands.
      if (b !== 0xe1 || (source[k + 1] & 0xfc) !== 0xb8) return -1;
      out[at++] = b;
    } else if (b === 0x09 || b === 0x0a || b === 0x0d) {
      out[at++] = b;
    }
  }
  return at;
}
