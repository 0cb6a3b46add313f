import { asciiFallback, attachmentHeader } from './content-disposition';

describe('attachmentHeader', () => {
  it('sends a Vietnamese name RFC 5987-encoded with an ASCII fallback', () => {
    expect(attachmentHeader('Danh sách điểm danh - Hòa Bình.csv')).toBe(
      `attachment; filename="Danh sach diem danh - Hoa Binh.csv"; ` +
        `filename*=UTF-8''Danh%20s%C3%A1ch%20%C4%91i%E1%BB%83m%20danh%20-%20H%C3%B2a%20B%C3%ACnh.csv`,
    );
  });

  it('decodes back to the NFC name, whatever form it was given in', () => {
    const name = 'Đặng Văn Đức (bản in).pdf';
    const header = attachmentHeader(name.normalize('NFD'));
    const encoded = /filename\*=UTF-8''(.+)$/.exec(header)![1];
    expect(decodeURIComponent(encoded)).toBe(name.normalize('NFC'));
    // attr-char only (RFC 5987): ' ( ) * are percent-encoded too.
    expect(encoded).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(header).toContain('filename="Dang Van Duc (ban in).pdf"');
  });

  it('keeps quotes, backslashes, path separators and line breaks out of the header', () => {
    const header = attachmentHeader('a"b\\c/d\r\nSet-Cookie: x.csv');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toMatch(/^attachment; filename="a_b_c_d__Set-Cookie: x\.csv"; filename\*=UTF-8''/);
  });

  it('maps letters outside Latin to underscores in the fallback only', () => {
    expect(asciiFallback('Điểm cầu 東京.csv')).toBe('Diem cau __.csv');
    expect(attachmentHeader('東京.csv')).toContain("filename*=UTF-8''%E6%9D%B1%E4%BA%AC.csv");
  });
});
