import { HttpStatus } from '@nestjs/common';
import ExcelJS, { type CellValue } from 'exceljs';
import JSZip from 'jszip';
import { Readable } from 'node:stream';
import { fileProblem, MAX_BULK_ROWS, MAX_COLUMNS, SheetRow, tooManyRows } from './sheet';

/**
 * What a real delegate list can unpack to: 2,000 rows of six short columns are about 2 MB of XML;
 * styles and themes of a busy workbook add a few MB. A zip bomb (a 5 MB file that inflates to a
 * 450,000-row sheet) is stopped here before any XML is parsed.
 */
export const MAX_INFLATED_BYTES = 32 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 200;
/** Cells kept across the rows read (the row limit times a generous width). */
const MAX_CELLS = (MAX_BULK_ROWS + 1) * MAX_COLUMNS;

const tooBigUnpacked = () =>
  fileProblem(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'file-too-large-unpacked',
    `The workbook unpacks to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MB, far more than a list of ${MAX_BULK_ROWS} people; keep only the list of delegates (the template's sheet) and upload it again.`,
    { maxInflatedBytes: MAX_INFLATED_BYTES },
  );

const unreadable = () =>
  fileProblem(
    HttpStatus.BAD_REQUEST,
    'file-unreadable',
    'The file looks like a zip/xlsx file but cannot be read as an Excel workbook; save it again as .xlsx or as "CSV UTF-8".',
  );

/**
 * Reads the first worksheet of an XLSX upload with ExcelJS's streaming reader: rows arrive one
 * at a time and reading stops at the row limit, so memory stays bounded whatever the sheet
 * claims. Before that, the archive's entries are inflated once into a counter (nothing kept)
 * to refuse decompression bombs by their real unpacked size, not by the sizes the zip declares.
 * Cells are read as the text a person sees (rich text joined, a formula's result, hyperlink text).
 */
export async function readXlsx(body: Buffer): Promise<SheetRow[]> {
  const zip = await openWithinBounds(body);
  const firstSheetOnly = await firstSheetInReadingOrder(zip);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([firstSheetOnly]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const rows: SheetRow[] = [];
  let cells = 0;
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        const values = (row as ExcelJS.Row).values as CellValue[];
        const texts = values.slice(1, MAX_COLUMNS + 1).map(cellText);
        cells += values.length;
        if (cells > MAX_CELLS) throw tooManyRows();
        if (texts.every((text) => text.trim() === '')) continue;
        if (rows.length > MAX_BULK_ROWS) throw tooManyRows();
        rows.push({ row: (row as ExcelJS.Row).number, cells: texts });
      }
      // Only the list is in the archive read (see firstSheetInReadingOrder).
      break;
    }
  } catch (error) {
    if (error instanceof Error && 'getStatus' in error) throw error;
    throw unreadable();
  }
  return rows;
}

/** Opens the archive and inflates each entry into a byte counter, stopping at the bound. */
async function openWithinBounds(body: Buffer): Promise<JSZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(body, { checkCRC32: false });
  } catch {
    throw unreadable();
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  if (entries.length > MAX_ZIP_ENTRIES) throw tooBigUnpacked();
  let total = 0;
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => {
      const stream = entry.nodeStream('nodebuffer') as Readable;
      stream
        .on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > MAX_INFLATED_BYTES) {
            stream.destroy();
            reject(tooBigUnpacked());
          }
        })
        .on('error', () => reject(unreadable()))
        .on('end', () => resolve());
    });
  }
  return zip;
}

const WORKSHEET_PATH = /^xl\/worksheets\/sheet\d+\.xml$/;
/** What the streaming reader needs before a worksheet: without them it cannot name the sheet or read its text cells. */
const READ_FIRST = [
  '[Content_Types].xml',
  '_rels/.rels',
  'xl/workbook.xml',
  'xl/_rels/workbook.xml.rels',
  'xl/sharedStrings.xml',
  'xl/styles.xml',
];

/**
 * The upload's archive again, holding only the list (the first tab as Excel shows it, which need
 * not be sheet1.xml) after the workbook parts, stored uncompressed. ExcelJS's streaming reader
 * reads entries in archive order and fails, or reads the wrong sheet, when a worksheet comes
 * before workbook.xml or the tabs were reordered; zip writers, ExcelJS's own included, do not
 * keep one order (CI once saw the template, filled in, refused as unreadable).
 */
async function firstSheetInReadingOrder(zip: JSZip): Promise<Buffer> {
  const list = await firstTabPath(zip);
  const sheets = Object.keys(zip.files).filter((path) => WORKSHEET_PATH.test(path));
  const chosen = list && sheets.includes(list) ? list : sheets.sort(bySheetNumber)[0];
  if (!chosen) throw unreadable();
  const repacked = new JSZip();
  const others = Object.keys(zip.files).filter(
    // Every worksheet part (and its relationships) is left out but the chosen one.
    (path) => !zip.files[path].dir && !path.startsWith('xl/worksheets/'),
  );
  const ordered = [
    ...READ_FIRST.filter((path) => others.includes(path)),
    ...others.filter((path) => !READ_FIRST.includes(path)),
  ];
  try {
    for (const path of [...ordered, chosen]) repacked.file(path, await zip.files[path].async('nodebuffer'));
    return await repacked.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
  } catch {
    throw unreadable();
  }
}

/** The worksheet part of the workbook's first tab, from workbook.xml and its relationships; undefined when they do not say. */
async function firstTabPath(zip: JSZip): Promise<string | undefined> {
  const workbook = await zip.file('xl/workbook.xml')?.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  if (!workbook || !rels) return undefined;
  // <sheet name="…" sheetId="2" r:id="rId3"/>: the relationship attribute's prefix is whatever the writer declared.
  const firstSheet = /<(?:\w+:)?sheet\b[^>]*>/.exec(workbook)?.[0];
  const relationId = firstSheet && /\s\w+:id="([^"]+)"/.exec(firstSheet)?.[1];
  if (!relationId) return undefined;
  const relation = [...rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)]
    .map((match) => match[0])
    .find((element) => new RegExp(`\\sId="${escapeRegExp(relationId)}"`).test(element));
  const target = relation && /\sTarget="([^"]+)"/.exec(relation)?.[1];
  if (!target) return undefined;
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

const bySheetNumber = (a: string, b: string) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The text a cell shows: numbers without exponent, dates as YYYY-MM-DD, rich text and formulas by their text. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    return result === undefined || result === null || typeof result === 'object' ? '' : cellText(result as CellValue);
  }
  if ('text' in value) return cellText((value as { text: CellValue }).text);
  if ('error' in value) return '';
  return '';
}
