import type { StoredImport } from './types';

/** A stored proposal for the unit tests: every field quoted from paragraph 2. */
export const cite = (quote: string) => ({
  citations: [{ paragraph: 2, quote }],
  confidence: 0.8,
});

export function proposal(changes: Partial<StoredImport> = {}): StoredImport {
  return {
    id: 7,
    status: 'proposed',
    sessionId: null,
    acceptedAs: null,
    createdAt: '2026-11-10T01:00:00Z',
    acceptedAt: null,
    source: { url: null, publisher: null, publishedOn: '2026-11-10', headline: 'Tin' },
    confidence: 0.9,
    isTraining: true,
    title: { value: 'Hội nghị tập huấn công tác thông tin đối ngoại', ...cite('Hội nghị tập huấn') },
    kind: { value: 'training_conference', ...cite('Hội nghị tập huấn') },
    date: {
      value: { start: '2026-11-09', end: '2026-11-09', precision: 'day', yearFrom: 'published_date' },
      ...cite('Sáng 9/11'),
      inferred: true,
    },
    partOfDay: { value: 'morning', ...cite('Sáng 9/11') },
    venue: { value: 'Hội trường tỉnh', ...cite('tại Hội trường tỉnh') },
    hostProvince: { value: { id: '12', slug: null, name: 'Phú Thọ', isNew: false }, ...cite('Phú Thọ') },
    format: { value: 'in_person', ...cite('tại Hội trường tỉnh') },
    organisers: [
      {
        value: { organisation: { id: null, slug: null, name: 'Ban Tuyên giáo', isNew: true }, role: 'lead' },
        ...cite('Ban'),
      },
      {
        value: { organisation: { id: '3', slug: 'so', name: 'Sở Ngoại vụ', isNew: false }, role: 'co_organiser' },
        ...cite('Sở'),
      },
    ],
    invitation: { value: { scope: 'nationwide', regions: [], provinces: [] }, ...cite('cả nước') },
    items: [],
    presenters: [],
    documents: [],
    counts: [
      {
        value: { field: 'participant_count', value: 150, qualifier: 'more_than', unit: 'đại biểu', conflict: false },
        ...cite('hơn 150 đại biểu'),
      },
    ],
    bridgePoints: [],
    delegations: [],
    sameEventAs: null,
    paragraphs: [
      { number: 1, text: 'Tin' },
      { number: 2, text: 'Sáng 9/11, tại Hội trường tỉnh, Ban và Sở tổ chức Hội nghị tập huấn; hơn 150 đại biểu.' },
    ],
    ignoredFromParagraph: null,
    ...changes,
  };
}
