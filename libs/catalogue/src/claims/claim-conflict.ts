export const CLAIM_QUALIFIERS = ['exact', 'at_least', 'about', 'at_most'] as const;
export type ClaimQualifier = (typeof CLAIM_QUALIFIERS)[number];

/**
 * The values a reported count allows: exact is itself, "hơn 150" (at least) 150 and up, "tối đa"
 * (at most) up to it, and "khoảng 200" (about) within 10 % either way (at least ±1).
 */
export function claimRange(value: number, qualifier: ClaimQualifier): [number, number] {
  switch (qualifier) {
    case 'at_least':
      return [value, Number.POSITIVE_INFINITY];
    case 'at_most':
      return [0, value];
    case 'about': {
      const slack = Math.max(1, Math.round(value * 0.1));
      return [Math.max(0, value - slack), value + slack];
    }
    default:
      return [value, value];
  }
}

/**
 * Claims on one quantity conflict when no single value satisfies them all (on a line, that is when
 * two of them allow no common value): 150+ and ~200 agree, 25 and 26 provinces do not.
 */
export function claimsConflict(claims: { value: number; qualifier: ClaimQualifier }[]): boolean {
  const ranges = claims.map((claim) => claimRange(claim.value, claim.qualifier));
  const low = Math.max(...ranges.map(([from]) => from));
  const high = Math.min(...ranges.map(([, to]) => to));
  return ranges.length > 1 && low > high;
}
