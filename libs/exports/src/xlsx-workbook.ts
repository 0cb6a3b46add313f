import { setImmediate as nextTurn } from 'node:timers/promises';
import { nfc } from './columns';
import { PieceBuffer } from './piece-buffer';
import { APP_XML, contentTypesXml, coreXml, ROOT_RELS, stylesXml, workbookRelsXml, workbookXml } from './xlsx-package';
import { cellXml, columnLetters, sheetEnd, sheetNameFor, sheetStart, STYLE, summaryXml } from './xlsx-sheet';
import { ZipWriter } from './zip.writer';

/** Rows of sheet XML gathered in one piece (PieceBuffer) before it goes to the compressor. */
const ROWS_PER_PIECE = 1000;
/** A source and a consumer that never wait would run the whole export in one go: every this many pieces, other requests get a turn. */
const PIECES_PER_TURN = 16;

/** How a grouped workbook's summary sheet is headed and what it always lists. */
export interface XlsxSummary {
  /** Heading of the group column on the summary sheet, e.g. 'Tỉnh/Thành phố'. */
  label: string;
  /** Name of the last sheet, with the number of people in each group. Default 'Tổng hợp'; false for none. */
  summarySheet?: string | false;
  /** Groups to list on the summary even when no row has them (shown with 0), e.g. invited provinces. */
  alwaysList?: readonly string[];
}

/**
 * People per group, for the summary sheet, as rows arrive ordered by group: a group that comes
 * back after another fails the export (its sheet is closed). Distinct people of the current group
 * only are kept, so memory is one group's people at most.
 */
export class GroupCounts {
  readonly counts = new Map<string, number>();
  private current: string | undefined;
  private seen = new Set<string | number>();

  /** Whether `group` (NFC, trimmed) starts a new group here. */
  enter(group: string): boolean {
    if (group === this.current) return false;
    if (this.counts.has(group)) {
      throw new Error(`xlsx: rows must be ordered by group; "${group}" came back after another group`);
    }
    this.current = group;
    this.counts.set(group, 0);
    this.seen = new Set();
    return true;
  }

  /** One row of the current group, about `person` (undefined: a person of their own). */
  count(person: string | number | undefined): void {
    if (person !== undefined) {
      if (this.seen.has(person)) return;
      this.seen.add(person);
    }
    this.counts.set(this.current!, this.counts.get(this.current!)! + 1);
  }
}

/** A group's name as its sheet and summary show it. */
export const groupName = (key: string | null | undefined): string => nfc(key ?? '').trim();

/**
 * The parts of a streamed XLSX: sheets opened and closed in turn, their rows written by the caller
 * into {@link piece} (the sheet XML of a row, `<row r="…">…</row>`, numbered from
 * {@link nextRow}), then the summary and the package parts. Each method yields the bytes to send.
 * The writers (xlsx.writer.ts from JS rows, xlsx-from-postgres.ts from a COPY) share it.
 *
 * Every sheet gets a bold, frozen header row, an auto-filter over the columns, the columns'
 * widths and the print setup.
 */
export class XlsxWorkbook {
  readonly piece = new PieceBuffer();
  private readonly zip = new ZipWriter();
  private readonly taken = new Set<string>();
  private readonly sheets: { name: string; filter: string | null }[] = [];
  private open = false;
  private rowNumber = 0;
  private pieces = 0;
  private readonly headerXml: string;

  constructor(
    headers: readonly string[],
    private readonly widths: readonly number[],
    private readonly timeZone: string,
    private readonly creator: string,
  ) {
    this.headerXml =
      '<row r="1">' +
      headers.map((header, i) => cellXml(`${columnLetters(i + 1)}1`, header, timeZone, STYLE.header)).join('') +
      '</row>';
  }

  get hasSheets(): boolean {
    return this.sheets.length > 0;
  }

  async *openSheet(wanted: string): AsyncGenerator<Buffer> {
    yield* this.closeSheet();
    const name = sheetNameFor(wanted, this.taken);
    this.sheets.push({ name, filter: `$A$1:$${columnLetters(Math.max(this.widths.length, 1))}$1` });
    yield this.zip.begin(`xl/worksheets/sheet${this.sheets.length}.xml`);
    this.piece.append(sheetStart(this.widths) + this.headerXml);
    this.rowNumber = 1;
    this.open = true;
  }

  /** The number of the row about to be written in the open sheet. */
  nextRow(): number {
    return ++this.rowNumber;
  }

  /** Whether the rows written so far fill a piece: then {@link sendPiece} before the next row. */
  get pieceFull(): boolean {
    return this.rowNumber % ROWS_PER_PIECE === 0;
  }

  /** The piece to the compressor. The generator waits in these yields until the consumer wants more: backpressure. */
  async *sendPiece(): AsyncGenerator<Buffer> {
    yield* await this.zip.write(this.piece.take());
    if (++this.pieces % PIECES_PER_TURN === 0) await nextTurn();
  }

  /** Closes the last sheet (opening `emptySheet` first if none was: an empty export still opens in Excel), then the summary and the package. */
  async *finish(
    emptySheet: string,
    summary?: { of: XlsxSummary; counts: Map<string, number> },
  ): AsyncGenerator<Buffer> {
    if (!this.open && this.sheets.length === 0) yield* this.openSheet(emptySheet);
    yield* this.closeSheet();
    const grouping = summary?.of;
    if (
      grouping &&
      grouping.summarySheet !== false &&
      (summary.counts.size > 0 || (grouping.alwaysList ?? []).length > 0)
    ) {
      const name = sheetNameFor(grouping.summarySheet || 'Tổng hợp', this.taken);
      this.sheets.push({ name, filter: null });
      yield this.zip.begin(`xl/worksheets/sheet${this.sheets.length}.xml`);
      yield* await this.zip.write(summaryXml(grouping, summary.counts, this.timeZone));
      yield* await this.zip.end();
    }
    const zip = this.zip;
    yield* await zip.file('[Content_Types].xml', contentTypesXml(this.sheets.length));
    yield* await zip.file('_rels/.rels', ROOT_RELS);
    yield* await zip.file('docProps/core.xml', coreXml(this.creator, new Date()));
    yield* await zip.file('docProps/app.xml', APP_XML);
    yield* await zip.file('xl/workbook.xml', workbookXml(this.sheets));
    yield* await zip.file('xl/_rels/workbook.xml.rels', workbookRelsXml(this.sheets.length));
    yield* await zip.file('xl/styles.xml', stylesXml());
    yield zip.finish();
  }

  private async *closeSheet(): AsyncGenerator<Buffer> {
    if (!this.open) return;
    this.piece.append(sheetEnd(this.widths.length, true));
    yield* await this.zip.write(this.piece.take());
    yield* await this.zip.end();
    this.open = false;
  }
}
