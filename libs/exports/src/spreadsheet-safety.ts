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

/**
 * {@link neutraliseFormula} as a PostgreSQL expression over a text `column` (a plain column
 * reference: it is read several times), for exports PostgreSQL formats itself (COPY). Empty text
 * becomes NULL, which COPY writes as an empty field, as the writers do. The same triggers (= + -
 * @ tab CR) looked for in the text once NFC: NFC changes a first character only by composing it
 * with the marks after it, and of the triggers only '=' composes ('=' U+0338 is '≠', no formula),
 * so only text starting with '=' is normalised to look.
 */
export function neutraliseFormulaSql(column: string): string {
  return (
    `CASE WHEN ascii(${column}) IN (43, 45, 64, 9, 13) OR (ascii(${column}) = 61 AND ascii(normalize(${column}, NFC)) = 61)` +
    ` THEN '''' || ${column} ELSE nullif(${column}, '') END`
  );
}

export function isFormulaLike(text: string): boolean {
  return FORMULA_TRIGGER.test(text);
}

/** Applies {@link neutraliseFormula} to string cells and passes every other value through. */
export function safeCell(value: CellValue): CellValue {
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}
