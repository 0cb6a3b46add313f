/** Shape of seeds/catalogue.json: facts derived from the source articles, each with citations. */
export interface SeedCitation {
  source: string;
  paragraph: number;
  quote?: string | null;
}

export interface SeedCatalogue {
  sources: {
    key: string;
    file?: string | null;
    publisher: string | null;
    title: string;
    publishedOn: string | null;
    author: string | null;
    url: string | null;
    note?: string | null;
  }[];
  organisations: {
    key: string;
    kind: string;
    parentKey: string | null;
    provinceName: string | null;
    shortName: string | null;
    note?: string | null;
    aliases?: string[];
    names: { name: string; validFrom: string | null; validTo: string | null; cite: SeedCitation[] }[];
  }[];
  people: {
    key: string;
    fullName: string;
    academicTitle: string | null;
    militaryRank: string | null;
    honorific: string | null;
    note?: string | null;
    positions: {
      title: string;
      organisationKey: string | null;
      attestedOn: string | null;
      /** The session whose report states the post: it belongs to that appearance. */
      sessionKey?: string | null;
      note?: string | null;
      cite: SeedCitation[];
    }[];
  }[];
  documents: {
    key: string;
    number: string | null;
    kind: string;
    issuerKey: string | null;
    issuedOn: string | null;
    title: string;
    note?: string | null;
    cite: SeedCitation[];
  }[];
  sessions: SeedSession[];
}

export interface SeedSession {
  key: string;
  title: string;
  kind: string;
  status: string;
  schedule: {
    start: string;
    end: string;
    precision: string;
    partOfDay: string | null;
    note?: string | null;
    cite: SeedCitation[];
  };
  venue: { name: string | null; address: string | null; hostProvinceName: string | null; cite: SeedCitation[] };
  format: string;
  audience: string | null;
  invitationScope: string | null;
  invitedRegions: string[];
  /** The regions are named but not all their units were invited (the source does not list which). */
  invitedRegionsInPart?: boolean;
  invitedProvinceNames: string[];
  invitationCite: SeedCitation[];
  organisers: { organisationKey: string; role: string; cite: SeedCitation[] }[];
  claims: { field: string; value: number; qualifier: string | null; cite: SeedCitation[] }[];
  bridgePoints: {
    name: string;
    organisationKey: string | null;
    provinceName: string | null;
    abroad: boolean;
    isGroup: boolean;
    note?: string | null;
    cite: SeedCitation[];
  }[];
  /** Each agency with the words that name it (a caption showing one agency supports only that one). */
  reportedDelegations: {
    provinceName: string;
    agencies: { organisationKey: string; headcount?: number | null; cite: SeedCitation[] }[];
  }[];
  agenda: {
    position: number;
    kind: string;
    title: string;
    summary: string | null;
    note?: string | null;
    presenters: ({ personKey: string } | { organisationKey: string })[];
    documentKeys: string[];
    cite: SeedCitation[];
  }[];
  documentKeys: string[];
  sourceKeys: string[];
  cite: SeedCitation[];
  note: string | null;
}

export interface ProvinceRow {
  code: string;
  name: string;
  kind: 'province' | 'city';
  region: string;
  successor: string;
}
