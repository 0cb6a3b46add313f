import { RequestValidationException } from '@app/common';
import { proposeFromArticle } from './extract';
import { seedGazetteer } from './gazetteer/seed-gazetteer';
import { toImportProposalDto } from './import.mapper';
import { applyReview } from './import-review';

describe('applying an organiser’s review to a proposal', () => {
  const g = seedGazetteer();
  const proposal = toImportProposalDto(
    proposeFromArticle(
      {
        text: [
          'Tập huấn thông tin đối ngoại cho cán bộ tỉnh Quảng Trị',
          'Trưa 16/10/2024, tại Hội trường Tỉnh ủy Quảng Trị, Sở Ngoại vụ tỉnh Quảng Trị tổ chức Hội nghị tập huấn công tác thông tin đối ngoại năm 2024 cho hơn 180 đại biểu.',
          'Tại hội nghị, TS Hoàng Minh Khuê trình bày chuyên đề “Thông tin đối ngoại về biển, đảo”.',
        ].join('\n'),
      },
      g,
    ),
  );
  const errorsOf = (review: object) => {
    try {
      applyReview(proposal, review);
    } catch (error) {
      return (error as RequestValidationException).extensions as { errors: { path: string; key?: string }[] };
    }
    throw new Error('accepted');
  };

  it('takes the proposal as read when the review is empty; noon has no catalogue value', () => {
    const r = applyReview(proposal, {});
    expect(r.title).toMatchObject({ value: 'Hội nghị tập huấn công tác thông tin đối ngoại năm 2024', edited: false });
    expect(r.title.quotes[0]).toMatchObject({ paragraph: 2 });
    expect(proposal.partOfDay?.value).toBe('noon');
    expect(r.partOfDay.value).toBeNull();
    expect(r.edits).toEqual({});
  });

  it('replaces edited values, keeps their quotes, and records the edit', () => {
    const r = applyReview(proposal, { title: 'Tập huấn thông tin đối ngoại tỉnh Quảng Trị 2024', venueName: null });
    expect(r.title).toMatchObject({ value: 'Tập huấn thông tin đối ngoại tỉnh Quảng Trị 2024', edited: true });
    expect(r.title.quotes).toEqual(proposal.title?.citations);
    expect(r.venueName.value).toBeNull();
    expect(Object.keys(r.edits)).toEqual(['title', 'venueName']);
  });

  it('leaves out excluded facts; an excluded presenter leaves the items too', () => {
    const r = applyReview(proposal, { exclude: ['counts/0', 'presenters/0'] });
    expect(r.counts).toEqual([]);
    expect(r.items).toHaveLength(1);
    expect(r.excludedPresenters.size).toBe(1);
  });

  it('names each bad exclude entry by its index, and a span ending before it starts', () => {
    const res = errorsOf({ exclude: ['items/3', 'items/0', 'people/0', 'invitation'], endsOn: '2024-10-01' });
    expect(res.errors.map((e) => [e.path, e.key])).toEqual([
      ['exclude.0', 'exclude-out-of-range'],
      ['exclude.2', 'exclude-malformed'],
      ...(proposal.invitation ? [] : [['exclude.3', 'exclude-missing']]),
      ['endsOn', 'ends-before-start'],
    ]);
  });

  it('refuses a session without a title unless the review gives one', () => {
    const untitled = toImportProposalDto(
      proposeFromArticle(
        { text: 'Chiều 3/4/2024, nhiều cán bộ đã dự buổi sinh hoạt chuyên đề tại tỉnh Quảng Trị.' },
        g,
      ),
    );
    expect(() => applyReview(untitled, {})).toThrow(RequestValidationException);
    expect(applyReview(untitled, { title: 'Sinh hoạt chuyên đề tỉnh Quảng Trị' }).title.edited).toBe(true);
  });
});
