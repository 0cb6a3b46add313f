import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '@app/common';

/** One row of an uploaded sheet, numbered as the delegate sees it (Excel's row number, or the CSV line). */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** At most this many data rows per upload (the header row aside). */
export const MAX_BULK_ROWS = 2000;
/** No template has more than a handful of columns; a wider header row is not a delegate list. */
export const MAX_COLUMNS = 50;

/** Problems of the file itself (format, encoding, size), as opposed to problems of its rows. */
export const fileProblem = (
  status: HttpStatus,
  code: string,
  detail: string,
  extensions: Record<string, unknown> = {},
) =>
  new ProblemException(status, code, detail, {
    // The field message is the detail itself (re-worded with it for the reader).
    errors: [{ path: 'file', message: detail, key: `problem:${code}` }],
    ...extensions,
  });

export const tooManyRows = () =>
  fileProblem(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'too-many-rows',
    `The file has more than ${MAX_BULK_ROWS} data rows; split it into files of at most ${MAX_BULK_ROWS} rows.`,
    { maxRows: MAX_BULK_ROWS },
  );

export const tooManyColumns = () =>
  fileProblem(
    HttpStatus.BAD_REQUEST,
    'too-many-columns',
    `The header row has more than ${MAX_COLUMNS} columns; use the template's columns.`,
    { maxColumns: MAX_COLUMNS },
  );
