import { findCounts } from './counts';

describe('reported counts with qualifiers', () => {
  it('reads qualifiers hơn / khoảng / gần / trên', () => {
    const found = findCounts('hơn 300 đại biểu, khoảng 120 học viên, gần 40 điểm cầu và trên 1.200 cán bộ');
    expect(found.map((c) => [c.field, c.value, c.qualifier])).toEqual([
      ['participant_count', 300, 'more_than'],
      ['participant_count', 120, 'about'],
      ['bridge_point_count', 40, 'nearly'],
      ['participant_count', 1200, 'more_than'],
    ]);
  });

  it('reads numbers written as words and province counts', () => {
    expect(findCounts('Học viên được nghe ba chuyên đề.')[0]).toMatchObject({
      field: 'topic_count',
      value: 3,
      qualifier: 'exact',
    });
    expect(findCounts('cho cán bộ của 11 tỉnh, thành phố vùng đồng bằng')[0]).toMatchObject({
      field: 'invited_province_count',
      value: 11,
    });
  });

  it('does not count years, terms, ages or units it does not know', () => {
    expect(findCounts('năm 2025, nhiệm kỳ 2026-2028, gần 40 năm đổi mới, 63 tỉnh ủy')).toEqual([]);
  });
});
