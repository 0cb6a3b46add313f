import { DatedPosition, positionsAt } from './positions';

const post = (
  id: number,
  title: string,
  attestedOn: string | null,
  validFrom: string | null = null,
  validTo: string | null = null,
): DatedPosition => ({
  id,
  title,
  attestedOn,
  validFrom,
  validTo,
});

describe('positionsAt', () => {
  // Lê Hải Bình: attested 12/10/2023 at Ban Tuyên giáo TW, 8/3/2025 at Bộ VHTTDL.
  const leHaiBinh = [
    post(1, 'Phó Trưởng Ban Tuyên giáo Trung ương', '2023-10-12'),
    post(2, 'Phó Trưởng ban Thường trực Ban Chỉ đạo', '2023-10-12'),
    post(3, 'Thứ trưởng Thường trực Bộ VHTTDL', '2025-03-08'),
  ];

  it('takes the posts attested last on or before the date', () => {
    expect(positionsAt(leHaiBinh, '2024-08-07').map((p) => p.id)).toEqual([1, 2]);
    expect(positionsAt(leHaiBinh, '2025-03-08').map((p) => p.id)).toEqual([3]);
    expect(positionsAt(leHaiBinh, '2026-01-01').map((p) => p.id)).toEqual([3]);
  });

  it('falls back to the earliest later attestation before any is known', () => {
    expect(positionsAt(leHaiBinh, '2020-01-01').map((p) => p.id)).toEqual([1, 2]);
  });

  it('prefers a known term that covers the date', () => {
    const withTerm = [...leHaiBinh, post(4, 'Đại sứ', null, '2024-01-01', '2024-12-31')];
    expect(positionsAt(withTerm, '2024-08-07').map((p) => p.id)).toEqual([4]);
  });

  it('returns undated posts when nothing dated is known', () => {
    expect(positionsAt([post(5, 'Phó trưởng Ban Thường trực', null)], '2024-06-01').map((p) => p.id)).toEqual([5]);
  });
});
