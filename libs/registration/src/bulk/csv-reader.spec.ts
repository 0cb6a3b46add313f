import { readCsv, readCsvSheet } from './csv-reader';

describe('readCsvSheet', () => {
  it('reads quoted fields, doubled quotes, CRLF and a BOM', () => {
    expect(readCsv('\uFEFFHọ và tên,Cơ quan\r\n"Nguyễn Văn ""Tư""","Sở Ngoại vụ, Tuyên Quang"\r\n')).toEqual([
      ['Họ và tên', 'Cơ quan'],
      ['Nguyễn Văn "Tư"', 'Sở Ngoại vụ, Tuyên Quang'],
    ]);
  });

  it('detects semicolon-separated files and numbers rows by the line they start on, blank lines counted', () => {
    expect(readCsvSheet('a;b\n\n1;"x\ny"\n3;4\n')).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 3, cells: ['1', 'x\ny'] },
      { row: 5, cells: ['3', '4'] },
    ]);
  });

  it('refuses an unclosed quote with its line instead of swallowing the rest of the file', () => {
    expect(() => readCsvSheet('a,b\n1,"2\n3,4\n5,6\n')).toThrow(expect.objectContaining({ code: 'csv-malformed' }));
  });

  it('bounds the header width before parsing', () => {
    expect(() => readCsvSheet(`${'a,'.repeat(1_000_000)}\n`)).toThrow(
      expect.objectContaining({ code: 'too-many-columns' }),
    );
  });
});
