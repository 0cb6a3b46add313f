import { findOrganisers, splitOrganisations } from './organisations';

describe('organisers and organisation lists', () => {
  it('splits a list only where a new organisation name starts', () => {
    const list =
      'Bộ Văn hóa, Thể thao và Du lịch, Ban Tuyên giáo và Dân vận Trung ương và Sở Thông tin và Truyền thông';
    expect(splitOrganisations(list).map((m) => m.text)).toEqual([
      'Bộ Văn hóa, Thể thao và Du lịch',
      'Ban Tuyên giáo và Dân vận Trung ương',
      'Sở Thông tin và Truyền thông',
    ]);
  });

  it('keeps "Cục X, Bộ Y" (a department and its ministry) as one body', () => {
    expect(
      splitOrganisations('Cục Báo chí, Bộ Văn hóa, Thể thao và Du lịch và Hội Nhà báo Việt Nam').map((m) => m.text),
    ).toEqual(['Cục Báo chí, Bộ Văn hóa, Thể thao và Du lịch', 'Hội Nhà báo Việt Nam']);
  });

  it('reads "A chủ trì, phối hợp với B và C tổ chức": A leads, B and C co-organise', () => {
    const text =
      'Sáng 3/4, tại Hà Nội, Ban Đối ngoại Trung ương chủ trì, phối hợp với Bộ Ngoại giao và Thành ủy Hà Nội tổ chức hội nghị.';
    const clause = findOrganisers(text, text.indexOf('Ban'))!;
    expect(clause.lead.map((m) => m.text)).toEqual(['Ban Đối ngoại Trung ương']);
    expect(clause.partners.map((m) => m.text)).toEqual(['Bộ Ngoại giao', 'Thành ủy Hà Nội']);
    expect(text).toContain(clause.quote.text);
  });

  it('reads "A và B phối hợp với C tổ chức": the first named leads', () => {
    const text =
      'Ngày 2/6, Ban Tuyên giáo Tỉnh ủy và Sở Ngoại vụ phối hợp với UBND huyện Mường Tè tổ chức lớp bồi dưỡng.';
    const clause = findOrganisers(text)!;
    expect(clause.lead.map((m) => m.text)).toEqual(['Ban Tuyên giáo Tỉnh ủy', 'Sở Ngoại vụ']);
    expect(clause.partners.map((m) => m.text)).toEqual(['UBND huyện Mường Tè']);
  });

  it('reads "Hội nghị do A chủ trì, phối hợp với B tổ chức" and "A tổ chức"', () => {
    const passive = findOrganisers(
      'Lớp học do Học viện Báo chí và Tuyên truyền chủ trì, phối hợp với Báo Nhân Dân tổ chức.',
    )!;
    expect(passive.lead.map((m) => m.text)).toEqual(['Học viện Báo chí và Tuyên truyền']);
    expect(passive.partners.map((m) => m.text)).toEqual(['Báo Nhân Dân']);
    const single = findOrganisers('Chiều 4/5, Sở Ngoại vụ tỉnh Lào Cai tổ chức tập huấn.')!;
    expect(single.lead.map((m) => m.text)).toEqual(['Sở Ngoại vụ tỉnh Lào Cai']);
  });

  it('leaves auxiliaries out of the name ("A đã tổ chức", "A và B phối hợp tổ chức")', () => {
    const past = findOrganisers('Ngày 3/9, Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An đã long trọng tổ chức hội nghị.')!;
    expect(past.lead.map((m) => m.text)).toEqual(['Ban Tuyên giáo và Dân vận Tỉnh ủy Nghệ An']);
    const joint = findOrganisers('Sở Ngoại vụ và Hội Nhà báo tỉnh phối hợp tổ chức lớp tập huấn.')!;
    expect(joint.lead.map((m) => m.text)).toEqual(['Sở Ngoại vụ', 'Hội Nhà báo tỉnh']);
  });

  it('does not take an event or a hall for an organiser ("Hội nghị … được tổ chức")', () => {
    expect(findOrganisers('Hội nghị tập huấn kỹ năng đối ngoại được tổ chức tại Hội trường tỉnh.')).toBeNull();
  });

  it('finds no organiser where no body is named before "tổ chức"', () => {
    expect(findOrganisers('Các đơn vị sẽ tổ chức tuyên truyền rộng rãi.')).toBeNull();
  });
});
