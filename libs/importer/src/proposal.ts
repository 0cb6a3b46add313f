/** A quote that supports a field: `quote` is an exact substring of paragraph `paragraph` (1-based). */
export interface Citation {
  paragraph: number;
  quote: string;
}

/** Every proposed field: a value, where it came from, and how sure the rule is (0..1). */
export interface Cited<T> {
  value: T;
  citations: Citation[];
  confidence: number;
  /** True when the value was inferred (a year taken from the event name or the published date). */
  inferred?: boolean;
  note?: string;
}

export type SessionKind = 'training_conference' | 'national_conference' | 'workshop' | 'award_ceremony' | 'other';
export type DatePrecision = 'day' | 'month' | 'year';
export type PartOfDay = 'morning' | 'noon' | 'afternoon' | 'evening' | 'full_day';

export interface ProposedDate {
  start: string;
  end: string;
  precision: DatePrecision;
  /** How the year was found: stated next to the date, from the event name, from the published date. */
  yearFrom: 'stated' | 'event_name' | 'published_date' | null;
}

/** A link to a catalogue entry (`id`), or `null` with `isNew: true` when the name is not known. */
export interface Link {
  id: string | null;
  key: string | null;
  name: string;
  isNew: boolean;
}

export interface ProposedOrganiser {
  organisation: Link;
  role: 'lead' | 'co_organiser';
}

export interface ProposedPerson {
  person: Link;
  honorific: string | null;
  militaryRank: string | null;
  academicTitle: string | null;
  /** Posts as stated in the article, e.g. "Phó Trưởng Ban Tuyên giáo Trung ương". */
  posts: string[];
}

export interface ProposedPresenter {
  person?: ProposedPerson;
  organisation?: Link;
}

export type AgendaKind =
  'topic' | 'report' | 'opening_speech' | 'directing_speech' | 'concluding_speech' | 'discussion';

export interface ProposedItem {
  kind: AgendaKind;
  title: string;
  presenters: ProposedPresenter[];
  documentNumbers: string[];
}

export interface ProposedDocument {
  document: Link;
  number: string | null;
  kind: string | null;
  issuedOn: string | null;
  issuer: string | null;
}

export type CountField =
  'participant_count' | 'topic_count' | 'bridge_point_count' | 'invited_province_count' | 'delegation_count';

export interface ProposedCount {
  field: CountField;
  value: number;
  /** hơn/trên → more_than, khoảng/gần → about/nearly, none → exact. */
  qualifier: 'exact' | 'more_than' | 'about' | 'nearly' | 'up_to';
  unit: string;
  /** Another count of the same field in the same article says something else. */
  conflict: boolean;
}

export interface ProposedInvitation {
  scope: 'nationwide' | 'regions' | 'provinces' | null;
  regions: Link[];
  provinces: Link[];
}

export interface ProposedBridgePoint {
  name: string;
  count: number | null;
  abroad: boolean;
}

export interface SecondSourceMatch {
  session: Link;
  score: number;
  /** Fields whose proposed value agrees with or adds to the session. */
  adds: string[];
  agrees: string[];
  conflicts: string[];
}

export interface Paragraph {
  number: number;
  text: string;
}

export interface ImportProposal {
  source: { url: string | null; publisher: string | null; publishedOn: string | null; headline: string | null };
  /** 0 when the article reports no event; below 0.5 when it does not look like a training. */
  confidence: number;
  isTraining: boolean;
  title: Cited<string> | null;
  kind: Cited<SessionKind> | null;
  date: Cited<ProposedDate> | null;
  partOfDay: Cited<PartOfDay> | null;
  venue: Cited<string> | null;
  hostProvince: Cited<Link> | null;
  format: Cited<'in_person' | 'online' | 'hybrid'> | null;
  organisers: Cited<ProposedOrganiser>[];
  invitation: Cited<ProposedInvitation> | null;
  items: Cited<ProposedItem>[];
  presenters: Cited<ProposedPresenter>[];
  documents: Cited<ProposedDocument>[];
  counts: Cited<ProposedCount>[];
  bridgePoints: Cited<ProposedBridgePoint>[];
  delegations: Cited<{ province: Link; organisations: string[] }>[];
  /** An existing session this article most likely reports on (propose it as a second source). */
  sameEventAs: SecondSourceMatch | null;
  paragraphs: Paragraph[];
  /** Paragraphs after the report ended (related news, navigation): ignored. */
  ignoredFromParagraph: number | null;
}
