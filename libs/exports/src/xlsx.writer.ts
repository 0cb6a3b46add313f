import { Readable } from 'node:stream';
import { batchesOf, EXPORT_TIME_ZONE, ExportColumn, ExportFormatOptions, RowSource } from './columns';
import { cellXml, columnLetters } from './xlsx-sheet';
import { GroupCounts, groupName, XlsxSummary, XlsxWorkbook } from './xlsx-workbook';

export { sheetNameFor } from './xlsx-sheet';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const DEFAULT_WIDTH = 16;
export const OUTPUT_HIGH_WATER_MARK = 64 * 1024;

export interface XlsxGrouping<Row> extends XlsxSummary {
  /** The group of a row (e.g. its province). Rows must arrive ordered by this key. */
  key(row: Row): string;
  /**
   * Who a row is about, when one person has several rows (one per session part): the summary then
   * counts distinct people per group, not rows. Without it, every row is one person.
   */
  personKey?(row: Row): string | undefined;
}

export interface XlsxOptions<Row> extends ExportFormatOptions {
  /** Name of the only sheet when rows are not grouped. Default 'Danh sách'. */
  sheetName?: string;
  /**
   * Grouping, chosen as ONE WORKSHEET PER GROUP rather than group-title rows in one sheet: each
   * sheet stays a plain table (bold frozen header, filter, sort, SUM all work), which title rows
   * between data rows would break. Grouping in a stream needs the rows ordered by the group key
   * (ORDER BY province in SQL); a key that comes back after another group fails the export.
   */
  groupBy?: XlsxGrouping<Row>;
  creator?: string;
}

/**
 * Streams rows into an XLSX workbook, written here as sheet XML straight into a zip stream:
 * inline strings rather than a shared-string table (which would keep every distinct text in
 * memory), a batch of rows at a time, and rows pulled only as fast as the consumer reads, so
 * memory stays flat whatever the row count. (exceljs' streaming writer was several times slower
 * and its zip stream did not wait for the compressor.)
 *
 * Every sheet gets a bold, frozen header row, an auto-filter over the columns, and the columns'
 * widths. Text cells are NFC and neutralised against formula injection; numbers stay numbers;
 * dates become date cells showing Việt Nam wall-clock time (dd/mm/yyyy hh:mm). Destroying the
 * stream (a client that went away) closes `rows` too, which releases a database cursor behind it.
 */
export function xlsxStream<Row>(
  rows: RowSource<Row>,
  columns: readonly ExportColumn<Row>[],
  options: XlsxOptions<Row> = {},
): Readable {
  return Readable.from(xlsxParts(rows, columns, options), { objectMode: false, highWaterMark: OUTPUT_HIGH_WATER_MARK });
}

async function* xlsxParts<Row>(
  rows: RowSource<Row>,
  columns: readonly ExportColumn<Row>[],
  options: XlsxOptions<Row>,
): AsyncGenerator<Buffer> {
  const timeZone = options.timeZone ?? EXPORT_TIME_ZONE;
  const book = new XlsxWorkbook(
    columns.map((column) => column.header),
    columns.map((column) => column.width ?? DEFAULT_WIDTH),
    timeZone,
    options.creator ?? 'ttdn-training',
  );
  const grouping = options.groupBy;
  const letters = columns.map((_, i) => columnLetters(i + 1));
  const values = columns.map((column) => column.value);
  const groups = new GroupCounts();
  const sheetName = options.sheetName ?? 'Danh sách';
  if (!grouping) yield* book.openSheet(sheetName);

  for await (const batch of batchesOf(rows)) {
    for (const row of batch) {
      if (grouping) {
        const group = groupName(grouping.key(row));
        if (groups.enter(group)) yield* book.openSheet(group);
        groups.count(grouping.personKey?.(row));
      }
      const r = book.nextRow();
      let xml = `<row r="${r}">`;
      for (let i = 0; i < values.length; i++) xml += cellXml(letters[i] + r, values[i](row), timeZone);
      book.piece.append(xml + '</row>');
      if (book.pieceFull) yield* book.sendPiece();
    }
  }
  yield* book.finish(sheetName, grouping && { of: grouping, counts: groups.counts });
}
