import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import type { ExportColumn } from './columns';
import { sheetNameFor, xlsxStream } from './xlsx.writer';

interface Attendee {
  province: string;
  name: string;
  agency: string;
  seats: number;
  checkedInAt: Date | null;
}

const columns: ExportColumn<Attendee>[] = [
  { key: 'name', header: 'Họ và tên', width: 28, value: (row) => row.name },
  { key: 'agency', header: 'Cơ quan', width: 40, value: (row) => row.agency },
  { key: 'seats', header: 'Số chỗ', width: 8, value: (row) => row.seats },
  { key: 'checkedInAt', header: 'Giờ điểm danh', width: 18, value: (row) => row.checkedInAt },
];

const attendees: Attendee[] = [
  {
    province: 'Hòa Bình',
    name: 'Nguyễn Thị Hồng Nhung',
    agency: 'Sở Ngoại vụ',
    seats: 1,
    checkedInAt: new Date('2024-08-07T01:30:00Z'),
  },
  {
    province: 'Hòa Bình',
    name: '=HYPERLINK("http://evil.example","Bấm")',
    agency: '+84 912 345 678',
    seats: -2,
    checkedInAt: null,
  },
  {
    province: 'Tuyên Quang'.normalize('NFD'),
    name: 'Đặng Văn Đức'.normalize('NFD'),
    agency: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
    seats: 3,
    checkedInAt: null,
  },
];

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function load(stream: Readable): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readAll(stream)) as unknown as ExcelJS.Buffer);
  return workbook;
}

const values = (sheet: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

async function* rowsOf<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

describe('xlsxStream', () => {
  it('writes one sheet per group with a bold frozen header, widths and a summary, read back with exceljs', async () => {
    const workbook = await load(
      xlsxStream(rowsOf(attendees), columns, { groupBy: { key: (row) => row.province, label: 'Tỉnh/Thành phố' } }),
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Hòa Bình', 'Tuyên Quang', 'Tổng hợp']);

    const hoaBinh = workbook.getWorksheet('Hòa Bình')!;
    expect(values(hoaBinh)).toEqual([
      ['Họ và tên', 'Cơ quan', 'Số chỗ', 'Giờ điểm danh'],
      // Check-in 01:30 UTC is 08:30 in Việt Nam, shown as such.
      ['Nguyễn Thị Hồng Nhung', 'Sở Ngoại vụ', 1, new Date('2024-08-07T08:30:00Z')],
      // Formula injection neutralised; the negative number stays a number.
      [`'=HYPERLINK("http://evil.example","Bấm")`, `'+84 912 345 678`, -2],
    ]);
    expect(hoaBinh.getCell('C3').type).toBe(ExcelJS.ValueType.Number);
    expect(hoaBinh.getCell('A3').type).toBe(ExcelJS.ValueType.String);
    expect(hoaBinh.getCell('D2').numFmt).toBe('dd/mm/yyyy hh:mm');
    expect(hoaBinh.getRow(1).font?.bold ?? hoaBinh.getCell('A1').font?.bold).toBe(true);
    expect(hoaBinh.getCell('A2').font?.bold).toBeFalsy();
    expect(hoaBinh.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(hoaBinh.columns.map((column) => column.width)).toEqual([28, 40, 8, 18]);
    expect(hoaBinh.autoFilter).toBeTruthy();

    // NFD in, NFC out: sheet name and cells.
    const tuyenQuang = workbook.getWorksheet('Tuyên Quang')!;
    expect(tuyenQuang.getCell('A2').value).toBe('Đặng Văn Đức'.normalize('NFC'));

    expect(values(workbook.getWorksheet('Tổng hợp')!)).toEqual([
      ['Tỉnh/Thành phố', 'Số người'],
      ['Hòa Bình', 2],
      ['Tuyên Quang', 1],
      ['Tổng cộng', 3],
    ]);
  });

  it('counts people, not rows, when a person has several rows, and lists groups nobody is in with 0', async () => {
    // Nhung appears twice (two parts); Lào Cai was invited and nobody came from it.
    const twice = [attendees[0], { ...attendees[0], checkedInAt: null }, attendees[2]];
    const workbook = await load(
      xlsxStream(rowsOf(twice), columns, {
        groupBy: {
          key: (row) => row.province,
          label: 'Tỉnh/Thành phố',
          personKey: (row) => row.name,
          alwaysList: ['Lào Cai', 'Hòa Bình'],
        },
      }),
    );
    expect(values(workbook.getWorksheet('Tổng hợp')!)).toEqual([
      ['Tỉnh/Thành phố', 'Số người'],
      ['Hòa Bình', 1],
      ['Lào Cai', 0],
      ['Tuyên Quang', 1],
      ['Tổng cộng', 2],
    ]);
    // Ready to print: A4, one page wide, the header row on every page.
    const sheet = workbook.getWorksheet('Hòa Bình')!;
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(sheet.pageSetup.printTitlesRow).toBe('1:1');
  });

  it('writes a single sheet when rows are not grouped, and a header-only sheet for no rows', async () => {
    const workbook = await load(xlsxStream(attendees, columns, { sheetName: 'Điểm danh' }));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Điểm danh']);
    expect(workbook.worksheets[0].rowCount).toBe(4);

    const empty = await load(xlsxStream([], columns, { groupBy: { key: (row) => row.province, label: 'Tỉnh' } }));
    expect(empty.worksheets.map((sheet) => sheet.name)).toEqual(['Danh sách']);
    expect(values(empty.worksheets[0])).toEqual([['Họ và tên', 'Cơ quan', 'Số chỗ', 'Giờ điểm danh']]);
  });

  it('fails the stream when grouped rows are not ordered by group', async () => {
    const unordered = [attendees[0], attendees[2], attendees[1]];
    await expect(
      readAll(xlsxStream(unordered, columns, { groupBy: { key: (row) => row.province, label: 'Tỉnh' } })),
    ).rejects.toThrow(/ordered by group/);
  });

  it('fails the stream when the row source fails, and closes the source when the consumer leaves', async () => {
    async function* broken() {
      yield attendees[0];
      throw new Error('cursor lost');
    }
    await expect(readAll(xlsxStream(broken(), columns))).rejects.toThrow('cursor lost');

    let closed = false;
    let produced = 0;
    async function* endless() {
      try {
        for (;;) {
          produced++;
          yield { ...attendees[0], agency: `Cơ quan số ${produced} ${'x'.repeat(200)}` };
        }
      } finally {
        closed = true;
      }
    }
    const stream = xlsxStream(endless(), columns);
    await new Promise((resolve) => stream.once('data', resolve));
    stream.destroy();
    // The writer may be waiting on the compressor (zlib's thread pool) when destroyed: poll.
    for (let i = 0; i < 500 && !closed; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed).toBe(true);
  });

  it('pulls rows only as fast as the consumer reads (backpressure), and reads back many pieces whole', async () => {
    let produced = 0;
    async function* endless() {
      for (;;) {
        produced++;
        yield { ...attendees[0], agency: `Cơ quan số ${produced} ${'x'.repeat(200)}` };
      }
    }
    const stream = xlsxStream(endless(), columns);
    stream.pause();
    for (let i = 0; i < 200; i++) await new Promise((resolve) => setImmediate(resolve));
    const pulled = produced;
    for (let i = 0; i < 200; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(produced).toBe(pulled);
    expect(produced).toBeLessThan(50_000);
    stream.destroy();

    const many = Array.from({ length: 5_000 }, (_, i) => ({
      ...attendees[0],
      seats: i,
      name: `Người <${i}> & "${i}"\u0001`,
    }));
    const workbook = await load(xlsxStream(many, columns));
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(5_001);
    expect(sheet.getCell('A5001').value).toBe('Người <4999> & "4999"');
    expect(sheet.getCell('C5001').value).toBe(4_999);
  });

  it('makes sheet names Excel accepts', () => {
    const taken = new Set<string>();
    expect(sheetNameFor('Hà Nội', taken)).toBe('Hà Nội');
    expect(sheetNameFor('hà nội', taken)).toBe('hà nội (2)');
    expect(sheetNameFor('Điểm cầu [Bộ Công an]: tổ 1/2?*', taken)).toBe('Điểm cầu Bộ Công an tổ 1 2');
    expect(sheetNameFor("'Quảng Ninh'", taken)).toBe('Quảng Ninh');
    expect(sheetNameFor('', taken)).toBe('Khác');
    const long = sheetNameFor('Ban Tuyên giáo và Dân vận Trung ương, Hà Nội', taken);
    expect(long.length).toBeLessThanOrEqual(31);
    const again = sheetNameFor('Ban Tuyên giáo và Dân vận Trung ương, Hà Nội', taken);
    expect(again.length).toBeLessThanOrEqual(31);
    expect(again.endsWith(' (2)')).toBe(true);
  });
});
