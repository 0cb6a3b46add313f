import { describe, expect, it } from 'vitest';
import { buildAcceptBody, dateRangeOf, factKeys, initialReview } from './accept-body';
import type { StoredImport } from './types';

// The generated citation type is the catalogue's (the OpenAPI document names both CitationDto, see
// types.ts): the importer's real shape is cast to it here.
type Citations = NonNullable<StoredImport['title']>['citations'];
const cite = (quote: string) => ({ citations: [{ paragraph: 2, quote }] as unknown as Citations, confidence: 0.8 });

function proposal(changes: Partial<StoredImport> = {}): StoredImport {
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
    paragraphs: [],
    ignoredFromParagraph: null,
    ...changes,
  };
}

describe('building the accept body', () => {
  it('sends nothing when nothing was changed', () => {
    const p = proposal();
    expect(buildAcceptBody(p, initialReview(p), new Set(), 'follow')).toEqual({});
  });

  it('sends an edited title (trimmed, NFC) and kind, and not the untouched fields', () => {
    const p = proposal();
    const values = { ...initialReview(p), title: '  Tập huấn kỹ năng phát ngôn '.normalize('NFD'), kind: 'workshop' };
    expect(buildAcceptBody(p, values, new Set(), 'follow')).toEqual({
      title: 'Tập huấn kỹ năng phát ngôn',
      kind: 'workshop',
    });
  });

  it('sends the whole date when any part of it changed, a month as its first and last day', () => {
    const p = proposal();
    expect(buildAcceptBody(p, { ...initialReview(p), endsOn: '2026-11-10' }, new Set(), 'follow')).toEqual({
      startsOn: '2026-11-09',
      endsOn: '2026-11-10',
      precision: 'day',
    });
    // A month has no part of day: the proposed one is emptied.
    expect(buildAcceptBody(p, { ...initialReview(p), precision: 'month' }, new Set(), 'follow')).toEqual({
      startsOn: '2026-11-01',
      endsOn: '2026-11-30',
      precision: 'month',
      partOfDay: null,
    });
  });

  it('sends null for a field emptied that the proposal had, and nothing for one still empty', () => {
    const p = proposal({ format: null });
    const values = { ...initialReview(p), venueName: '   ', hostProvinceId: undefined, partOfDay: 'afternoon' };
    expect(buildAcceptBody(p, values, new Set(), 'follow')).toEqual({
      venueName: null,
      hostProvinceId: null,
      partOfDay: 'afternoon',
    });
  });

  it('lists the facts left out in the proposal order, ignoring keys it does not have', () => {
    const p = proposal();
    expect(factKeys(p)).toEqual(['organisers/0', 'organisers/1', 'counts/0', 'invitation']);
    const body = buildAcceptBody(
      p,
      initialReview(p),
      new Set(['invitation', 'counts/0', 'organisers/1', 'items/4']),
      'follow',
    );
    expect(body).toEqual({ exclude: ['organisers/1', 'counts/0', 'invitation'] });
  });

  it('asks for a new draft (null) only against a proposed same event; following it sends nothing', () => {
    const same = proposal({
      sameEventAs: {
        session: { id: '41', slug: 'hn', name: 'Hội nghị', isNew: false },
        score: 0.9,
        adds: ['counts'],
        agrees: ['date'],
        conflicts: [],
      },
    });
    expect(buildAcceptBody(same, initialReview(same), new Set(), 'new')).toEqual({ mergeIntoSessionId: null });
    expect(buildAcceptBody(same, initialReview(same), new Set(), 'follow')).toEqual({});
    expect(buildAcceptBody(proposal(), initialReview(proposal()), new Set(), 'new')).toEqual({});
  });

  it('a proposal without title, date or a catalogue province: the form starts empty there', () => {
    const p = proposal({
      title: null,
      date: null,
      hostProvince: { value: { id: null, slug: null, name: 'Tỉnh lạ', isNew: true }, ...cite('Tỉnh lạ') },
    });
    const initial = initialReview(p);
    expect(initial).toMatchObject({ title: '', precision: 'day', day: undefined, hostProvinceId: undefined });
    expect(buildAcceptBody(p, { ...initial, title: 'Tập huấn', day: '2026-11-09' }, new Set(), 'follow')).toEqual({
      title: 'Tập huấn',
      startsOn: '2026-11-09',
      endsOn: '2026-11-09',
      precision: 'day',
    });
  });
});

describe('the date a review form covers', () => {
  it('a year, a month (February of a leap year), a day range; an end before the start is the start', () => {
    expect(dateRangeOf({ precision: 'year', year: '2024' })).toEqual({
      startsOn: '2024-01-01',
      endsOn: '2024-12-31',
      precision: 'year',
    });
    expect(dateRangeOf({ precision: 'month', month: '2024-02' })?.endsOn).toBe('2024-02-29');
    expect(dateRangeOf({ precision: 'day', day: '2024-03-08', endsOn: '2024-03-07' })?.endsOn).toBe('2024-03-08');
    expect(dateRangeOf({ precision: 'year', year: '24' })).toBeNull();
    expect(dateRangeOf({ precision: 'day' })).toBeNull();
  });
});
