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
  const rows: SheetRow[] = [];
  // csv-parse's own line count is off inside quoted CRLF breaks, so count from each record's raw text.
  let nextLine = 1;
  try {
    parse(source, {
      delimiter: separator,
      raw: true,
      relax_column_count: true,
      // A stray quote inside an unquoted field (Nguyễn Văn "Tư") is kept as text.
      relax_quotes: true,
      skip_empty_lines: false,
      on_record: (({ record, raw }: { record: string[]; raw: string }) => {
        const row = { row: nextLine, cells: record };
        nextLine += lineBreaks(raw) + 1;
        if (record.every((cell) => cell.trim() === '')) return null;
        if (rows.length > MAX_BULK_ROWS) throw tooManyRows();
        rows.push(row);
        return null;
      }) as never,
    });
  } catch (error) {
    if (error instanceof CsvError) throw csvProblem(error, nextLine);
    throw error;
  }
  return rows;
}

/** Line breaks inside a record's raw text, its own terminator aside. */
const lineBreaks = (raw: string) => raw.replace(/(\r\n|\r|\n)$/, '').match(/\r\n|\r|\n/g)?.length ?? 0;

function csvProblem(error: CsvError, line: number) {
  const detail =
    error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? `The quote (") opened in the row starting on line ${line} is never closed; close it or remove it, then upload again.`
      : `The CSV file cannot be read at line ${line}: ${error.message}`;
  return fileProblem(HttpStatus.BAD_REQUEST, 'csv-malformed', detail, { line, csvError: error.code });
}
function firstPhysicalLine(source: string): string {
  const head = source.slice(0, HEADER_SCAN);
  const end = head.search(/\r?\n/);
  return end < 0 ? head : head.slice(0, end);
}

const count = (text: string, char: string) => text.split(char).length - 1;

/** The cells of each non-blank line, for callers (and tests) that need no row numbers. */
export const readCsv = (text: string): string[][] => readCsvSheet(text).map((row) => row.cells);
