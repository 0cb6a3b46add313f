import { proposeFromArticle } from './extract';
import { seedGazetteer } from './gazetteer/seed-gazetteer';
import { findSameEvent, proposalAsSession } from './matching';

describe('same event as an existing session', () => {
  const g = seedGazetteer(undefined, { withSessions: true });
  const propose = (text: string) => proposeFromArticle({ text }, g);

  it('matches a second report of a catalogued event (date window, host, kind, similar title)', () => {
    const p = propose(
      'Chiều 8/3/2025, tại Thành phố Hồ Chí Minh, Ban Tuyên giáo và Dân vận Trung ương tổ chức Hội nghị tập huấn công tác thông tin đối ngoại năm 2025.',
    );
    const match = findSameEvent(p, g.data.sessions, g);
    expect(match?.session.key).toBe('tap-huan-ttdn-2025-hcm');
    expect(match?.agrees).toEqual(expect.arrayContaining(['date', 'hostProvince', 'organisers']));
  });

  it('does not match the same kind of training held the same year in another province', () => {
    const p = propose(
      'Ngày 20/9/2024, tại Cần Thơ, Ban Tuyên giáo Trung ương tổ chức Hội nghị tập huấn công tác thông tin đối ngoại và nhân quyền năm 2024.',
    );
    expect(findSameEvent(p, g.data.sessions, g)).toBeNull();
  });

  it('matches an old province to its merged successor, and lists conflicting facts', () => {
    const first = propose(
      'Sáng 2/4/2025, tại tỉnh Hà Giang, Sở Ngoại vụ tổ chức Hội nghị tập huấn công tác đối ngoại năm 2025.',
    );
    const session = proposalAsSession('p1', first)!;
    const second = propose(
      'Chiều 2/4/2025, tại tỉnh Tuyên Quang, Sở Ngoại vụ tổ chức Hội nghị tập huấn công tác đối ngoại năm 2025.',
    );
    const match = findSameEvent(second, [session], g);
    expect(match?.session.id).toBe('p1');
    expect(match?.conflicts).toEqual(['partOfDay', 'hostProvince']);
  });
});
