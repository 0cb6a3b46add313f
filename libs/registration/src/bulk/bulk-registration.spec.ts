import { parseBulkRows } from './bulk-registration';
import { SheetRow } from './sheet';

const sheet = (...rows: string[][]): SheetRow[] => rows.map((cells, index) => ({ row: index + 1, cells }));

describe('parseBulkRows', () => {
  const header = ['Họ và tên', 'Giới tính', 'Chức vụ', 'Cơ quan', 'Điện thoại', 'Email'];

  it('maps Vietnamese headers and gender words to fields', () => {
    const { inputs, errors } = parseBulkRows(
      sheet(header, ['Đặng Văn Đức', 'Nam', 'Chuyên viên', 'Sở Ngoại vụ', '0912345678', '']),
    );
    expect(errors).toEqual([]);
    expect(inputs[0]).toMatchObject({
      fullName: 'Đặng Văn Đức',
      gender: 'male',
      agency: 'Sở Ngoại vụ',
      phone: '0912345678',
    });
  });

  it('reports every bad row with its sheet row number, column and reason', () => {
    const { errors } = parseBulkRows(
      sheet(
        header,
        ['Nguyễn A', 'Nữ', '', 'Công an tỉnh', '0911111111', ''],
        ['', 'Nữ', '', 'Công an tỉnh', '0922222222', ''],
        ['Trần B', 'Nữ', '', 'Báo tỉnh', '', 'not-an-email'],
        ['nguyen a', '', '', 'Công an tỉnh', '+84 911 111 111', ''],
      ),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: 'Họ và tên' }),
        expect.objectContaining({ row: 4, column: 'Email' }),
        expect.objectContaining({ row: 5, column: 'Họ và tên', message: 'the same person as row 2' }),
      ]),
    );
  });

  it('skips the example rows of the templates and says so', () => {
    const { inputs, skipped } = parseBulkRows(
      sheet(
        header,
        ['Ví dụ: Nguyễn Thị Hồng Nhung', 'Nữ', 'Phó Trưởng ban', 'Ban Tuyên giáo Tỉnh ủy', '0912 345 678', ''],
        ['Nguyễn Thị Hồng Nhung', 'Nữ', 'Phó Trưởng ban', 'Ban Tuyên giáo Tỉnh ủy', '0912 345 678', ''],
        ['Lê Văn Tám', 'Nam', '', 'Sở Ngoại vụ', '0912000111', ''],
      ),
    );
    expect(inputs.map((input) => input.fullName)).toEqual(['Lê Văn Tám']);
    expect(skipped.map((row) => row.row)).toEqual([2, 3]);
  });

  it('refuses a file without the required columns, naming the header row', () => {
    expect(parseBulkRows(sheet(['Tên'], ['x'])).errors[0]).toMatchObject({ row: 1, column: 'Họ và tên' });
  });
});
