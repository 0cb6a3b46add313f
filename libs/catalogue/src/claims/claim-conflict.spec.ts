import { claimRange, claimsConflict } from './claim-conflict';

describe('claimsConflict', () => {
  it('keeps agreeing bounds together: hơn 150 and khoảng 200', () => {
    expect(
      claimsConflict([
        { value: 150, qualifier: 'at_least' },
        { value: 200, qualifier: 'about' },
      ]),
    ).toBe(false);
  });

  it('flags two exact counts that differ (25 and 26 provinces, 15 and 14)', () => {
    expect(
      claimsConflict([
        { value: 25, qualifier: 'exact' },
        { value: 26, qualifier: 'exact' },
      ]),
    ).toBe(true);
    expect(
      claimsConflict([
        { value: 15, qualifier: 'exact' },
        { value: 15, qualifier: 'exact' },
      ]),
    ).toBe(false);
  });

  it('flags bounds that exclude each other, and one claim never conflicts', () => {
    expect(
      claimsConflict([
        { value: 100, qualifier: 'at_most' },
        { value: 150, qualifier: 'at_least' },
      ]),
    ).toBe(true);
    expect(
      claimsConflict([
        { value: 200, qualifier: 'about' },
        { value: 250, qualifier: 'exact' },
      ]),
    ).toBe(true);
    expect(claimsConflict([{ value: 7, qualifier: 'exact' }])).toBe(false);
  });

  it('gives "about" at least one either way', () => {
    expect(claimRange(5, 'about')).toEqual([4, 6]);
    expect(claimRange(200, 'about')).toEqual([180, 220]);
  });
});
