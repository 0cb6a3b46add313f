import { describe, expect, it } from 'vitest';
import { buildAcceptBody, dateRangeOf, factKeys, initialReview } from './accept-body';
import { cite, proposal } from './proposal.fixture';

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
