import { HttpStatus } from '@nestjs/common';
import { CsvError, parse } from 'csv-parse/sync';
import { fileProblem, MAX_BULK_ROWS, MAX_COLUMNS, SheetRow, tooManyColumns, tooManyRows } from './sheet';

/** Longest header line we look at to pick the separator and bound the width (a real one is ~80 characters). */
const HEADER_SCAN = 64 * 1024;

/**
 * Reads an uploaded delegate list with csv-parse: a UTF-8 BOM (as Excel writes it), `,` or `;`
 * as separator (Excel in a Vietnamese locale saves with `;`), quoted fields with line breaks,
 * and each row numbered by the line it starts on, which is what a text editor shows. Blank
 * lines are skipped but still counted. A quote that is never closed is an error naming its line
 * instead of swallowing the rest of the file.
 */
export function readCsvSheet(text: string): SheetRow[] {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = firstPhysicalLine(source);
  const separator = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  // Bound the header's width before parsing: a one-line file with a million separators costs seconds.
  if (count(firstLine, separator) >= MAX_COLUMNS) throw tooManyColumns();
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(source, {
      delimiter: separator,
      info: true,
      relax_column_count: true,
      // A stray quote inside an unquoted field (Nguyễn Văn "Tư") is kept as text.
      relax_quotes: true,
      skip_empty_lines: false,
    }) as unknown as typeof records;
  } catch (error) {
    throw csvProblem(error);
  }
  const rows: SheetRow[] = [];
  let nextLine = 1;
  for (const { record, info } of records) {
    const row = { row: nextLine, cells: record };
    nextLine = info.lines + 1;
    if (record.every((cell) => cell.trim() === '')) continue;
    if (rows.length > MAX_BULK_ROWS) throw tooManyRows();
    rows.push(row);
  }
  return rows;
}

function csvProblem(error: unknown) {
  if (error instanceof CsvError) {
    const line = (error as CsvError & { lines?: number }).lines;
    const detail =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `A quote (") opened at or before line ${line} is never closed; close it or remove it, then upload again.`
        : `The CSV file cannot be read at line ${line}: ${error.message}`;
    return fileProblem(HttpStatus.BAD_REQUEST, 'csv-malformed', detail, { line, csvError: error.code });
  }
  return fileProblem(HttpStatus.BAD_REQUEST, 'csv-malformed', 'The CSV file cannot be read.');
}

function firstPhysicalLine(source: string): string {
  const head = source.slice(0, HEADER_SCAN);
  const end = head.search(/\r?\n/);
  return end < 0 ? head : head.slice(0, end);
}

const count = (text: string, char: string) => text.split(char).length - 1;

/** The cells of each non-blank line, for callers (and tests) that need no row numbers. */
export const readCsv = (text: string): string[][] => readCsvSheet(text).map((row) => row.cells);
