import { readCsv } from './csv-reader';

describe('readCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and a BOM', () => {
    expect(readCsv('\uFEFFHọ và tên,Cơ quan\r\n"Nguyễn Văn ""Tư""","Sở Ngoại vụ, Tuyên Quang"\r\n')).toEqual([
      ['Họ và tên', 'Cơ quan'],
      ['Nguyễn Văn "Tư"', 'Sở Ngoại vụ, Tuyên Quang'],
    ]);
  });

  it('detects semicolon-separated files and skips blank lines', () => {
    expect(readCsv('a;b\n\n1;2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});
