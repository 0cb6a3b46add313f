import { HttpStatus } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import { ProblemException } from '@app/common';
import { cellText, ExportColumn, ExportFormatOptions, formatVietnameseDateTime, nfc } from './columns';

export const PDF_CONTENT_TYPE = 'application/pdf';

/**
 * The most rows a PDF sign-in sheet takes. Unlike CSV and XLSX, the PDF is built whole in
 * memory: "Trang x/y" needs every page kept until the last one is known (pdfkit bufferPages),
 * and the rows are gathered first so that an oversized list is refused before a byte is sent
 * and so that rows can be grouped whatever their order. 5,000 rows is about 190 A4 pages,
 * far more than anyone prints and signs for one session; measured, such a sheet takes about
 * 3 s of CPU (yielding between pages) and under 100 MB of extra heap, and is a 0.6 MB file.
 * Bigger lists go to CSV or XLSX, which stream with flat memory.
 */
export const PDF_MAX_ROWS = 5_000;

/** 422, not 413: 413 is about the request body, and here it is the requested answer that is too big. */
export function pdfTooLarge(limit: number = PDF_MAX_ROWS, rows?: number): ProblemException {
  return new ProblemException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'export-too-large',
    `Use CSV or XLSX for more than ${limit} rows: a PDF sign-in sheet holds at most ${limit} rows` +
      (rows === undefined ? '' : `, and this list has ${rows}`),
    { limit, ...(rows === undefined ? {} : { rows }), alternatives: ['csv', 'xlsx'] },
  );
}

/** For callers that count first (SELECT count(*)): refuse before opening a cursor. */
export function assertPdfRowCount(rows: number, limit: number = PDF_MAX_ROWS): void {
  if (rows > limit) throw pdfTooLarge(limit, rows);
}

/**
 * DejaVu Sans Condensed from the npm package dejavu-fonts-ttf (a dependency of the project, not
 * an OS font): full Vietnamese coverage (langcover: vi 100%), TrueType, which pdfkit embeds as a
 * subset with a ToUnicode map, so the text can be searched and copied out of the PDF.
 */
const FONT_FILES = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf',
} as const;
let fontData: { regular: Buffer; bold: Buffer } | undefined;
function fonts(): { regular: Buffer; bold: Buffer } {
  fontData ??= {
    regular: readFileSync(require.resolve(FONT_FILES.regular)),
    bold: readFileSync(require.resolve(FONT_FILES.bold)),
  };
  return fontData;
}

export interface SignInSheetOptions<Row> extends ExportFormatOptions {
  /** Default 'DANH SÁCH ĐIỂM DANH'. */
  title?: string;
  /** Lines under the title: session title, date, venue. The first is set in bold. */
  lines?: string[];
  /** Columns between 'STT' and 'Ký tên' (e.g. Họ và tên, Chức vụ, Cơ quan); `width` is a relative weight. */
  columns: readonly ExportColumn<Row>[];
  /**
   * Groups rows under a heading (e.g. the province); groups keep the order in which they first
   * appear, rows their order within a group. Numbering (STT) restarts in each group.
   */
  groupBy?: { key(row: Row): string; heading?(key: string): string };
  /** Default {@link PDF_MAX_ROWS}. */
  maxRows?: number;
  numberHeader?: string;
  signatureHeader?: string;
  /** false: no 'Ký tên' column (e.g. a whole-session sheet whose part columns are the signing cells). */
  signatureColumn?: boolean;
  /** Text printed in the signing cell instead of leaving it blank, e.g. 'Vắng' for an absent person. */
  signatureMark?(row: Row): string | null | undefined;
  /**
   * The heading block of an official list, above the title: the issuing body on the left and the
   * national (or Party) heading on the right; the first line of each side is regular, the others bold.
   */
  letterhead?: { left: readonly string[]; right: readonly string[] };
  /** A block at the end, right-aligned, for the person who compiled the list (title, then a signing space). */
  compiledBy?: readonly string[];
}

const PAGE = { size: 'A4' as const, width: 595.28, height: 841.89 };
const MARGIN = { top: 40, bottom: 50, left: 36, right: 36 };
const NUMBER_WIDTH = 30;
const SIGNATURE_WIDTH = 96;
/** About one centimetre: room for a signature. */
const SIGNATURE_ROW_HEIGHT = 28;
const PAD = 4;
const BODY_SIZE = 9.5;
/** A cell never grows past this, so one absurd value cannot push a row off the page. */
const MAX_CELL_TEXT_HEIGHT = 200;

interface Layout {
  xs: number[];
  widths: number[];
  headers: string[];
}

type Doc = PDFKit.PDFDocument;

/**
 * Renders an A4 sign-in sheet ("danh sách điểm danh"): title lines, then per group a heading and
 * a table STT | columns... | Ký tên (an empty signature cell of at least {@link SIGNATURE_ROW_HEIGHT}pt),
 * the table header repeated on every page, "Trang x/y" at the foot of each page, and the total.
 *
 * Resolves once the rows are read, with the PDF as a stream; rejects with
 * {@link pdfTooLarge} (a problem+json 422 pointing to CSV/XLSX) when there are more than
 * `maxRows`, before anything has been written, and closes `rows` then.
 */
export async function signInSheetPdf<Row>(
  rows: AsyncIterable<Row> | Iterable<Row>,
  options: SignInSheetOptions<Row>,
): Promise<Readable> {
  const maxRows = options.maxRows ?? PDF_MAX_ROWS;
  const formatDate = (date: Date) => formatVietnameseDateTime(date, options.timeZone);
  const groups = new Map<string, string[][]>();
  let count = 0;
  for await (const row of rows) {
    if (++count > maxRows) throw pdfTooLarge(maxRows);
    const key = options.groupBy ? nfc(options.groupBy.key(row) ?? '').trim() : '';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    const cells = options.columns.map((column) => cellText(column.value(row), formatDate));
    if (options.signatureColumn !== false) cells.push(nfc(options.signatureMark?.(row) ?? ''));
    group.push(cells);
  }

  const { regular, bold } = fonts();
  const title = nfc(options.title ?? 'DANH SÁCH ĐIỂM DANH');
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: MARGIN,
    bufferPages: true,
    lang: 'vi-VN',
    info: { Title: [title, ...(options.lines ?? [])].map(nfc).join(' - '), Creator: 'ttdn-training' },
  });
  doc.registerFont('Regular', regular);
  doc.registerFont('Bold', bold);
  render(doc, title, groups, count, options).catch((error: unknown) =>
    doc.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return doc;
}

function layoutFor<Row>(options: SignInSheetOptions<Row>): Layout {
  const tableWidth = PAGE.width - MARGIN.left - MARGIN.right;
  const signature = options.signatureColumn !== false;
  const free = tableWidth - NUMBER_WIDTH - (signature ? SIGNATURE_WIDTH : 0);
  const weights = options.columns.map((column) => column.width ?? 1);
  const total = weights.reduce((sum, weight) => sum + weight, 0) || 1;
  const widths = [
    NUMBER_WIDTH,
    ...weights.map((weight) => (free * weight) / total),
    ...(signature ? [SIGNATURE_WIDTH] : []),
  ];
  const xs: number[] = [];
  widths.reduce((x, width) => (xs.push(x), x + width), MARGIN.left);
  const headers = [
    options.numberHeader ?? 'STT',
    ...options.columns.map((column) => column.header),
    ...(signature ? [options.signatureHeader ?? 'Ký tên'] : []),
  ].map(nfc);
  return { xs, widths, headers };
}

const bottom = () => PAGE.height - MARGIN.bottom;

function textHeight(doc: Doc, font: string, size: number, text: string, width: number): number {
  return Math.min(
    doc
      .font(font)
      .fontSize(size)
      .heightOfString(text || ' ', { width }),
    MAX_CELL_TEXT_HEIGHT,
  );
}

function drawCells(doc: Doc, layout: Layout, y: number, height: number, cells: string[], header: boolean) {
  const font = header ? 'Bold' : 'Regular';
  doc.lineWidth(0.5);
  cells.forEach((text, index) => {
    const x = layout.xs[index];
    const width = layout.widths[index];
    if (header) doc.rect(x, y, width, height).fillAndStroke('#e8e8e8', '#000000').fillColor('#000000');
    else doc.rect(x, y, width, height).stroke('#000000');
    if (text) {
      const centred = header || index === 0;
      doc
        .font(font)
        .fontSize(BODY_SIZE)
        .text(text, x + PAD, y + PAD, {
          width: width - 2 * PAD,
          height: Math.min(height - 2 * PAD, MAX_CELL_TEXT_HEIGHT),
          align: centred ? 'center' : 'left',
          ellipsis: true,
        });
    }
  });
}

async function render<Row>(
  doc: Doc,
  title: string,
  groups: Map<string, string[][]>,
  count: number,
  options: SignInSheetOptions<Row>,
): Promise<void> {
  const layout = layoutFor(options);
  const tableWidth = PAGE.width - MARGIN.left - MARGIN.right;
  const headerHeight =
    Math.max(...layout.headers.map((text, i) => textHeight(doc, 'Bold', BODY_SIZE, text, layout.widths[i] - 2 * PAD))) +
    2 * PAD;
  const headingOf = (key: string) => nfc(options.groupBy?.heading?.(key) ?? key);
  const headingHeight = (text: string) => textHeight(doc, 'Bold', 11, text, tableWidth) + 6;

  // Title block, first page only, under the letterhead when there is one.
  let y = MARGIN.top;
  if (options.letterhead) {
    const half = tableWidth / 2;
    let bottomOfBlock = y;
    for (const [side, lines] of [
      [0, options.letterhead.left],
      [1, options.letterhead.right],
    ] as const) {
      let lineY = y;
      lines.forEach((line, index) => {
        doc
          .font(index === 0 && lines.length > 1 ? 'Regular' : 'Bold')
          .fontSize(10)
          .text(nfc(line), MARGIN.left + side * half, lineY, { width: half, align: 'center' });
        lineY = doc.y + 1;
      });
      // The short rule under the heading, as on official documents.
      if (lines.length > 0)
        doc
          .lineWidth(0.5)
          .moveTo(MARGIN.left + side * half + half / 2 - 40, lineY + 2)
          .lineTo(MARGIN.left + side * half + half / 2 + 40, lineY + 2)
          .stroke('#000000');
      bottomOfBlock = Math.max(bottomOfBlock, lineY + 6);
    }
    y = bottomOfBlock + 8;
  }
  doc.font('Bold').fontSize(14).text(title, MARGIN.left, y, { width: tableWidth, align: 'center' });
  y = doc.y + 4;
  (options.lines ?? []).forEach((line, index) => {
    doc
      .font(index === 0 ? 'Bold' : 'Regular')
      .fontSize(10.5)
      .text(nfc(line), MARGIN.left, y, { width: tableWidth, align: 'center' });
    y = doc.y + 2;
  });
  y += 10;

  const newPage = async () => {
    doc.addPage();
    y = MARGIN.top;
    await nextTurn(); // let the event loop breathe on long sheets
    if (doc.destroyed) throw new Error('sign-in sheet: the consumer went away');
  };
  const heading = (text: string) => {
    doc.font('Bold').fontSize(11).text(text, MARGIN.left, y, { width: tableWidth });
    y += headingHeight(text);
  };
  const tableHeader = () => {
    drawCells(doc, layout, y, headerHeight, layout.headers, true);
    y += headerHeight;
  };
  const rowHeight = (cells: string[]) =>
    Math.max(
      SIGNATURE_ROW_HEIGHT,
      ...cells.map((text, i) => textHeight(doc, 'Regular', BODY_SIZE, text, layout.widths[i] - 2 * PAD) + 2 * PAD),
    );

  if (count === 0) {
    tableHeader();
    doc
      .font('Regular')
      .fontSize(BODY_SIZE)
      .text('Không có ai trong danh sách.', MARGIN.left, y + 6, { width: tableWidth });
  }

  for (const [key, rows] of groups) {
    const text = options.groupBy ? headingOf(key || 'Khác') : undefined;
    // Keep the heading, the table header and the first row together.
    const first = rows.length > 0 ? [String(1), ...rows[0]] : [];
    const needed = (text ? headingHeight(text) : 0) + headerHeight + (first.length ? rowHeight(first) : 0);
    if (y + needed > bottom()) await newPage();
    if (text) heading(text);
    tableHeader();
    for (let index = 0; index < rows.length; index++) {
      const cells = [String(index + 1), ...rows[index]];
      const height = rowHeight(cells);
      if (y + height > bottom()) {
        await newPage();
        if (text) heading(`${text} (tiếp theo)`);
        tableHeader();
      }
      drawCells(doc, layout, y, height, cells, false);
      y += height;
    }
    y += 10;
  }

  const total = `Tổng số: ${count} người`;
  if (y + 20 > bottom()) await newPage();
  doc.font('Bold').fontSize(10.5).text(total, MARGIN.left, y, { width: tableWidth, align: 'right' });
  y = doc.y + 12;

  if (options.compiledBy && options.compiledBy.length > 0) {
    // Title lines, then room for a signature and the name written under it.
    const block = options.compiledBy.length * 14 + 60;
    if (y + block > bottom()) await newPage();
    const half = tableWidth / 2;
    options.compiledBy.forEach((line, index) => {
      doc
        .font(index === 0 ? 'Bold' : 'Regular')
        .fontSize(10)
        .text(nfc(line), MARGIN.left + half, y, { width: half, align: 'center' });
      y = doc.y + 1;
    });
  }

  // "Trang x/y" in the bottom margin of every page (hence bufferPages).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 };
    doc
      .font('Regular')
      .fontSize(9)
      .text(`Trang ${i + 1}/${range.count}`, MARGIN.left, PAGE.height - MARGIN.bottom + 18, {
        width: tableWidth,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins = margins;
  }
  doc.end();
}
