import type { CreateSessionDto, SessionChanges } from './dto/session-write.dto';
import type { SessionDetailDto } from './dto/session.response';

/** Which part of a session (the `aspect` of its citations) each field belongs to; null is the session as a whole. */
const ASPECT_OF_FIELD: Record<string, string | null> = {
  title: null,
  kind: null,
  startsOn: 'schedule',
  endsOn: 'schedule',
  precision: 'schedule',
  partOfDay: 'schedule',
  startMonth: 'schedule',
  startDay: 'schedule',
  endMonth: 'schedule',
  endDay: 'schedule',
  yearInferred: 'schedule',
  dateAsReported: 'schedule',
  venueName: 'venue',
  venueAddress: 'venue',
  hostProvinceId: 'venue',
  format: 'format',
  audience: 'audience',
  audienceScope: 'audience',
  audienceUnits: 'audience',
  note: 'note',
};

const valueBefore = (before: SessionDetailDto, field: string): unknown => {
  const schedule = before.schedule as unknown as Record<string, unknown>;
  if (field === 'hostProvinceId') return before.hostProvince?.id ?? null;
  if (field in schedule) return schedule[field];
  return (before as unknown as Record<string, unknown>)[field];
};

/**
 * The aspects whose value a change replaces: their citations supported the old value and are
 * retired (a venue changed to "Trụ sở Bộ Ngoại giao" no longer carries the Hà Nội citation).
 */
export function changedAspects(
  changes: Partial<CreateSessionDto> | SessionChanges,
  before: SessionDetailDto,
): (string | null)[] {
  const aspects = new Set<string | null>();
  for (const [field, value] of Object.entries(changes)) {
    if (!(field in ASPECT_OF_FIELD) || value === undefined) continue;
    if (value !== valueBefore(before, field)) aspects.add(ASPECT_OF_FIELD[field]);
  }
  return [...aspects];
}
