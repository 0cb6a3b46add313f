import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import ExcelJS from 'exceljs';
import { flattenValidationErrors, ProblemException } from '@app/common';
import { HttpStatus } from '@nestjs/common';
import { CreateRegistrationDto } from '../dto/registration.dto';
import { normaliseEmail, normalisePhone, personKey } from '../registration.rules';
import { readCsv } from './csv-reader';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_BULK_ROWS = 2000;

/** The template's columns: Vietnamese headers as delegates see them, and the field each fills. */
export const BULK_COLUMNS = [
  { header: 'Họ và tên', field: 'fullName', example: 'Nguyễn Thị Hồng Nhung' },
  { header: 'Giới tính', field: 'gender', example: 'Nữ' },
  { header: 'Chức vụ', field: 'position', example: 'Phó Trưởng ban' },
  { header: 'Cơ quan', field: 'agency', example: 'Ban Tuyên giáo Tỉnh ủy' },
  { header: 'Điện thoại', field: 'phone', example: '0912 345 678' },
  { header: 'Email', field: 'email', example: 'nhung@example.gov.vn' },
] as const;

const GENDER_WORDS: Record<string, string> = {
  nam: 'male',
  male: 'male',
  nu: 'female',
  nữ: 'female',
  female: 'female',
  khac: 'other',
  khác: 'other',
  other: 'other',
};

export interface BulkRowError {
  row: number;
  column: string;
  message: string;
}

export async function readSheet(body: Buffer, contentType: string): Promise<string[][]> {
  if (contentType.startsWith('text/csv')) return readCsv(body.toString('utf8'));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= BULK_COLUMNS.length; column++) {
      const value = row.getCell(column).value;
      cells.push(
        value === null || value === undefined
          ? ''
          : typeof value === 'object' && 'text' in value
            ? String(value.text)
            : String(value),
      );
    }
    rows.push(cells);
  });
  return rows;
}

/**
 * Turns uploaded rows into validated registrations, or reports every bad row by row number,
 * column header and reason. Duplicates inside the file are reported too; duplicates against
 * stored registrations are checked by the caller inside its transaction.
 */
export function parseBulkRows(rows: string[][]): { inputs: CreateRegistrationDto[]; errors: BulkRowError[] } {
  const errors: BulkRowError[] = [];
  if (rows.length === 0) return { inputs: [], errors: [{ row: 0, column: '', message: 'the file is empty' }] };
  const header = rows[0].map((cell) => personKey(cell));
  const positions = BULK_COLUMNS.map((column) => {
    const index = header.findIndex((cell) => cell === personKey(column.header) || cell === personKey(column.field));
    return index;
  });
  BULK_COLUMNS.forEach((column, i) => {
    if (positions[i] < 0 && (column.field === 'fullName' || column.field === 'agency')) {
      errors.push({ row: 0, column: column.header, message: 'column is missing from the header row' });
    }
  });
  if (errors.length > 0) return { inputs: [], errors };
  const data = rows.slice(1);
  if (data.length > MAX_BULK_ROWS) {
    return { inputs: [], errors: [{ row: 0, column: '', message: `at most ${MAX_BULK_ROWS} rows per upload` }] };
  }
  const inputs: CreateRegistrationDto[] = [];
  const seen = new Map<string, number>();
  data.forEach((cells, index) => {
    const rowNumber = index + 1;
    const plain: Record<string, string> = {};
    BULK_COLUMNS.forEach((column, i) => {
      const value = positions[i] >= 0 ? (cells[positions[i]] ?? '').trim() : '';
      if (value !== '') plain[column.field] = value;
    });
    if (plain.gender)
      plain.gender = GENDER_WORDS[personKey(plain.gender)] ?? GENDER_WORDS[plain.gender.toLowerCase()] ?? plain.gender;
    const dto = plainToInstance(CreateRegistrationDto, plain);
    const fieldErrors = flattenValidationErrors(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }));
    if (!plain.phone && !plain.email) fieldErrors.push({ path: 'phone', message: 'phone or email is required' });
    for (const error of fieldErrors) {
      const column = BULK_COLUMNS.find((c) => c.field === error.path)?.header ?? error.path;
      errors.push({ row: rowNumber, column, message: error.message });
    }
    if (fieldErrors.length > 0) return;
    const name = personKey(dto.fullName);
    for (const key of [normalisePhone(dto.phone), normaliseEmail(dto.email)].filter(Boolean)) {
      const earlier = seen.get(`${name}|${key}`);
      if (earlier !== undefined) {
        errors.push({ row: rowNumber, column: 'Họ và tên', message: `the same person as row ${earlier}` });
        return;
      }
    }
    for (const key of [normalisePhone(dto.phone), normaliseEmail(dto.email)].filter(Boolean))
      seen.set(`${name}|${key}`, rowNumber);
    inputs.push(dto);
  });
  return { inputs, errors };
}

export function bulkProblem(errors: BulkRowError[]): ProblemException {
  return new ProblemException(
    HttpStatus.BAD_REQUEST,
    'bulk-rows-invalid',
    `${errors.length} problem(s) in the uploaded file; nothing was registered`,
    {
      rowErrors: errors,
      errors: errors.map((error) => ({ path: `rows.${error.row}.${error.column}`, message: error.message })),
    },
  );
}

/** The template delegates download: header row plus one example row. */
export function templateCsv(): string {
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  return `\uFEFF${BULK_COLUMNS.map((c) => quote(c.header)).join(',')}\r\n${BULK_COLUMNS.map((c) => quote(c.example)).join(',')}\r\n`;
}

export async function templateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Danh sách đăng ký');
  sheet.columns = BULK_COLUMNS.map((column) => ({ header: column.header, key: column.field, width: 28 }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(Object.fromEntries(BULK_COLUMNS.map((column) => [column.field, column.example])));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
