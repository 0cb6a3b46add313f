import ExcelJS from 'exceljs';
import { EventEmitter, once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  batchesOf,
  CellValue,
  EXPORT_TIME_ZONE,
  ExportColumn,
  ExportFormatOptions,
  nfc,
  RowSource,
  wallClock,
} from './columns';
import { neutraliseFormula } from './spreadsheet-safety';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel's limit on sheet names, and the characters it refuses in them. */
const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;
const DEFAULT_WIDTH = 16;
const DATE_FORMAT = 'dd/mm/yyyy hh:mm';
/** Rows committed between two looks at the consumer (and turns given to the zip compressor). */
const ROWS_PER_YIELD = 256;
const OUTPUT_HIGH_WATER_MARK = 64 * 1024;
/**
 * Ready to print: A4 landscape (the lists are wide), every column on one page width (as many
 * pages tall as needed), the header row repeated at the top of each printed page.
 */
const PRINT_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9, // A4
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  printTitlesRow: '1:1',
  horizontalCentered: true,
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};

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

/** A name Excel accepts: no []:*?/\, at most 31 characters, no edge quote, unique (case-insensitive). */
export function sheetNameFor(wanted: string, taken: Set<string>): string {
  const base =
    nfc(wanted)
      .replace(SHEET_NAME_FORBIDDEN, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '')
      .slice(0, SHEET_NAME_MAX)
      .trim() || 'Khác';
  let name = base;
  for (let n = 2; taken.has(name.toLocaleLowerCase('vi')); n++) {
    const suffix = ` (${n})`;
    name = base.slice(0, SHEET_NAME_MAX - suffix.length).trimEnd() + suffix;
  }
  taken.add(name.toLocaleLowerCase('vi'));
  return name;
}

/**
 * XLSX has no time zones: a date cell holds wall-clock time. Shift the instant so that Excel,
 * which reads the serial number as UTC, shows the time as it was in `timeZone`.
 */
function wallClockDate(date: Date, timeZone: string): Date {
  const t = wallClock(date, timeZone);
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
}

function xlsxValue(value: CellValue, timeZone: string): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : wallClockDate(value, timeZone);
  return neutraliseFormula(nfc(value));
}

type Sheet = ExcelJS.Worksheet;

/**
 * Streams rows into an XLSX workbook with exceljs' streaming writer: each row is committed (and
 * so written to the zip) as it comes, inline strings rather than a shared-string table (which
 * would keep every distinct text in memory), so memory stays flat whatever the row count. The
 * writer pauses pulling rows while the consumer is behind.
 *
 * Every sheet gets a bold, frozen header row, an auto-filter over the columns, and the columns'
 * widths. Text cells are NFC and neutralised against formula injection; numbers stay numbers;
 * dates become date cells showing Việt Nam wall-clock time (dd/mm/yyyy hh:mm).
 */
export function xlsxStream<Row>(
  rows: RowSource<Row>,
  columns: readonly ExportColumn<Row>[],
  options: XlsxOptions<Row> = {},
): Readable {
  const output = new PassThrough({ highWaterMark: OUTPUT_HIGH_WATER_MARK });
  write(rows, columns, options, output).catch((error: unknown) => {
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return output;
}

async function write<Row>(
  rows: RowSource<Row>,
  columns: readonly ExportColumn<Row>[],
  options: XlsxOptions<Row>,
  output: PassThrough,
): Promise<void> {
  const timeZone = options.timeZone ?? EXPORT_TIME_ZONE;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = options.creator ?? 'ttdn-training';
  workbook.created = new Date();
  const taken = new Set<string>();
  const grouping = options.groupBy;

  const openSheet = (wanted: string): Sheet => {
    const sheet = workbook.addWorksheet(sheetNameFor(wanted, taken), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
      pageSetup: PRINT_SETUP,
    });
    sheet.columns = columns.map((column) => ({ key: column.key, width: column.width ?? DEFAULT_WIDTH }));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(columns.length, 1) } };
    const header = sheet.addRow(columns.map((column) => neutraliseFormula(nfc(column.header))));
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    header.commit();
    return sheet;
  };

  const counts = new Map<string, number>();
  // Distinct people of the current group (rows of a group arrive together, so one set at a time).
  let seen = new Set<string>();
  let sheet: Sheet | undefined = grouping ? undefined : openSheet(options.sheetName ?? 'Danh sách');
  let currentGroup: string | undefined;
  let written = 0;

  for await (const batch of batchesOf(rows)) {
    for (const row of batch) {
      if (output.destroyed) return; // the consumer went away; leaving the loop closes `rows`
      if (grouping) {
        const group = nfc(grouping.key(row) ?? '').trim();
        if (group !== currentGroup) {
          if (counts.has(group)) {
            throw new Error(`xlsxStream: rows must be ordered by group; "${group}" came back after another group`);
          }
          sheet?.commit();
          sheet = openSheet(group);
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
      const values = columns.map((column) => xlsxValue(column.value(row), timeZone));
      const added = sheet!.addRow(values);
      values.forEach((value, index) => {
        if (value instanceof Date) {
          added.getCell(index + 1).numFmt = DATE_FORMAT;
        }
      });
      added.commit();
      if (++written % ROWS_PER_YIELD === 0) await makeRoom(sheet!, output);
    }
  }

  // An empty grouped export still opens in Excel: one sheet with the header row.
  if (!sheet) sheet = openSheet(options.sheetName ?? 'Danh sách');
  sheet.commit();
  if (grouping && grouping.summarySheet !== false && (counts.size > 0 || (grouping.alwaysList ?? []).length > 0)) {
    writeSummary(workbook, grouping, counts, taken);
  }
  if (output.destroyed) return;
  await workbook.commit();
}

/** A writable stream of any make: node's own, or the readable-stream copy archiver uses. */
type AnyWritable = EventEmitter & { _writableState?: { needDrain?: boolean }; destroyed?: boolean };
const needsDrain = (stream: AnyWritable) => stream._writableState?.needDrain === true && !stream.destroyed;

/**
 * exceljs (4.4) writes each sheet's XML into the zip through archiver's PassThrough (a
 * readable-stream 3 one, without `writableNeedDrain`) and never waits on it, so a producer
 * faster than the compressor piles XML up in memory (measured: 1,000,000 rows held ~450 MB).
 * This finds that inlet so the writer can wait for it. Should a later exceljs hide it, the
 * writer still waits for the consumer, with looser bounds; the XLSX spec would show it.
 */
export function zipInlet(sheet: ExcelJS.Worksheet): AnyWritable | undefined {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const inlet = Array.isArray(pipes) ? pipes[0] : undefined;
  return inlet instanceof EventEmitter && typeof (inlet as AnyWritable)._writableState === 'object'
    ? (inlet as AnyWritable)
    : undefined;
}

async function drained(stream: AnyWritable, output: PassThrough): Promise<void> {
  const stop = new AbortController();
  try {
    await Promise.race([
      once(stream, 'drain', { signal: stop.signal }),
      once(stream, 'close', { signal: stop.signal }),
      once(output, 'close', { signal: stop.signal }),
    ]);
  } finally {
    stop.abort(); // removes the listeners that did not fire
  }
}

/**
 * Waits until the compressor has taken the XML written so far and the consumer has taken what
 * was already compressed: the writer then holds about one batch of rows ({@link ROWS_PER_YIELD})
 * plus the streams' buffers, whatever the row count.
 */
async function makeRoom(sheet: Sheet, output: PassThrough): Promise<void> {
  await nextTurn();
  const inlet = zipInlet(sheet);
  while (inlet && needsDrain(inlet) && !output.destroyed) await drained(inlet, output);
  while (needsDrain(output as AnyWritable) && !output.destroyed) await drained(output as AnyWritable, output);
}

function writeSummary<Row>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  grouping: XlsxGrouping<Row>,
  counts: Map<string, number>,
  taken: Set<string>,
): void {
  const summary = workbook.addWorksheet(sheetNameFor(grouping.summarySheet || 'Tổng hợp', taken), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    pageSetup: PRINT_SETUP,
  });
  const all = new Map(counts);
  for (const group of grouping.alwaysList ?? []) {
    const key = nfc(group).trim();
    if (!all.has(key)) all.set(key, 0);
  }
  const collator = new Intl.Collator('vi');
  const ordered = grouping.alwaysList?.length ? [...all].sort(([a], [b]) => collator.compare(a, b)) : [...all];
  summary.columns = [
    { key: 'group', width: 30 },
    { key: 'count', width: 12 },
  ];
  const header = summary.addRow([neutraliseFormula(nfc(grouping.label)), 'Số người']);
  header.font = { bold: true };
  header.commit();
  let total = 0;
  for (const [group, count] of ordered) {
    summary.addRow([neutraliseFormula(group), count]).commit();
    total += count;
  }
  const footer = summary.addRow(['Tổng cộng', total]);
  footer.font = { bold: true };
  footer.commit();
  summary.commit();
}
