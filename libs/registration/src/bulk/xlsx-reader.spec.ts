import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { templateXlsx } from './bulk-registration';
import { readXlsx } from './xlsx-reader';

const HEADER = ['Họ và tên', 'Giới tính', 'Chức vụ', 'Cơ quan', 'Điện thoại', 'Email'];

async function workbookBytes(sheets: Record<string, string[][]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) workbook.addWorksheet(name).addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The same archive with its entries written in `order` (paths not named keep their place after them). */
async function reordered(body: Buffer, first: (paths: string[]) => string[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(body);
  const paths = Object.keys(zip.files).filter((path) => !zip.files[path].dir);
  const order = [...first(paths), ...paths.filter((path) => !first(paths).includes(path))];
  const out = new JSZip();
  for (const path of order) out.file(path, await zip.files[path].async('nodebuffer'));
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const names = (rows: { cells: string[] }[]) => rows.map((row) => row.cells[0]);

describe('readXlsx', () => {
  it('reads the list when a worksheet comes after the shared strings but before workbook.xml in the archive', async () => {
    const body = await workbookBytes({
      'Danh sách': [HEADER, ['Trịnh Văn Quyết', 'Nam', '', 'Sở Văn hóa', '0961000001', '']],
      'Hướng dẫn': [['Trang này không được đọc']],
    });
    // The order ExcelJS itself sometimes writes: the streaming reader then met the sheet before it knew the workbook.
    const workbookLast = await reordered(body, (paths) => [
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      ...paths.filter((path) => path.startsWith('xl/worksheets/')),
      'xl/workbook.xml',
    ]);
    const stored = Object.values((await JSZip.loadAsync(workbookLast)).files).filter((entry) => !entry.dir);
    expect(stored.findIndex((entry) => entry.name === 'xl/workbook.xml')).toBeGreaterThan(
      stored.findIndex((entry) => entry.name === 'xl/worksheets/sheet1.xml'),
    );
    expect(names(await readXlsx(workbookLast))).toEqual(['Họ và tên', 'Trịnh Văn Quyết']);
  });

  it('reads the first tab as Excel shows it, also when that tab is not sheet1.xml', async () => {
    const body = await workbookBytes({
      'Hướng dẫn': [['Trang này không được đọc']],
      'Danh sách': [HEADER, ['Hà Thị Thu', 'Nữ', '', 'Báo Tuyên Quang', '0961000002', '']],
    });
    // Moving the list's tab to the front in Excel changes the order in workbook.xml, not the file names.
    const zip = await JSZip.loadAsync(body);
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    const tabs = workbookXml.match(/<sheet\b[^>]*\/>/g)!;
    expect(tabs).toHaveLength(2);
    zip.file('xl/workbook.xml', workbookXml.replace(tabs.join(''), [tabs[1], tabs[0]].join('')));
    const listFirst = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(names(await readXlsx(listFirst))).toEqual(['Họ và tên', 'Hà Thị Thu']);
  });

  it('reads the downloaded template filled in and saved again, every time', async () => {
    // ExcelJS writes its parts in no fixed order; a few dozen saves cover the orders it produces.
    for (let save = 0; save < 40; save++) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await templateXlsx()) as unknown as ArrayBuffer);
      workbook.worksheets[0].addRow(['Trịnh Văn Quyết', 'Nam', 'Chuyên viên', 'Sở Văn hóa', '0961000001', '']);
      const rows = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
      expect(names(rows)).toEqual(['Họ và tên', 'Trịnh Văn Quyết']);
    }
  });
});
