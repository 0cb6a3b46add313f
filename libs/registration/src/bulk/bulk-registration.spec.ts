import { parseBulkRows } from './bulk-registration';

describe('parseBulkRows', () => {
  const header = ['Họ và tên', 'Giới tính', 'Chức vụ', 'Cơ quan', 'Điện thoại', 'Email'];

  it('maps Vietnamese headers and gender words to fields', () => {
    const { inputs, errors } = parseBulkRows([
      header,
      ['Đặng Văn Đức', 'Nam', 'Chuyên viên', 'Sở Ngoại vụ', '0912345678', ''],
    ]);
    expect(errors).toEqual([]);
    expect(inputs[0]).toMatchObject({
      fullName: 'Đặng Văn Đức',
      gender: 'male',
      agency: 'Sở Ngoại vụ',
      phone: '0912345678',
    });
  });

  it('reports every bad row with its number, column and reason', () => {
    const { errors } = parseBulkRows([
      header,
      ['Nguyễn A', 'Nữ', '', 'Công an tỉnh', '0911111111', ''],
      ['', 'Nữ', '', 'Công an tỉnh', '0922222222', ''],
      ['Trần B', 'Nữ', '', 'Báo tỉnh', '', 'not-an-email'],
      ['nguyen a', '', '', 'Công an tỉnh', '+84 911 111 111', ''],
    ]);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, column: 'Họ và tên' }),
        expect.objectContaining({ row: 3, column: 'Email' }),
        { row: 4, column: 'Họ và tên', message: 'the same person as row 1' },
      ]),
    );
  });

  it('refuses a file without the required columns', () => {
    expect(parseBulkRows([['Tên'], ['x']]).errors[0]).toMatchObject({ row: 0, column: 'Họ và tên' });
  });
});
