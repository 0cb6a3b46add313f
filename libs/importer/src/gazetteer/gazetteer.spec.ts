import { Gazetteer, organisationKey } from './gazetteer';
import { seedGazetteer } from './seed-gazetteer';

describe('gazetteer from the catalogue and the province reference', () => {
  const g: Gazetteer = seedGazetteer();

  it('matches an organisation by any name, dated name or alias, accents and abbreviations folded', () => {
    expect(g.organisation('Ban Tuyên giáo Trung ương').key).toBe('ban-tuyen-giao-tw');
    expect(g.organisation('Ban Tuyên giáo và Dân vận Trung ương').key).toBe('ban-tuyen-giao-tw');
    expect(g.organisation('Thanh uy TP.HCM').key).toBe('thanh-uy-tp-hcm');
    expect(g.organisation('Ủy ban nhân dân tỉnh Hòa Bình').key).toBe('ubnd-tinh-hoa-binh');
    expect(g.organisation('Sở Ngoại vụ tỉnh Điện Biên')).toMatchObject({ id: null, isNew: true });
    expect(organisationKey('Bộ VH, TT&DL')).toBe(organisationKey('Bộ Văn hóa, Thể thao và Du lịch'));
  });

  it('matches people by full name and documents by number, whatever the spacing', () => {
    expect(g.person('Lê Hải Bình').key).toBe('le-hai-binh');
    expect(g.person('Lê Văn Bình').isNew).toBe(true);
    expect(g.document('57- KL/TW').key).toBe('kl-57');
    expect(g.document('71-KL/TW').key).toBe('kl-71');
  });

  it('picks the province unit in force on the event date: old units before 1 July 2025, merged after', () => {
    expect(g.province('Hoà Bình', '2024-08-07')).toMatchObject({ name: 'Hòa Bình', id: 'Hòa Bình@2008' });
    expect(g.province('Tuyên Quang', '2025-09-01')).toMatchObject({ name: 'Tuyên Quang', id: 'Tuyên Quang@2025' });
    expect(g.province('Cao Bằng', '2025-09-01')).toMatchObject({ id: 'Cao Bằng' });
    expect(g.province('Không Có', null)).toBeNull();
  });

  it('finds provinces in text with accents folded and the TP HCM abbreviations, whole words only', () => {
    expect(g.findProvinces('tại TP HCM, Thanh Hoa và Quang Nam, không phải Namdinh').map((h) => h.name)).toEqual([
      'Hồ Chí Minh',
      'Thanh Hóa',
      'Quảng Nam',
    ]);
  });

  it('finds regions under the loose names the press uses', () => {
    const regions = (text: string) => g.findRegions(text).map((h) => h.region.name);
    expect(regions('khu vực Trung du và miền núi Bắc bộ')).toEqual(['Trung du và miền núi phía Bắc']);
    expect(regions('các tỉnh Nam Trung Bộ và Tây Nguyên')).toEqual([
      'Bắc Trung Bộ và duyên hải miền Trung',
      'Tây Nguyên',
    ]);
    expect(regions('vùng Tây Nam Bộ')).toEqual(['Đồng bằng sông Cửu Long']);
  });
});
