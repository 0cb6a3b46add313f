import { Readable } from 'node:stream';
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
import { ZipWriter } from './zip.writer';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel's limit on sheet names, and the characters it refuses in them. */
const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;
const DEFAULT_WIDTH = 16;
const DATE_FORMAT = 'dd/mm/yyyy hh:mm';
const OUTPUT_HIGH_WATER_MARK = 64 * 1024;
/** Rows of sheet XML built into one string before it goes to the compressor. */
const ROWS_PER_PIECE = 1000;
/** A source and a consumer that never wait would run the whole export in one go: every this many pieces, other requests get a turn. */
const PIECES_PER_TURN = 16;
/**
 * Ready to print: A4 landscape (the lists are wide), every column on one page width (as many
 * pages tall as needed), the header row repeated at the top of each printed page (the
 * _xlnm.Print_Titles name in the workbook).
 */
const PRINT_SETUP_XML =
  '<printOptions horizontalCentered="1"/>' +
  '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
  '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>';

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
 * XLSX has no time zones: a date cell holds wall-clock time, as a serial number of days since
 * 1899-12-30, which Excel reads as it is.
 */
function wallClockSerial(date: Date, timeZone: string): number {
  const t = wallClock(date, timeZone);
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) / 86_400_000 + 25_569;
}

/** Characters XML 1.0 does not allow at all (they are dropped), and the ones it must escape. */
// eslint-disable-next-line no-control-regex -- these are the characters looked for
const XML_INVALID = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;
// eslint-disable-next-line no-control-regex -- these are the characters looked for
const XML_SPECIAL = /[&<>"\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const escapeXml = (text: string): string =>
  XML_SPECIAL.test(text)
    ? text
        .replace(XML_INVALID, '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
    : text;

/** A1 column letters: 1 → A, 27 → AA. */
function columnLetters(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Cell styles (styles.xml cellXfs): plain, header (bold, wrapped, middle), date, bold. */
const STYLE = { header: 1, date: 2, bold: 3 } as const;
const DATE_FORMAT_ID = 164;

/** One cell's XML; text is NFC and neutralised against formula injection; an empty value writes nothing. */
function cellXml(ref: string, value: CellValue, timeZone: string, style = 0): string {
  const s = style ? ` s="${style}"` : '';
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return `<c r="${ref}" s="${style || STYLE.date}"><v>${wallClockSerial(value, timeZone)}</v></c>`;
  }
  const text = escapeXml(neutraliseFormula(nfc(value)));
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A sheet's XML up to its first data row: frozen header row, print setup flag, column widths. */
function sheetStart(widths: readonly number[]): string {
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/><cols>' +
    widths.map((width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`).join('') +
    '</cols><sheetData>'
  );
}

function sheetEnd(columnCount: number, filter: boolean): string {
  const autoFilter = filter ? `<autoFilter ref="A1:${columnLetters(Math.max(columnCount, 1))}1"/>` : '';
  return `</sheetData>${autoFilter}${PRINT_SETUP_XML}</worksheet>`;
}

function stylesXml(): string {
  return (
    `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
    `<numFmts count="1"><numFmt numFmtId="${DATE_FORMAT_ID}" formatCode="${DATE_FORMAT}"/></numFmts>` +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>' +
    `<xf numFmtId="${DATE_FORMAT_ID}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
  );
}

/**
 * The sheet XML of one piece, encoded as it is built into one buffer that is reused piece after
 * piece. Concatenating the piece as a string kept every cell's strings alive (in the rope) until
 * the piece was flattened: they outlived the young generation and were promoted, and each
 * flattened piece (over a megabyte of two-byte text) went to the large-object space; both are old
 * space, collected only by a major GC, which V8 lets wait until the old generation is several
 * times its live size: a 1M-row export grew the heap by ~250 MB of garbage. Written here, a row's
 * strings die young and the bytes live outside the JS heap, in one buffer.
 */
class PieceBuffer {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private length = 0;

  append(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const needed = this.length + text.length * 3;
    if (needed > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    this.length += this.bytes.write(text, this.length, 'utf8');
  }

  /** The bytes so far, and the buffer emptied: valid until the next append (the zip writer is done with them once its write resolves). */
  take(): Buffer {
    const view = this.bytes.subarray(0, this.length);
    this.length = 0;
    return view;
  }
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

function workbookXml(sheets: readonly { name: string; filter: string | null }[]): string {
  const names = sheets
    .map((sheet, i) =>
      [
        sheet.filter
          ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(quoteSheet(sheet.name))}!${sheet.filter}</definedName>`
          : '',
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(quoteSheet(sheet.name))}!$1:$1</definedName>`,
      ].join(''),
    )
    .join('');
  return (
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>` +
    sheets
      .map((sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('') +
    `</sheets><definedNames>${names}</definedNames><calcPr calcId="171027"/></workbook>`
  );
}

function workbookRelsXml(sheetCount: number): string {
  const rels = Array.from(
    { length: sheetCount },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  rels.push(`<Relationship Id="rId${sheetCount + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`);
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`;
}

function contentTypesXml(sheetCount: number): string {
  const ct = 'application/vnd.openxmlformats-officedocument';
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>` +
    Array.from(
      { length: sheetCount },
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`,
    ).join('') +
    `<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>` +
    `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
    `<Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/>` +
    '</Types>'
  );
}

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
  `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
  `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/>` +
  '</Relationships>';

function coreXml(creator: string, created: Date): string {
  const when = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${escapeXml(creator)}</dc:creator>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  );
}

const APP_XML =
  `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
  '<Application>Microsoft Excel</Application></Properties>';

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

/** The last sheet: people per group (invited groups nobody is in listed with 0), and the total. */
function summaryXml<Row>(grouping: XlsxGrouping<Row>, counts: Map<string, number>, timeZone: string): string {
  const all = new Map(counts);
  for (const group of grouping.alwaysList ?? []) {
    const key = nfc(group).trim();
    if (!all.has(key)) all.set(key, 0);
  }
  const collator = new Intl.Collator('vi');
  const ordered = grouping.alwaysList?.length ? [...all].sort(([a], [b]) => collator.compare(a, b)) : [...all];
  let xml =
    sheetStart([30, 12]) +
    `<row r="1">${cellXml('A1', grouping.label, timeZone, STYLE.bold)}${cellXml('B1', 'Số người', timeZone, STYLE.bold)}</row>`;
  let r = 1;
  let total = 0;
  for (const [group, count] of ordered) {
    r++;
    xml += `<row r="${r}">${cellXml(`A${r}`, group, timeZone)}${cellXml(`B${r}`, count, timeZone)}</row>`;
    total += count;
  }
  r++;
  xml += `<row r="${r}">${cellXml(`A${r}`, 'Tổng cộng', timeZone, STYLE.bold)}${cellXml(`B${r}`, total, timeZone, STYLE.bold)}</row>`;
  return xml + sheetEnd(2, false);
}
