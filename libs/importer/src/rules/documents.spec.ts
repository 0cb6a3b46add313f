import { findDocuments } from './documents';

describe('guiding documents by number', () => {
  it('reads a party document with kind, date and issuer ("Kết luận số 57-KL/TW, ngày …của Bộ Chính trị")', () => {
    const [d] = findDocuments(
      'quán triệt Nghị quyết số 35-NQ/TW, ngày 22/10/2018 của Bộ Chính trị về bảo vệ nền tảng tư tưởng',
    );
    expect(d).toMatchObject({ number: '35-NQ/TW', kind: 'Nghị quyết', issuedOn: '2018-10-22', issuer: 'Bộ Chính trị' });
    expect(d.text).toBe('Nghị quyết số 35-NQ/TW, ngày 22/10/2018 của Bộ Chính trị');
  });

  it('reads state documents ("47/NQ-CP", "1079/QĐ-TTg", "13/2023/NĐ-CP") and hyphenated dates', () => {
    const found = findDocuments(
      'theo Quyết định 1079/QĐ-TTg ngày 14-9-2022 của Thủ tướng Chính phủ, Nghị quyết 47/NQ-CP và Nghị định số 13/2023/NĐ-CP',
    );
    expect(found.map((d) => [d.number, d.kind, d.issuedOn])).toEqual([
      ['1079/QĐ-TTg', 'Quyết định', '2022-09-14'],
      ['47/NQ-CP', 'Nghị quyết', null],
      ['13/2023/NĐ-CP', 'Nghị định', null],
    ]);
  });

  it('normalises a spaced number ("57- KL/TW") and names the kind from the code when the text does not', () => {
    expect(findDocuments('triển khai 05- CT/TW trong toàn Đảng')[0]).toMatchObject({
      number: '05-CT/TW',
      kind: 'Chỉ thị',
    });
  });

  it('ignores numbers that are not document numbers', () => {
    expect(findDocuments('Nghị quyết 57 của Bộ Chính trị, 63 điểm cầu, ngày 8/3/2025')).toEqual([]);
  });
});
