import { describe, expect, it } from 'vitest';
import { byGivenName, fold, matches } from './search';

describe('accent-insensitive search of the desk', () => {
  it('folds tone marks, vowel marks and đ, whatever the Unicode form', () => {
    expect(fold('Nguyễn Văn Đức')).toBe('nguyen van duc');
    expect(fold('Nguye\u0302\u0303n  Thị  Ánh'.normalize('NFD'))).toBe('nguyen thi anh');
  });

  it('finds a person by words of the name or the agency, in any order and without accents', () => {
    const fields = ['Đặng Văn Đức', 'Sở Thông tin và Truyền thông', 'Phú Thọ'];
    expect(matches('dang duc', fields)).toBe(true);
    expect(matches('duc phu tho', fields)).toBe(true);
    expect(matches('truyen thong', fields)).toBe(true);
    expect(matches('dung', fields)).toBe(false);
  });

  it('sorts by the given name, Vietnamese alphabet', () => {
    const names = ['Trần Văn Đức', 'Nguyễn Thị Ánh', 'Lê Văn Dũng', 'Hà Thị An'];
    expect([...names].sort(byGivenName)).toEqual(['Hà Thị An', 'Nguyễn Thị Ánh', 'Lê Văn Dũng', 'Trần Văn Đức']);
  });
});
