import type { CellValue } from './columns';

/**
 * Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (or as a
 * DDE command) when a file is opened or a cell is edited: = + - @, and tab / carriage return,
 * which some spreadsheet imports strip before looking at the next character.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/**
 * OWASP "CSV injection" advice: prefix such text with a single quote so it is shown as text and
 * never evaluated. Only strings are touched: numbers (negative ones too) stay numbers, and dates
 * stay dates. Text that merely looks like a number ('+84 912 345 678') is prefixed as well: the
 * writers cannot tell a phone number from a formula, and a visible quote is the safe failure.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

export function isFormulaLike(text: string): boolean {
  return FORMULA_TRIGGER.test(text);
}

/** Applies {@link neutraliseFormula} to string cells and passes every other value through. */
export function safeCell(value: CellValue): CellValue {
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}
