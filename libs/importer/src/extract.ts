import { Gazetteer } from './gazetteer/gazetteer';
import {
  Citation,
  Cited,
  ImportProposal,
  Link,
  Paragraph,
  PartOfDay,
  ProposedCount,
  ProposedDate,
  ProposedDocument,
  ProposedItem,
  ProposedOrganiser,
  ProposedPerson,
  ProposedPresenter,
  SessionKind,
} from './proposal';
import { findItems } from './rules/agenda';
import { DateMention, findDates, findNamedYear, isoDate, yearFromPublished } from './rules/dates';
import { findCounts } from './rules/counts';
import { findDocuments } from './rules/documents';
import { EVENT_NOUN, findEventName, findLead, kindOf, reportBody, stripDecoration } from './rules/event';
import { findOrganisers, OrgMention, splitOrganisations } from './rules/organisations';
import { PersonMention } from './rules/people';
import { foldName } from './text/fold';
import { toParagraphs } from './text/paragraphs';

export interface ArticleInput {
  text: string;
  url?: string | null;
  publisher?: string | null;
  /** ISO date (YYYY-MM-DD) the article was published: resolves dates written without a year. */
  publishedOn?: string | null;
}

const cite = (p: Paragraph, quote: string): Citation => ({ paragraph: p.number, quote });
const cited = <T>(value: T, citations: Citation[], confidence: number, extra: Partial<Cited<T>> = {}): Cited<T> => ({
  value,
  citations,
  confidence,
  ...extra,
});

/** See proposeFromArticle. */
export const MAX_RULE_CHARS = 5000;

const TRAINING_KINDS: SessionKind[] = ['training_conference', 'national_conference', 'workshop'];

/** Reads one report and proposes a draft session; pure: the gazetteer is the only knowledge. */
export function proposeFromArticle(input: ArticleInput, gazetteer: Gazetteer): ImportProposal {
  const paragraphs = toParagraphs(input.text);
  // The rules read at most the first MAX_RULE_CHARS of a paragraph: a report's paragraphs are a
  // few hundred characters, longer ones are page furniture, and the bound keeps the work linear.
  const readable = paragraphs.map((p) =>
    p.text.length > MAX_RULE_CHARS ? { ...p, text: p.text.slice(0, MAX_RULE_CHARS) } : p,
  );
  const headline = paragraphs[0]?.text ?? null;
  const proposal: ImportProposal = {
    source: {
      url: input.url ?? null,
      publisher: input.publisher ?? null,
      publishedOn: input.publishedOn ?? null,
      headline,
    },
    confidence: 0,
    isTraining: false,
    title: null,
    kind: null,
    date: null,
    partOfDay: null,
    venue: null,
    hostProvince: null,
    format: null,
    organisers: [],
    invitation: null,
    items: [],
    presenters: [],
    documents: [],
    counts: [],
    bridgePoints: [],
    delegations: [],
    sameEventAs: null,
    paragraphs,
    ignoredFromParagraph: null,
  };
  const lead = findLead(readable);
  // No paragraph says an event was held: propose nothing rather than invent a session.
  if (!lead) return proposal;

  const leadDate = firstEventDate(lead.text);
  const endAt = reportBody(readable, lead, leadDate);
  if (endAt <= readable.length) proposal.ignoredFromParagraph = endAt;
  const body = readable.filter((p) => p.number < endAt);

  // Title and kind: the event name in the lead, else in a caption of the report, else the headline.
  let name: { p: Paragraph; index: number; text: string } | null = null;
  for (const p of [lead, ...body.filter((b) => b !== lead)]) {
    const found = findEventName(stripDecoration(p.text));
    if (found) {
      const text = found.text.replace(/\s*[|,]\s*$/u, '');
      name = { p, index: p.text.indexOf(text), text };
      break;
    }
  }
  // A headline is a title when it is headline-sized and names an event.
  if (!name && headline && headline.length <= 300 && EVENT_NOUN.test(headline)) {
    name = { p: paragraphs[0], index: 0, text: headline };
  }
  if (name) {
    const title = name.text.charAt(0).toUpperCase() + name.text.slice(1);
    proposal.title = cited(title, [cite(name.p, name.text)], name.p === lead ? 0.9 : 0.7);
    proposal.kind = cited(kindOf(name.text), [cite(name.p, name.text)], 0.8);
  }
  const kind = proposal.kind?.value ?? kindOf(lead.text);

  // Date: the first date of the lead, its year stated, from the event name, or from the published
  // date (given, else the page's own date line above the lead: "Thứ Năm, 12/10/2023 15:30").
  const pageDate = input.publishedOn ? null : pageDateLine(paragraphs, lead);
  proposal.date = resolveDate(lead, leadDate, name, input.publishedOn ?? pageDate?.date ?? null);
  if (pageDate && proposal.date?.value.yearFrom === 'published_date') {
    proposal.date.citations.push(cite(pageDate.p, pageDate.p.text));
    proposal.date.note = 'Year from the date line of the page, taken as its publication date.';
  }
  if (proposal.date) {
    // Other paragraphs of the report that name the same day support it ("Quang cảnh hội nghị chiều 8/3.").
    const day = leadDate;
    for (const p of body) {
      if (p === lead || !day) continue;
      const same = findDates(p.text).find(
        (d) => d.day === day.day && d.month === day.month && (d.year === null || d.year === day.year),
      );
      if (same && EVENT_NOUN.test(p.text))
        proposal.date.citations.push(cite(p, p.text.length <= 120 ? p.text : same.text));
    }
  }
  if (leadDate?.partOfDay) proposal.partOfDay = cited<PartOfDay>(leadDate.partOfDay, [cite(lead, leadDate.text)], 0.9);
  const eventDate = proposal.date?.value.start ?? null;

  // Venue and host province: "…, tại <venue>, …" in the lead.
  const venueMatch =
    /(?<![\p{L}])tại\s+((?:(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã)\s+)?\p{Lu}[^,;.()]{0,200}?)(?=\s*[,;.(]|\s+(?:diễn\s+ra|đã|tổ\s+chức)|$)/u.exec(
      lead.text,
    );
  let organiserFrom = 0;
  if (venueMatch && (!leadDate || venueMatch.index < leadDate.index + leadDate.text.length + 40)) {
    const place = venueMatch[1].trim();
    organiserFrom = venueMatch.index + venueMatch[0].length;
    const provinces = gazetteer.findProvinces(place);
    const onlyProvince = provinces.length === 1 && isJustProvince(place, provinces[0].index, provinces[0].length);
    const quote = venueMatch[0];
    if (!onlyProvince) proposal.venue = cited(place, [cite(lead, quote)], 0.85);
    const hit = provinces[provinces.length - 1];
    if (hit) {
      const link = gazetteer.province(hit.name, eventDate);
      if (link) proposal.hostProvince = cited(link, [cite(lead, quote)], 0.85);
    }
  }
  if (leadDate) organiserFrom = Math.max(organiserFrom, leadDate.index + leadDate.text.length);

  // Organisers with roles.
  for (const p of [lead, ...body.filter((b) => b !== lead)]) {
    const clause = findOrganisers(p.text, p === lead ? organiserFrom : 0);
    if (!clause) continue;
    const add = (mention: OrgMention, role: ProposedOrganiser['role']) => {
      const link = gazetteer.organisation(mention.text);
      if (proposal.organisers.some((o) => sameLink(o.value.organisation, link))) return;
      proposal.organisers.push(
        cited({ organisation: link, role }, [cite(p, clause.quote.text)], link.isNew ? 0.6 : 0.85),
      );
    };
    clause.lead.forEach((m, i) => add(m, i === 0 ? 'lead' : 'co_organiser'));
    clause.partners.forEach((m) => add(m, 'co_organiser'));
    if (proposal.organisers.length) break;
  }

  // Host province from the local co-organiser (Thành ủy X, Tỉnh ủy X, UBND tỉnh X) when no venue says it.
  if (!proposal.hostProvince) {
    for (const organiser of proposal.organisers) {
      const name = organiser.value.organisation.name;
      // "Thành ủy X", "UBND tỉnh X", "Sở Ngoại vụ tỉnh X", "Ban Tuyên giáo Tỉnh ủy X": a provincial body.
      const hit = gazetteer
        .findProvinces(name)
        .find((h) => /(?:ủy|uỷ|UBND|tỉnh|thành\s+phố|TP\.?)\s*$/iu.test(name.slice(0, h.index)));
      const link = hit ? gazetteer.province(hit.name, eventDate) : null;
      if (link) {
        proposal.hostProvince = cited(link, [{ ...organiser.citations[0], quote: name }], 0.6, {
          inferred: true,
          note: 'No venue stated: the host is the province of the local co-organiser.',
        });
        break;
      }
    }
  }

  // Agenda items and presenters.
  const presenterKeys = new Set<string>();
  for (const p of body) {
    for (const item of findItems(p.text)) {
      const presenters: ProposedPresenter[] = [
        ...item.people.map((person) => ({ person: toPerson(person, gazetteer) })),
        ...item.organisations.map((org) => ({ organisation: gazetteer.organisation(org.text) })),
      ];
      const documentNumbers = findDocuments(item.title).map((d) => d.number);
      const value: ProposedItem = { kind: item.kind, title: item.title, presenters, documentNumbers };
      const existing = proposal.items.find((other) => sameItem(other.value, value));
      if (existing) {
        existing.citations.push(cite(p, item.quote));
        if (existing.value.kind === 'directing_speech' && value.kind !== 'directing_speech') {
          existing.value.kind = value.kind;
          existing.value.title = value.title;
        }
        continue;
      }
      proposal.items.push(cited(value, [cite(p, item.quote)], presenters.length ? 0.8 : 0.6));
      for (const presenter of presenters) {
        const key = presenterKey(presenter);
        if (presenterKeys.has(key)) continue;
        presenterKeys.add(key);
        proposal.presenters.push(cited(presenter, [cite(p, item.quote)], 0.8));
      }
    }
  }

  // Guiding documents.
  for (const p of body) {
    for (const doc of findDocuments(p.text)) {
      const link = gazetteer.document(doc.number);
      const existing = proposal.documents.find((d) => d.value.number === doc.number);
      if (existing) {
        existing.citations.push(cite(p, doc.text));
        existing.value.issuedOn ??= doc.issuedOn;
        existing.value.issuer ??= doc.issuer;
        continue;
      }
      const value: ProposedDocument = {
        document: link,
        number: doc.number,
        kind: doc.kind,
        issuedOn: doc.issuedOn,
        issuer: doc.issuer,
      };
      proposal.documents.push(cited(value, [cite(p, doc.text)], link.isNew ? 0.7 : 0.9));
    }
    // "… và Hướng dẫn triển khai Kết luận số 57-KL/TW": a named guidance document without a number.
    for (const m of p.text.matchAll(
      /(?<=\S\s)(Hướng\s+dẫn)\s+((?:triển\s+khai|thực\s+hiện)\s+(?:Kết\s+luận|Nghị\s+quyết|Chỉ\s+thị|Quyết\s+định)\s+(?:số\s+)?[\d][^\s,;.]*)/gu,
    )) {
      const title = m[2];
      if (
        proposal.documents.some(
          (d) =>
            d.value.number === null &&
            d.value.kind === 'Hướng dẫn' &&
            foldName(d.value.document.name) === foldName(title),
        )
      )
        continue;
      const link = gazetteer.documentByTitle('Hướng dẫn', title, title);
      proposal.documents.push(
        cited({ document: link, number: null, kind: 'Hướng dẫn', issuedOn: null, issuer: null }, [cite(p, m[0])], 0.6),
      );
    }
  }

  // Reported counts with qualifiers; two different numbers for one field are a conflict, kept.
  for (const p of body) {
    for (const count of findCounts(p.text)) {
      const existing = proposal.counts.find((c) => c.value.field === count.field && c.value.value === count.value);
      if (existing) {
        existing.citations.push(cite(p, count.text));
        continue;
      }
      const value: ProposedCount = {
        field: count.field,
        value: count.value,
        qualifier: count.qualifier,
        unit: count.unit,
        conflict: false,
      };
      proposal.counts.push(cited(value, [cite(p, count.text)], 0.8));
    }
  }
  for (const count of proposal.counts) {
    count.value.conflict = proposal.counts.some((other) => other !== count && other.value.field === count.value.field);
  }

  invitation(proposal, body, lead, name, gazetteer, eventDate);
  bridgePoints(proposal, body);
  delegations(proposal, body, gazetteer, eventDate);
  proposal.format = formatOf(proposal, lead);

  proposal.isTraining = TRAINING_KINDS.includes(kind);
  proposal.confidence = overallConfidence(proposal);
  return proposal;
}

/** The last date line above the lead ("Thứ Hai, 21/10/2024 15:30"): the page's publication date. */
function pageDateLine(paragraphs: Paragraph[], lead: Paragraph): { p: Paragraph; date: string } | null {
  let found: { p: Paragraph; date: string } | null = null;
  for (const p of paragraphs) {
    if (p.number >= lead.number) break;
    const m =
      /^(?:(?:Thứ\s+\p{L}+|Chủ\s+nhật)\s*,?\s*)?(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s*[-|,]?\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*\(?GMT\s*\+\s*7\)?)?$/iu.exec(
        p.text,
      );
    if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12)
      found = { p, date: isoDate(Number(m[3]), Number(m[2]), Number(m[1])) };
  }
  return found;
}

/** The event date in the lead: the first date that is not a document's date ("Kết luận …, ngày 15/6/2023"). */
function firstEventDate(text: string): DateMention | null {
  return (
    findDates(text).find(
      (d) =>
        !/(?:KL|NQ|CT|QĐ|CP|TTg|TW)[^\s]*\s*,?\s*(?:ngày\s*)?$/u.test(text.slice(Math.max(0, d.index - 20), d.index)),
    ) ?? null
  );
}

function resolveDate(
  lead: Paragraph,
  date: DateMention | null,
  name: { p: Paragraph; text: string } | null,
  publishedOn: string | null,
): Cited<ProposedDate> | null {
  const named = name ? findNamedYear(name.text) : null;
  if (!date) {
    if (!named || !name) return null;
    const value: ProposedDate = {
      start: `${named.year}-01-01`,
      end: `${named.year}-12-31`,
      precision: 'year',
      yearFrom: 'event_name',
    };
    return cited(value, [cite(name.p, name.text)], 0.6, { note: 'Only the year is given (in the event name).' });
  }
  let year = date.year;
  let yearFrom: ProposedDate['yearFrom'] = 'stated';
  const citations = [cite(lead, date.text)];
  if (year === null && named && name) {
    year = named.year;
    yearFrom = 'event_name';
    citations.push(cite(name.p, name.text));
  } else if (year === null && publishedOn) {
    year = yearFromPublished(date.day, date.month, publishedOn);
    yearFrom = 'published_date';
  }
  if (year === null) return null;
  const value: ProposedDate = {
    start: isoDate(year, date.month, date.day),
    end: isoDate(year, date.month, date.endDay),
    precision: 'day',
    yearFrom,
  };
  return cited(value, citations, yearFrom === 'stated' ? 0.95 : 0.8, yearFrom === 'stated' ? {} : { inferred: true });
}

/** "tại TP Hồ Chí Minh", "tại Hà Nội", "tại tỉnh Hòa Bình": the place is just a province. */
function isJustProvince(place: string, index: number, length: number): boolean {
  const before = place.slice(0, index).trim();
  const after = place.slice(index + length).trim();
  return after === '' && /^(?:|TP\.?|Tp\.?|thành\s+phố|Thành\s+phố|tỉnh|Tỉnh)$/u.test(before);
}

function toPerson(person: PersonMention, gazetteer: Gazetteer): ProposedPerson {
  return {
    person: gazetteer.person(person.fullName),
    honorific: person.honorific,
    militaryRank: person.militaryRank,
    academicTitle: person.academicTitle,
    posts: person.posts,
  };
}

const sameLink = (a: Link, b: Link) => (a.id !== null && a.id === b.id) || foldName(a.name) === foldName(b.name);

function presenterKey(p: ProposedPresenter): string {
  if (p.person) return `person:${p.person.person.id ?? foldName(p.person.person.name)}`;
  return `org:${p.organisation?.id ?? foldName(p.organisation?.name ?? '')}`;
}

const SPEECHES = ['opening_speech', 'directing_speech', 'concluding_speech'];
/** One speech per speaker (a caption and the text report the same speech); same title otherwise. */
function sameItem(a: ProposedItem, b: ProposedItem): boolean {
  const keys = (i: ProposedItem) => i.presenters.map(presenterKey).sort().join('|');
  if (SPEECHES.includes(a.kind) && SPEECHES.includes(b.kind)) {
    const compatible = a.kind === b.kind || a.kind === 'directing_speech' || b.kind === 'directing_speech';
    return compatible && keys(a) !== '' && keys(a) === keys(b);
  }
  if (a.kind === 'discussion' && b.kind === 'discussion') return true;
  return foldName(a.title) === foldName(b.title);
}

function invitation(
  proposal: ImportProposal,
  body: Paragraph[],
  lead: Paragraph,
  name: { p: Paragraph; text: string } | null,
  gazetteer: Gazetteer,
  eventDate: string | null,
) {
  const citations: Citation[] = [];
  const regions: Link[] = [];
  const provinces: Link[] = [];
  let nationwide = false;
  // The audience clause: "… cho <cán bộ …> (trên toàn quốc | của 14 tỉnh, thành phố trong khu vực R)".
  for (const p of body) {
    for (const m of p.text.matchAll(
      /(?<![\p{L}])cho\s+(?:lãnh\s+đạo|cán\s+bộ|đại\s+biểu|học\s+viên|phóng\s+viên|báo\s+cáo\s+viên|đội\s+ngũ|lực\s+lượng|các)[^.;|]{0,500}/gu,
    )) {
      const clause = m[0];
      if (/(?<![\p{L}])(?:trên\s+)?(?:toàn\s+quốc|cả\s+nước)(?![\p{L}])/u.test(clause)) {
        nationwide = true;
        citations.push(cite(p, clause));
      }
      for (const hit of gazetteer.findRegions(clause)) {
        const region = gazetteer.data.regions.find((r) => r.id === hit.region.id)!;
        if (!regions.some((r) => r.id === region.id))
          regions.push({ id: region.id, key: region.name, name: region.name, isNew: false });
        if (!citations.some((c) => c.quote === clause)) citations.push(cite(p, clause));
      }
      for (const hit of gazetteer.findProvinces(clause)) {
        // A province inside an organisation name ("Ban Tuyên giáo Tỉnh ủy X") is not an invitation.
        const before = clause.slice(0, hit.index);
        if (/(?:ủy|uỷ|UBND|Sở|Báo|Đài|Công\s+an)\s+(?:tỉnh\s+|thành\s+phố\s+)?$/u.test(before)) continue;
        const link = gazetteer.province(hit.name, eventDate);
        if (link && !provinces.some((x) => x.id === link.id)) provinces.push(link);
        if (!citations.some((c) => c.quote === clause)) citations.push(cite(p, clause));
      }
    }
    // "… (các | 15) tỉnh, thành phố (thuộc | trong) khu vực <regions>" elsewhere in the report.
    for (const m of p.text.matchAll(/tỉnh,?\s+thành(?:\s+phố)?[^.;|]{0,30}?khu\s+vực\s+[^.;|(]{0,300}/gu)) {
      for (const hit of gazetteer.findRegions(m[0])) {
        if (!regions.some((r) => r.id === hit.region.id)) {
          regions.push({ id: hit.region.id, key: hit.region.name, name: hit.region.name, isNew: false });
          citations.push(cite(p, m[0]));
        }
      }
    }
  }
  if (name && /(?<![\p{L}])toàn\s+quốc(?![\p{L}])/iu.test(name.text)) {
    nationwide = true;
    citations.push(cite(name.p, name.text));
  }
  void lead;
  if (!nationwide && !regions.length && !provinces.length) return;
  // Provinces that belong to an invited region are already invited through it.
  const regionNames = new Set(regions.map((r) => r.name));
  const extra = provinces.filter((p) => !regionNames.has(gazetteer.provinceRegion(p.name) ?? ''));
  const scope = nationwide ? 'nationwide' : regions.length ? 'regions' : 'provinces';
  proposal.invitation = cited(
    { scope, regions: nationwide ? [] : regions, provinces: nationwide ? [] : extra },
    citations,
    0.75,
  );
}

function bridgePoints(proposal: ImportProposal, body: Paragraph[]) {
  for (const p of body) {
    for (const m of p.text.matchAll(
      /(\d{1,3}(?:\.\d{3})+|\d{1,5})\s+điểm\s+cầu(?:\s+(?:tại|ở)\s+([^.;]{0,200}?))?(?=\s+và\s|\s+với\s|[.;,]|$)/gu,
    )) {
      proposal.bridgePoints.push(
        cited({ name: m[0], count: Number(m[1].replace(/\./g, '')), abroad: false }, [cite(p, m[0])], 0.8),
      );
    }
    for (const m of p.text.matchAll(/(?:Tại|tại)\s+điểm\s+cầu\s+(\p{Lu}[^,.;]{0,150})/gu)) {
      proposal.bridgePoints.push(
        cited({ name: `điểm cầu ${m[1].trim()}`, count: null, abroad: false }, [cite(p, m[0])], 0.8),
      );
    }
    for (const m of p.text.matchAll(
      /kết\s+nối\s+(?:trực\s+tuyến\s+|trực\s+tiếp\s+)?(?:với|đến|tới)\s+(?!(?:hơn|khoảng|gần|trên)?\s*\d)([^.;]{0,300})/gu,
    )) {
      const abroad = /nước\s+ngoài|quốc\s+tế/u.test(m[1]);
      proposal.bridgePoints.push(cited({ name: m[1].trim(), count: null, abroad }, [cite(p, m[0])], 0.7));
    }
  }
}

function delegations(proposal: ImportProposal, body: Paragraph[], gazetteer: Gazetteer, eventDate: string | null) {
  // "Tỉnh X có các đại biểu A, B, C tham dự" / "Đoàn tỉnh X gồm đại biểu A, B".
  for (const p of body) {
    for (const m of p.text.matchAll(
      /(?:Tỉnh|Thành\s+phố|Đoàn\s+(?:tỉnh|thành\s+phố))\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){0,3})\s+(?:có|gồm)\s+(?:các\s+)?đại\s+biểu(?:\s+(?:của|từ))?\s+([^.]{0,600}?)\s+tham\s+dự/gu,
    )) {
      const province = gazetteer.province(m[1], eventDate);
      if (!province) continue;
      const organisations = splitOrganisations(m[2]).map((o) => o.text);
      if (!organisations.length) continue;
      proposal.delegations.push(cited({ province, organisations }, [cite(p, m[0])], 0.7));
    }
  }
}

function formatOf(proposal: ImportProposal, lead: Paragraph): Cited<'in_person' | 'online' | 'hybrid'> | null {
  const said = /(?<![\p{L}])(?:trực\s+tuyến|truyền\s+hình\s+trực\s+tiếp)(?![\p{L}])/u.exec(lead.text);
  if (said && !proposal.bridgePoints.length) {
    const place = proposal.venue ?? proposal.hostProvince;
    return cited(place ? 'hybrid' : 'online', [cite(lead, said[0])], 0.6);
  }
  const online = proposal.bridgePoints[0];
  if (online)
    return cited(proposal.venue || proposal.hostProvince ? 'hybrid' : 'online', online.citations.slice(0, 1), 0.7);
  const place = proposal.venue ?? proposal.hostProvince;
  if (place && !/trực\s+tuyến/u.test(lead.text)) return cited('in_person', place.citations.slice(0, 1), 0.6);
  return null;
}

function overallConfidence(p: ImportProposal): number {
  let score = 0.2;
  if (p.date) score += 0.2;
  if (p.organisers.length) score += 0.2;
  if (p.venue || p.hostProvince) score += 0.15;
  if (p.items.length) score += 0.15;
  if (p.title) score += 0.1;
  // A ceremony or another kind of event is not proposed as a training with any confidence.
  if (!p.isTraining) score = Math.min(score, 0.3);
  return Math.round(score * 100) / 100;
}
