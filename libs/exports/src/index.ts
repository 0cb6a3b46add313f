// The public surface of @app/exports. Other libraries and apps import only from here.
// Plain functions, no Nest module: the features that export (attendance's lists, the catalogue's
// iCal feed) call the writers and the calendar builder with their own rows.
export {
  EXPORT_TIME_ZONE,
  batchesOf,
  cellText,
  inBatches,
  RowBatches,
  formatIsoDateTime,
  isoDateTimeSql,
  formatVietnameseDateTime,
  type CellValue,
  type ColumnHeading,
  type ExportColumn,
  type SqlExportColumn,
  type ExportFormatOptions,
  type RowSource,
} from './columns';
export { isFormulaLike, neutraliseFormula, neutraliseFormulaSql, safeCell } from './spreadsheet-safety';
export { CSV_CONTENT_TYPE, csvField, csvFromPostgres, csvRecord, csvStream, type CsvOptions } from './csv.writer';
export { XLSX_CONTENT_TYPE, sheetNameFor, xlsxStream, type XlsxGrouping, type XlsxOptions } from './xlsx.writer';
export { excelSerialSql, xlsxCopySelect, xlsxFromPostgres, type XlsxFromPostgresOptions } from './xlsx-from-postgres';
export {
  PDF_CONTENT_TYPE,
  PDF_MAX_ROWS,
  assertPdfRowCount,
  pdfTooLarge,
  signInSheetPdf,
  type SignInSheetOptions,
} from './pdf.writer';
export { asciiFallback, attachmentHeader } from './content-disposition';
export {
  ICAL_CONTENT_TYPE,
  belongsInCalendar,
  buildCalendar,
  escapeText,
  foldLine,
  nextDay,
  utcStamp,
  type CalendarEvent,
  type CalendarOptions,
  type DatePrecision,
} from './ical';
