import { CellValue, nfc, wallClock } from './columns';
import { neutraliseFormula } from './spreadsheet-safety';

/**
 * The XML inside an XLSX worksheet: sheet names, cells (escaped, NFC, neutralised, dates as
 * wall-clock serials), the start and end of a sheet with its print setup, and the summary sheet.
 * xlsx.writer.ts streams these into the zip; xlsx-package.ts holds the workbook's other parts.
 */

/** Excel's limit on sheet names, and the characters it refuses in them. */
const SHEET_NAME_MAX = 31;
const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;
/**
 * Ready to print: A4 landscape (the lists are wide), every column on one page width (as many
 * pages tall as needed), the header row repeated at the top of each printed page (the
 * _xlnm.Print_Titles name in the workbook).
 */
const PRINT_SETUP_XML =
  '<printOptions horizontalCentered="1"/>' +
  '<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
  '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>';

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
export const escapeXml = (text: string): string =>
  XML_SPECIAL.test(text)
    ? text
        .replace(XML_INVALID, '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
    : text;

/** A1 column letters: 1 → A, 27 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Cell styles (styles.xml cellXfs): plain, header (bold, wrapped, middle), date, bold. */
export const STYLE = { header: 1, date: 2, bold: 3 } as const;

/** One cell's XML; text is NFC and neutralised against formula injection; an empty value writes nothing. */
export function cellXml(ref: string, value: CellValue, timeZone: string, style = 0): string {
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

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A sheet's XML up to its first data row: frozen header row, print setup flag, column widths. */
export function sheetStart(widths: readonly number[]): string {
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

export function sheetEnd(columnCount: number, filter: boolean): string {
  const autoFilter = filter ? `<autoFilter ref="A1:${columnLetters(Math.max(columnCount, 1))}1"/>` : '';
  return `</sheetData>${autoFilter}${PRINT_SETUP_XML}</worksheet>`;
}

/** The last sheet: people per group (invited groups nobody is in listed with 0), and the total. */
export function summaryXml(
  grouping: { label: string; alwaysList?: readonly string[] },
  counts: Map<string, number>,
  timeZone: string,
): string {
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
