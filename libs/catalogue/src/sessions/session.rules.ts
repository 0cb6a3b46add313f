export const SESSION_KINDS = [
  'training_conference',
  'national_conference',
  'workshop',
  'award_ceremony',
  'other',
] as const;
export const SESSION_STATUSES = [
  'draft',
  'scheduled',
  'registration_open',
  'in_progress',
  'completed',
  'cancelled',
] as const;
export const SESSION_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export const DATE_PRECISIONS = ['day', 'month', 'year', 'day_unknown_year', 'unknown'] as const;
/** Precisions that know the year, so the session has a date range. */
export const DATED_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatedPrecision = (typeof DATED_PRECISIONS)[number];
export const isDated = (precision: string): precision is DatedPrecision =>
  (DATED_PRECISIONS as readonly string[]).includes(precision);
export const AUDIENCE_SCOPES = ['national', 'regional', 'provincial', 'district', 'commune'] as const;
export const PARTS_OF_DAY = ['morning', 'afternoon', 'evening', 'full_day'] as const;
export const INVITATION_SCOPES = ['nationwide', 'regions', 'provinces'] as const;
export const ORGANISER_ROLES = ['lead', 'co_organiser'] as const;
export const AGENDA_KINDS = [
  'topic',
  'report',
  'directing_speech',
  'concluding_speech',
  'opening_speech',
  'discussion',
] as const;

export type SessionKind = (typeof SESSION_KINDS)[number];
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/**
 * The lifecycle: draft → scheduled → registration open → in progress → completed, or
 * cancelled from any state before completion. Closing registration returns to scheduled.
 */
export const LEGAL_TRANSITIONS: Record<SessionStatus, readonly SessionStatus[]> = {
  draft: ['scheduled', 'cancelled'],
  scheduled: ['draft', 'registration_open', 'in_progress', 'cancelled'],
  registration_open: ['scheduled', 'in_progress', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export const isLegalTransition = (from: SessionStatus, to: SessionStatus) => LEGAL_TRANSITIONS[from].includes(to);

/** Drafts are the organisers' working copies; everything else is published. */
export const isPublished = (status: SessionStatus) => status !== 'draft';
/** The same rule as a SQL condition on a training_session alias: `WHERE ${publishedSql('s')}`. */
export const publishedSql = (alias: string) => `${alias}.status <> 'draft'`;

/** The date range a precision implies: a month or a year given by its first day spans the whole period. */
export function spanForPrecision(startsOn: string, precision: DatedPrecision): { startsOn: string; endsOn: string } {
  const [year, month] = startsOn.split('-').map(Number);
  if (precision === 'year') return { startsOn: `${year}-01-01`, endsOn: `${year}-12-31` };
  if (precision === 'month') {
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const mm = String(month).padStart(2, '0');
    return { startsOn: `${year}-${mm}-01`, endsOn: `${year}-${mm}-${String(last).padStart(2, '0')}` };
  }
  return { startsOn, endsOn: startsOn };
}
