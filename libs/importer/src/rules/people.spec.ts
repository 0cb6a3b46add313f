import { findPeople } from './people';

describe('people, ranks, titles and posts', () => {
  it('reads honorific, military rank, name and posts ("đồng chí Thiếu tướng …, Phó Cục trưởng …, Bộ …")', () => {
    const [p] = findPeople(
      'Chuyên đề do đồng chí Đại tá Trần Minh Đức, Phó Cục trưởng Cục Tuyên huấn, Bộ Quốc phòng trình bày.',
    );
    expect(p).toMatchObject({
      fullName: 'Trần Minh Đức',
      honorific: 'đồng chí',
      militaryRank: 'Đại tá',
      academicTitle: null,
      posts: ['Phó Cục trưởng Cục Tuyên huấn, Bộ Quốc phòng'],
    });
  });

  it('reads academic titles ("PGS.TS", "TS.") and several posts', () => {
    const [p] = findPeople('PGS.TS Hoàng Thị Mai, Ủy viên Hội đồng Lý luận Trung ương, Giám đốc Học viện X cho biết …');
    expect(p).toMatchObject({
      fullName: 'Hoàng Thị Mai',
      academicTitle: 'PGS.TS',
      posts: ['Ủy viên Hội đồng Lý luận Trung ương', 'Giám đốc Học viện X'],
    });
    expect(findPeople('TS. Vũ Văn An trao đổi với học viên.')[0]).toMatchObject({
      academicTitle: 'TS',
      fullName: 'Vũ Văn An',
    });
  });

  it('reads a person named with a post but no honorific, and stops the posts at the verb', () => {
    const [p] = findPeople(
      'Theo Đinh Thị Lan, Phó Trưởng ban Thường trực Ban Dân vận Tỉnh ủy đề nghị các địa phương …',
    );
    expect(p.fullName).toBe('Đinh Thị Lan');
    expect(p.posts).toEqual(['Phó Trưởng ban Thường trực Ban Dân vận Tỉnh ủy']);
  });

  it('does not take a place or a post for a person', () => {
    expect(findPeople('tại Hà Nội, Ban Chỉ đạo tổ chức hội nghị')).toEqual([]);
    expect(findPeople('đồng chí Phó Trưởng Ban Tuyên giáo đề nghị')).toEqual([]);
  });
});
