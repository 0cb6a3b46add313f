import { foldKeepLength, foldName } from '../text/fold';
import { Link } from '../proposal';

/** 1 July 2025: 63 provincial units became 34 (Resolution 202/2025/QH15). */
export const MERGER_DATE = '2025-07-01';

export interface GazOrganisation {
  id: string;
  key: string | null;
  provinceName: string | null;
  names: { name: string; validFrom: string | null; validTo: string | null; alias: boolean }[];
}
export interface GazPerson {
  id: string;
  key: string | null;
  fullName: string;
}
export interface GazDocument {
  id: string;
  key: string | null;
  number: string | null;
  kind: string;
  title: string;
}
export interface GazProvince {
  id: string;
  name: string;
  region: string;
  /** null for units still in force; for the 63 old units, the last day before the merger. */
  validTo: string | null;
  validFrom: string | null;
  successorName: string | null;
}
export interface GazRegion {
  id: string;
  name: string;
}
export interface GazSession {
  id: string;
  key: string | null;
  title: string;
  kind: string;
  start: string;
  end: string;
  precision: string;
  hostProvinceName: string | null;
  partOfDay: string | null;
  venue: string | null;
  organisationIds: string[];
}

export interface GazetteerData {
  organisations: GazOrganisation[];
  people: GazPerson[];
  documents: GazDocument[];
  provinces: GazProvince[];
  regions: GazRegion[];
  sessions: GazSession[];
}

/**
 * Loose names the press gives the six socio-economic regions, folded. The reference names are
 * added automatically; these are the variants ("Trung du và miền núi Bắc bộ", "duyên hải Trung Bộ").
 */
const REGION_VARIANTS: Record<string, string[]> = {
  'trung du va mien nui phia bac': [
    'trung du va mien nui bac bo',
    'trung du mien nui phia bac',
    'trung du mien nui bac bo',
    'mien nui phia bac',
    'vung tay bac',
    'tay bac',
    'viet bac',
    'dong bac',
  ],
  'dong bang song hong': ['dong bang bac bo', 'vung dong bang song hong'],
  'bac trung bo va duyen hai mien trung': [
    'bac trung bo',
    'duyen hai trung bo',
    'duyen hai mien trung',
    'nam trung bo',
    'mien trung',
  ],
  'tay nguyen': [],
  'dong nam bo': ['mien dong nam bo'],
  'dong bang song cuu long': ['tay nam bo', 'mien tay nam bo', 'vung dong bang song cuu long'],
};

/** Common abbreviations of organisation names, expanded before comparing. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\btp\.?\s*hcm\b|\btphcm\b/g, 'thanh pho ho chi minh'],
  [/\btp\.?(?=\s)/g, 'thanh pho'],
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bhdnd\b/g, 'hoi dong nhan dan'],
  [/\bmttq\b/g, 'mat tran to quoc'],
  [/\btt\s*&\s*tt\b|\btt-tt\b/g, 'thong tin va truyen thong'],
  [/\bpt\s*-\s*th\b|\bptth\b/g, 'phat thanh va truyen hinh'],
  [/\bvh\s*,?\s*tt\s*(&|va)\s*dl\b/g, 'van hoa the thao va du lich'],
  [/\btw\b|\btu\b/g, 'trung uong'],
  [/\bcp\b/g, 'chinh phu'],
];

export function organisationKey(name: string): string {
  let folded = foldName(name);
  for (const [pattern, replacement] of ABBREVIATIONS) folded = folded.replace(pattern, replacement);
  return folded.replace(/\s+/g, ' ').trim();
}

/** Document numbers compared without spaces and accents: "57- KL/TW" = "57-KL/TW", "QĐ" = "QD". */
export function documentNumberKey(number: string): string {
  return foldKeepLength(number).replace(/\s+/g, '').toLowerCase();
}

export interface ProvinceHit {
  index: number;
  length: number;
  name: string;
}

export class Gazetteer {
  private readonly orgByName = new Map<string, GazOrganisation>();
  private readonly personByName = new Map<string, GazPerson>();
  private readonly documentByNumber = new Map<string, GazDocument>();
  private readonly provincesByName = new Map<string, GazProvince[]>();
  private readonly regionByFold = new Map<string, GazRegion>();
  /** Folded province names and their aliases, longest first, for scanning text. */
  private readonly provinceNeedles: { needle: string; name: string }[] = [];
  private readonly regionNeedles: { needle: string; region: GazRegion }[] = [];

  constructor(readonly data: GazetteerData) {
    for (const org of data.organisations) {
      for (const n of org.names) this.orgByName.set(organisationKey(n.name), org);
    }
    for (const person of data.people) this.personByName.set(foldName(person.fullName), person);
    for (const doc of data.documents) if (doc.number) this.documentByNumber.set(documentNumberKey(doc.number), doc);
    for (const province of data.provinces) {
      const key = foldName(province.name);
      this.provincesByName.set(key, [...(this.provincesByName.get(key) ?? []), province]);
    }
    const needles = new Map<string, string>();
    for (const key of this.provincesByName.keys()) {
      const name = this.provincesByName.get(key)![0].name;
      needles.set(key, name);
    }
    const hcm = [...this.provincesByName.values()].flat().find((p) => foldName(p.name) === 'ho chi minh');
    if (hcm) for (const alias of ['tp hcm', 'tp.hcm', 'tphcm']) needles.set(alias, hcm.name);
    const hue = [...this.provincesByName.values()].flat().find((p) => foldName(p.name) === 'thua thien hue');
    if (hue && !needles.has('hue')) needles.set('hue', hue.name);
    for (const [needle, name] of needles) this.provinceNeedles.push({ needle, name });
    this.provinceNeedles.sort((a, b) => b.needle.length - a.needle.length);

    for (const region of data.regions) {
      const folded = foldName(region.name);
      this.regionByFold.set(folded, region);
      for (const variant of [folded, ...(REGION_VARIANTS[folded] ?? [])])
        this.regionNeedles.push({ needle: variant, region });
    }
    this.regionNeedles.sort((a, b) => b.needle.length - a.needle.length);
  }

  organisation(name: string): Link {
    const org = this.orgByName.get(organisationKey(name));
    return org ? { id: org.id, key: org.key, name, isNew: false } : { id: null, key: null, name, isNew: true };
  }

  organisationProvince(id: string): string | null {
    return this.data.organisations.find((org) => org.id === id)?.provinceName ?? null;
  }

  person(fullName: string): Link {
    const person = this.personByName.get(foldName(fullName));
    return person
      ? { id: person.id, key: person.key, name: fullName, isNew: false }
      : { id: null, key: null, name: fullName, isNew: true };
  }

  document(number: string): Link {
    const doc = this.documentByNumber.get(documentNumberKey(number));
    return doc
      ? { id: doc.id, key: doc.key, name: number, isNew: false }
      : { id: null, key: null, name: number, isNew: true };
  }

  /** Unnumbered documents are matched by kind and title ("Hướng dẫn triển khai Kết luận số 57-KL/TW"). */
  documentByTitle(kind: string, title: string, name: string): Link {
    const doc = this.data.documents.find(
      (d) => !d.number && foldName(d.kind) === foldName(kind) && foldName(d.title) === foldName(title),
    );
    return doc ? { id: doc.id, key: doc.key, name, isNew: false } : { id: null, key: null, name, isNew: true };
  }

  /**
   * The unit a province name means on a date: before 1 July 2025 the old unit, from then the unit
   * in force (a merged unit keeps one of the old names). Without a date, the unit in force today.
   */
  province(name: string, onDate: string | null): Link | null {
    const candidates = this.provincesByName.get(foldName(name));
    if (!candidates?.length) return null;
    const inForce = (p: GazProvince) =>
      onDate === null
        ? p.validTo === null
        : (p.validFrom === null || p.validFrom <= onDate) && (p.validTo === null || p.validTo >= onDate);
    const chosen = candidates.find(inForce) ?? candidates[0];
    return { id: chosen.id, key: chosen.name, name: chosen.name, isNew: false };
  }

  provinceRegion(name: string): string | null {
    return this.provincesByName.get(foldName(name))?.[0]?.region ?? null;
  }

  /** Province names in a text (accents folded, whole words), longest first, no overlaps. */
  findProvinces(text: string): ProvinceHit[] {
    return this.scan(text, this.provinceNeedles).map((hit) => ({ ...hit, name: hit.value.name }));
  }

  findRegions(text: string): { index: number; length: number; region: GazRegion }[] {
    return this.scan(text, this.regionNeedles).map((hit) => ({ ...hit, region: hit.value.region }));
  }

  private scan<T extends { needle: string }>(text: string, needles: T[]) {
    const folded = foldKeepLength(text);
    const taken: boolean[] = new Array<boolean>(text.length).fill(false);
    const hits: { index: number; length: number; value: T }[] = [];
    for (const value of needles) {
      let from = 0;
      for (;;) {
        const index = folded.indexOf(value.needle, from);
        if (index < 0) break;
        from = index + 1;
        const end = index + value.needle.length;
        const boundaryBefore = index === 0 || !/[a-z0-9]/.test(folded[index - 1]);
        const boundaryAfter = end === folded.length || !/[a-z0-9]/.test(folded[end]);
        if (!boundaryBefore || !boundaryAfter) continue;
        if (taken.slice(index, end).some(Boolean)) continue;
        for (let i = index; i < end; i++) taken[i] = true;
        hits.push({ index, length: value.needle.length, value });
      }
    }
    return hits.sort((a, b) => a.index - b.index);
  }
}
