import { FieldError, RequestValidationException } from '@app/common';
import { AcceptImportDto, ImportCitationDto, EXCLUDABLE_FACTS, ImportProposalDto } from './imports.dto';

/** One of the session's own fields as accepted: its value, the quotes kept, and whether the organiser changed it. */
export interface ReviewedField<T> {
  value: T;
  quotes: ImportCitationDto[];
  edited: boolean;
}

type ListName = Exclude<(typeof EXCLUDABLE_FACTS)[number], 'invitation'>;
type Listed<L extends ListName> = ImportProposalDto[L][number];

/** The proposal with the organiser's review applied: what accepting writes. */
export interface ReviewedImport {
  title: ReviewedField<string>;
  kind: ReviewedField<string>;
  schedule: ReviewedField<{
    startsOn: string | null;
    endsOn: string | null;
    precision: string;
    yearInferred: boolean;
    dateInference: string | null;
  }>;
  partOfDay: ReviewedField<string | null>;
  venueName: ReviewedField<string | null>;
  hostProvinceId: ReviewedField<number | null>;
  format: ReviewedField<string | null>;
  organisers: Listed<'organisers'>[];
  invitation: ImportProposalDto['invitation'];
  items: Listed<'items'>[];
  /** Keys of presenters left out (`id:…` or `name:…`), dropped from the items too. */
  excludedPresenters: Set<string>;
  documents: Listed<'documents'>[];
  /** Numbers of documents left out, dropped from the items too. */
  excludedDocuments: Set<string>;
  counts: Listed<'counts'>[];
  bridgePoints: Listed<'bridgePoints'>[];
  delegations: Listed<'delegations'>[];
  /** For the audit entry: each changed field with the proposed and the accepted value. */
  edits: Record<string, { proposed: unknown; accepted: unknown }>;
  excluded: string[];
}

const EXCLUDE_ENTRY = new RegExp(
  `^(?:(${EXCLUDABLE_FACTS.filter((f) => f !== 'invitation').join('|')})/(\\d+)|invitation)$`,
);

/** "noon" (buổi trưa) has no catalogue value: the session keeps no part of day for it. */
const CATALOGUE_PARTS_OF_DAY = new Set(['morning', 'afternoon', 'evening', 'full_day']);

export const presenterKey = (value: Listed<'presenters'>['value']): string => {
  const link = value.person?.person ?? value.organisation;
  if (!link) return '';
  return link.id ? `id:${value.person ? 'p' : 'o'}${link.id}` : `name:${value.person ? 'p' : 'o'}${link.name}`;
};

/**
 * Applies a review to a stored proposal: a value given replaces the proposed one (the quotes of
 * the proposed field are kept: the report still says what it said, the organiser decided the
 * value), `null` clears an optional field, excluded facts are left out. Refuses (400, field
 * named) an exclude entry that points at no fact, a session without a title, a span that ends
 * before it starts.
 */
export function applyReview(p: ImportProposalDto, review: AcceptImportDto): ReviewedImport {
  const errors: FieldError[] = [];
  const excluded = new Map<ListName, Set<number>>();
  let invitationExcluded = false;
  (review.exclude ?? []).forEach((entry, index) => {
    const path = `exclude.${index}`;
    const match = EXCLUDE_ENTRY.exec(entry);
    if (!match) {
      errors.push({ path, message: 'must be <list>/<index> or invitation', key: 'exclude-malformed' });
      return;
    }
    if (!match[1]) {
      if (!p.invitation) errors.push({ path, message: 'the proposal has no invitation', key: 'exclude-missing' });
      invitationExcluded = true;
      return;
    }
    const list = match[1] as ListName;
    const at = Number(match[2]);
    if (at >= p[list].length) {
      errors.push({
        path,
        message: `the proposal has ${p[list].length} ${list}`,
        key: 'exclude-out-of-range',
        args: [p[list].length, list],
      });
      return;
    }
    excluded.set(list, (excluded.get(list) ?? new Set()).add(at));
  });
  const kept = <L extends ListName>(list: L): Listed<L>[] =>
    (p[list] as Listed<L>[]).filter((_, index) => !excluded.get(list)?.has(index));

  const edits: ReviewedImport['edits'] = {};
  function field<T>(name: string, given: T | undefined, proposed: T, quotes: ImportCitationDto[] | undefined) {
    const edited = given !== undefined && JSON.stringify(given) !== JSON.stringify(proposed);
    if (edited) edits[name] = { proposed, accepted: given };
    return { value: given === undefined ? proposed : given, quotes: quotes ?? [], edited };
  }

  const title = field('title', review.title, p.title?.value ?? null, p.title?.citations);
  if (!title.value) errors.push({ path: 'title', message: 'is required: the report gives none', key: 'required' });

  const date = p.date?.value;
  const startsOn = review.startsOn ?? date?.start ?? null;
  const precision = review.precision ?? (review.startsOn ? 'day' : (date?.precision ?? (startsOn ? 'day' : 'unknown')));
  const endsOn = review.endsOn ?? (review.startsOn ? review.startsOn : (date?.end ?? startsOn));
  if (startsOn && endsOn && endsOn < startsOn) {
    errors.push({ path: 'endsOn', message: 'must not be before startsOn', key: 'ends-before-start' });
  }
  if (!startsOn && review.endsOn)
    errors.push({ path: 'startsOn', message: 'is required with endsOn', key: 'required' });
  const dateEdited = review.startsOn !== undefined || review.endsOn !== undefined || review.precision !== undefined;
  const yearInferred = !dateEdited && p.date?.inferred === true && date?.yearFrom != null;
  const schedule = field(
    'schedule',
    dateEdited ? { startsOn, endsOn, precision, yearInferred, dateInference: null } : undefined,
    {
      startsOn: date?.start ?? null,
      endsOn: date?.end ?? null,
      precision: date?.precision ?? 'unknown',
      yearInferred,
      dateInference: yearInferred ? inferenceOf(date?.yearFrom ?? null) : null,
    },
    p.date?.citations,
  );

  const proposedPart = p.partOfDay && CATALOGUE_PARTS_OF_DAY.has(p.partOfDay.value) ? p.partOfDay.value : null;
  const host = p.hostProvince?.value;
  if (errors.length > 0) throw new RequestValidationException(errors);
  return {
    title: title as ReviewedField<string>,
    kind: field('kind', review.kind, p.kind?.value ?? 'other', p.kind?.citations),
    schedule,
    partOfDay: field('partOfDay', review.partOfDay, proposedPart, p.partOfDay?.citations),
    venueName: field('venueName', review.venueName, p.venue?.value ?? null, p.venue?.citations),
    hostProvinceId: field(
      'hostProvinceId',
      review.hostProvinceId,
      host && !host.isNew && host.id ? Number(host.id) : null,
      p.hostProvince?.citations,
    ),
    format: field('format', review.format, p.format?.value ?? null, p.format?.citations),
    organisers: kept('organisers'),
    invitation: invitationExcluded ? null : p.invitation,
    items: kept('items'),
    excludedPresenters: new Set(
      p.presenters.filter((_, i) => excluded.get('presenters')?.has(i)).map((x) => presenterKey(x.value)),
    ),
    documents: kept('documents'),
    excludedDocuments: new Set(
      p.documents.filter((_, i) => excluded.get('documents')?.has(i)).flatMap((d) => d.value.number ?? []),
    ),
    counts: kept('counts'),
    bridgePoints: kept('bridgePoints'),
    delegations: kept('delegations'),
    edits,
    excluded: review.exclude ?? [],
  };
}

function inferenceOf(yearFrom: string | null): string {
  if (yearFrom === 'event_name') return 'năm lấy từ tên hội nghị trong bài báo';
  if (yearFrom === 'published_date') return 'năm lấy từ ngày đăng bài báo';
  return 'năm suy ra từ bài báo';
}
