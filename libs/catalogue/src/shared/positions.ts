/** A post as stored: attested at a date by a source, and/or with a known term. */
export interface DatedPosition {
  id: number;
  title: string;
  attestedOn: string | null;
  validFrom: string | null;
  validTo: string | null;
}

/**
 * The posts a person held on `date`. Sources mostly attest a set of posts at an event's date
 * rather than give terms, so:
 * 1. posts whose known term covers the date win;
 * 2. otherwise the posts attested on the latest date on or before `date`;
 * 3. otherwise those attested on the earliest date after it (the best knowledge we have);
 * 4. posts with neither a term nor an attestation date are returned when nothing else is known.
 */
export function positionsAt<T extends DatedPosition>(positions: T[], date: string): T[] {
  const covering = positions.filter(
    (position) =>
      (position.validFrom !== null || position.validTo !== null) &&
      (position.validFrom === null || position.validFrom <= date) &&
      (position.validTo === null || position.validTo >= date),
  );
  if (covering.length > 0) return covering;
  const attested = positions.filter(
    (position) => position.attestedOn !== null && position.validFrom === null && position.validTo === null,
  );
  const before = attested.filter((position) => position.attestedOn! <= date).map((position) => position.attestedOn!);
  const after = attested.filter((position) => position.attestedOn! > date).map((position) => position.attestedOn!);
  const chosen = before.length > 0 ? before.sort().at(-1) : after.sort()[0];
  if (chosen !== undefined) return attested.filter((position) => position.attestedOn === chosen);
  return positions.filter(
    (position) => position.attestedOn === null && position.validFrom === null && position.validTo === null,
  );
}
