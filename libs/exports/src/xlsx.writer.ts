import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { batchesOf, EXPORT_TIME_ZONE, ExportColumn, ExportFormatOptions, nfc, RowSource } from './columns';
import { PieceBuffer } from './piece-buffer';
import { APP_XML, contentTypesXml, coreXml, ROOT_RELS, stylesXml, workbookRelsXml, workbookXml } from './xlsx-package';
import { cellXml, columnLetters, sheetEnd, sheetNameFor, sheetStart, STYLE, summaryXml } from './xlsx-sheet';
import { ZipWriter } from './zip.writer';

export { sheetNameFor } from './xlsx-sheet';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const DEFAULT_WIDTH = 16;
const OUTPUT_HIGH_WATER_MARK = 64 * 1024;
/** Rows of sheet XML gathered in one piece (PieceBuffer) before it goes to the compressor. */
const ROWS_PER_PIECE = 1000;
/** A source and a consumer that never wait would run the whole export in one go: every this many pieces, other requests get a turn. */
const PIECES_PER_TURN = 16;

export interface XlsxGrouping<Row> {
  /** The group of a row (e.g. its province). Rows must arrive ordered by this key. */
  key(row: Row): string;
  /** Heading of the group column on the summary sheet, e.g. 'Tỉnh/Thành phố'. */
  label: string;
  /** Name of the last sheet, with the number of people in each group. Default 'Tổng hợp'; false for none. */
  summarySheet?: string | false;
  /**
   * Who a row is about, when one person has several rows (one per session part): the summary then
   * counts distinct people per group, not rows. Without it, every row is one person.
   */
  personKey?(row: Row): string;
  /** Groups to list on the summary even when no row has them (shown with 0), e.g. invited provinces. */
  alwaysList?: readonly string[];
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
  const zip = new ZipWriter();
  const taken = new Set<string>();
  const sheets: { name: string; filter: string | null }[] = [];
  const grouping = options.groupBy;
  const letters = columns.map((_, i) => columnLetters(i + 1));
  const values = columns.map((column) => column.value);
  const widths = columns.map((column) => column.width ?? DEFAULT_WIDTH);
  const headerXml = (): string =>
    '<row r="1">' +
    columns.map((column, i) => cellXml(`${letters[i]}1`, column.header, timeZone, STYLE.header)).join('') +
    '</row>';

  let open = false;
  let rowNumber = 0;
  const piece = new PieceBuffer();
  let pieces = 0;
  async function* openSheet(wanted: string): AsyncGenerator<Buffer> {
    yield* closeSheet();
    const name = sheetNameFor(wanted, taken);
    sheets.push({ name, filter: `$A$1:$${columnLetters(Math.max(columns.length, 1))}$1` });
    yield zip.begin(`xl/worksheets/sheet${sheets.length}.xml`);
    piece.append(sheetStart(widths) + headerXml());
    rowNumber = 1;
    open = true;
  }
  async function* closeSheet(): AsyncGenerator<Buffer> {
    if (!open) return;
    piece.append(sheetEnd(columns.length, true));
    yield* await zip.write(piece.take());
    yield* await zip.end();
    open = false;
  }

  const counts = new Map<string, number>();
  // Distinct people of the current group (rows of a group arrive together, so one set at a time).
  let seen = new Set<string>();
  let currentGroup: string | undefined;
  if (!grouping) yield* openSheet(options.sheetName ?? 'Danh sách');

  for await (const batch of batchesOf(rows)) {
    for (const row of batch) {
      if (grouping) {
        const group = nfc(grouping.key(row) ?? '').trim();
        if (group !== currentGroup) {
          if (counts.has(group)) {
            throw new Error(`xlsxStream: rows must be ordered by group; "${group}" came back after another group`);
          }
          yield* openSheet(group);
          currentGroup = group;
          counts.set(group, 0);
          seen = new Set<string>();
        }
        const person = grouping.personKey?.(row);
        if (person === undefined || !seen.has(person)) {
          if (person !== undefined) seen.add(person);
          counts.set(group, (counts.get(group) ?? 0) + 1);
        }
      }
      const r = ++rowNumber;
      let xml = `<row r="${r}">`;
      for (let i = 0; i < values.length; i++) xml += cellXml(letters[i] + r, values[i](row), timeZone);
      piece.append(xml + '</row>');
      if (r % ROWS_PER_PIECE === 0) {
        // The generator is suspended in these yields until the consumer wants more: backpressure.
        yield* await zip.write(piece.take());
        if (++pieces % PIECES_PER_TURN === 0) await nextTurn();
      }
    }
  }

  // An empty grouped export still opens in Excel: one sheet with the header row.
  if (!open && sheets.length === 0) yield* openSheet(options.sheetName ?? 'Danh sách');
  yield* closeSheet();
  if (grouping && grouping.summarySheet !== false && (counts.size > 0 || (grouping.alwaysList ?? []).length > 0)) {
    const name = sheetNameFor(grouping.summarySheet || 'Tổng hợp', taken);
    sheets.push({ name, filter: null });
    yield zip.begin(`xl/worksheets/sheet${sheets.length}.xml`);
    yield* await zip.write(summaryXml(grouping, counts, timeZone));
    yield* await zip.end();
  }
  yield* await zip.file('[Content_Types].xml', contentTypesXml(sheets.length));
  yield* await zip.file('_rels/.rels', ROOT_RELS);
  yield* await zip.file('docProps/core.xml', coreXml(options.creator ?? 'ttdn-training', new Date()));
  yield* await zip.file('docProps/app.xml', APP_XML);
  yield* await zip.file('xl/workbook.xml', workbookXml(sheets));
  yield* await zip.file('xl/_rels/workbook.xml.rels', workbookRelsXml(sheets.length));
  yield* await zip.file('xl/styles.xml', stylesXml());
  yield zip.finish();
}
