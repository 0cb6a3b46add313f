import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import ExcelJS from 'exceljs';
import { flattenValidationErrors, ProblemException } from '@app/common';
import { HttpStatus } from '@nestjs/common';
import { CreateRegistrationDto } from '../dto/registration.dto';
import { normaliseEmail, normalisePhone, personKey } from '../registration.rules';
import { readCsvSheet } from './csv-reader';
import { MAX_BULK_ROWS, SheetRow, tooManyRows } from './sheet';
import { detectUploadFormat } from './upload-format';
import { readXlsx } from './xlsx-reader';

export { MAX_BULK_ROWS };

/** The template's columns: Vietnamese headers as delegates see them, and the field each fills. */
export const BULK_COLUMNS = [
  { header: 'Họ và tên', field: 'fullName', example: 'Nguyễn Thị Hồng Nhung' },
  { header: 'Giới tính', field: 'gender', example: 'Nữ' },
  { header: 'Chức vụ', field: 'position', example: 'Phó Trưởng ban' },
  { header: 'Cơ quan', field: 'agency', example: 'Ban Tuyên giáo Tỉnh ủy' },
  { header: 'Điện thoại', field: 'phone', example: '0912 345 678' },
  { header: 'Email', field: 'email', example: 'nhung@example.gov.vn' },
] as const;

export interface BulkRowError {
  row: number;
  column: string;
  message: string;
  /** Catalogue key and arguments, for the reader's language (see @app/common i18n); never sent. */
  key?: string;
  args?: unknown[];
}

/** Reads an upload (CSV or XLSX, told apart by its bytes) into numbered rows. */
export async function readSheet(body: Buffer): Promise<SheetRow[]> {
  return detectUploadFormat(body) === 'xlsx' ? readXlsx(body) : readCsvSheet(body.toString('utf8'));
}

/** Where the header row may be: templates may carry a title line or two above it. */
const HEADER_SEARCH_ROWS = 5;
/** Example rows in the templates start their name with this (folded: "vi du"), and are never registered. */
export const EXAMPLE_MARK = 'Ví dụ:';

export interface SkippedRow {
  row: number;
  reason: string;
}

/** The template's own example, recognised also when a delegate copied it from an older template. */
function isExampleRow(plain: Record<string, string>): boolean {
  const name = personKey(plain.fullName ?? '');
  if (name.startsWith(personKey(EXAMPLE_MARK).replace(/:$/, ''))) return true;
  const sample = BULK_COLUMNS[0].example;
  return name === personKey(sample) && normalisePhone(plain.phone) === normalisePhone(BULK_COLUMNS[4].example);
}

/**
 * Turns uploaded rows into validated registrations, or reports every bad row by the sheet's own
 * row number (Excel's row, or the CSV line), column header and reason. Example rows of the
 * template are skipped and reported as skipped. Duplicates inside the file are reported too;
 * duplicates against stored registrations are checked by the caller inside its transaction.
 */
export function parseBulkRows(rows: SheetRow[]): {
  inputs: CreateRegistrationDto[];
  rowNumbers: number[];
  skipped: SkippedRow[];
  errors: BulkRowError[];
} {
  const errors: BulkRowError[] = [];
  const empty = { inputs: [], rowNumbers: [], skipped: [] };
  if (rows.length === 0)
    return { ...empty, errors: [{ row: 1, column: '', message: 'the file is empty', key: 'file-empty' }] };
  const required = BULK_COLUMNS.filter((column) => column.field === 'fullName' || column.field === 'agency');
  const headerAt = rows
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((row) => required.every((column) => findColumn(row.cells, column) >= 0));
  const header = rows[Math.max(headerAt, 0)];
  const positions = BULK_COLUMNS.map((column) => findColumn(header.cells, column));
  if (headerAt < 0) {
    for (const column of required) {
      if (findColumn(header.cells, column) < 0) {
        errors.push({
          row: header.row,
          column: column.header,
          message: 'column is missing from the header row',
          key: 'column-missing',
        });
      }
    }
    return { ...empty, errors };
  }
  const data = rows.slice(headerAt + 1);
  if (data.length > MAX_BULK_ROWS) throw tooManyRows();
  const inputs: CreateRegistrationDto[] = [];
  const rowNumbers: number[] = [];
  const skipped: SkippedRow[] = [];
  const seen = new Map<string, number>();
  for (const { row: rowNumber, cells } of data) {
    const plain: Record<string, string> = {};
    BULK_COLUMNS.forEach((column, i) => {
      const value = positions[i] >= 0 ? (cells[positions[i]] ?? '').trim() : '';
      if (value !== '') plain[column.field] = value;
    });
    if (isExampleRow(plain)) {
      skipped.push({ row: rowNumber, reason: 'example row of the template' });
      continue;
    }
    const dto = plainToInstance(CreateRegistrationDto, plain);
    const fieldErrors = flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
    if (!plain.phone && !plain.email) {
      fieldErrors.push({ path: 'phone', message: 'phone or email is required', key: 'phone-or-email' });
    }
    // One complaint per cell: an empty required cell is "required", not "must be a string, at least 2 characters…".
    const reported = new Set<string>();
    for (const error of fieldErrors) {
      if (reported.has(error.path)) continue;
      reported.add(error.path);
      const column = BULK_COLUMNS.find((c) => c.field === error.path)?.header ?? error.path;
      const missing = plain[error.path] === undefined && error.path !== 'phone';
      errors.push(
        missing
          ? { row: rowNumber, column, message: 'is required', key: 'required' }
          : { row: rowNumber, column, message: error.message, key: error.key, args: error.args },
      );
    }
    if (fieldErrors.length > 0) continue;
    const name = personKey(dto.fullName);
    const keys = [normalisePhone(dto.phone), normaliseEmail(dto.email)].filter(Boolean);
    const earlier = keys.map((key) => seen.get(`${name}|${key}`)).find((row) => row !== undefined);
    if (earlier !== undefined) {
      errors.push({
        row: rowNumber,
        column: 'Họ và tên',
        message: `the same person as row ${earlier}`,
        key: 'same-person-as-row',
        args: [earlier],
      });
      continue;
    }
    for (const key of keys) seen.set(`${name}|${key}`, rowNumber);
    inputs.push(dto);
    rowNumbers.push(rowNumber);
  }
  return { inputs, rowNumbers, skipped, errors };
}

function findColumn(cells: string[], column: (typeof BULK_COLUMNS)[number]): number {
  return cells.findIndex((cell) => {
    const key = personKey(cell);
    return key === personKey(column.header) || key === personKey(column.field);
  });
}

export function bulkProblem(errors: BulkRowError[]): ProblemException {
  return new ProblemException(
    HttpStatus.BAD_REQUEST,
    'bulk-rows-invalid',
    `${errors.length} problem(s) in the uploaded file; nothing was registered. Correct the rows listed and upload the whole file again.`,
    {
      rowErrors: errors,
      errors: errors
        .map((error) => ({ ...error, path: `rows.${error.row}.${error.column}` }))
        .map(({ row: _row, column: _column, ...error }) => error),
    },
  );
}

/** The CSV template: header row plus one example row, marked "Ví dụ:" so that it is never registered. */
export function templateCsv(): string {
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const example = BULK_COLUMNS.map((c) => (c.field === 'fullName' ? `${EXAMPLE_MARK} ${c.example}` : c.example));
  return `\uFEFF${BULK_COLUMNS.map((c) => quote(c.header)).join(',')}\r\n${example.map(quote).join(',')}\r\n`;
}

/**
 * The XLSX template: the list sheet has the header row only (its phone column formatted as text,
 * so Excel keeps the leading 0); the example and instructions are on a second sheet, which the
 * upload never reads.
 */
export async function templateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách đăng ký', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = BULK_COLUMNS.map((column) => ({
    header: column.header,
    key: column.field,
    width: 28,
    // Text, not General: "0912345678" typed in Excel would otherwise become the number 912345678.
    style: column.field === 'phone' ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  const help = workbook.addWorksheet('Hướng dẫn');
  help.columns = [{ width: 28 }, { width: 28 }, { width: 28 }, { width: 28 }, { width: 28 }, { width: 28 }];
  help.addRow([
    'Điền danh sách ở trang "Danh sách đăng ký", mỗi người một dòng, từ dòng 2. Trang này không được đọc khi tải lên.',
  ]);
  help.addRow([
    `Bắt buộc: Họ và tên, Cơ quan, và Điện thoại hoặc Email. Giới tính: Nam, Nữ hoặc Khác. Tối đa ${MAX_BULK_ROWS} người mỗi tệp.`,
  ]);
  help.addRow([]);
  help.addRow(BULK_COLUMNS.map((column) => column.header)).font = { bold: true };
  help.addRow(BULK_COLUMNS.map((column) => column.example)).font = { italic: true, color: { argb: 'FF808080' } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
