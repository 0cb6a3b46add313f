import { Cited, ImportProposal, Link } from './proposal';
import { ImportProposalDto, LinkDto } from './imports.dto';

const link = (l: Link): LinkDto => ({ id: l.id, slug: l.key, name: l.name, isNew: l.isNew });

function cited<T, U>(field: Cited<T>, value: (v: T) => U) {
  return {
    value: value(field.value),
    citations: field.citations.map((c) => ({ paragraph: c.paragraph, quote: c.quote })),
    confidence: field.confidence,
    ...(field.inferred ? { inferred: true } : {}),
    ...(field.note ? { note: field.note } : {}),
  };
}
const same = <T>(v: T) => v;

/** The proposal as the API answers it (catalogue keys become slugs). */
export function toImportProposalDto(p: ImportProposal): ImportProposalDto {
  const presenter = (v: ImportProposal['presenters'][number]['value']) => ({
    ...(v.person ? { person: { ...v.person, person: link(v.person.person) } } : {}),
    ...(v.organisation ? { organisation: link(v.organisation) } : {}),
  });
  return {
    source: p.source,
    confidence: p.confidence,
    isTraining: p.isTraining,
    title: p.title && cited(p.title, same),
    kind: p.kind && cited(p.kind, same),
    date: p.date && cited(p.date, same),
    partOfDay: p.partOfDay && cited(p.partOfDay, same),
    venue: p.venue && cited(p.venue, same),
    hostProvince: p.hostProvince && cited(p.hostProvince, link),
    format: p.format && cited(p.format, same),
    organisers: p.organisers.map((o) => cited(o, (v) => ({ organisation: link(v.organisation), role: v.role }))),
    invitation:
      p.invitation &&
      cited(p.invitation, (v) => ({ scope: v.scope, regions: v.regions.map(link), provinces: v.provinces.map(link) })),
    items: p.items.map((i) => cited(i, (v) => ({ ...v, presenters: v.presenters.map(presenter) }))),
    presenters: p.presenters.map((x) => cited(x, presenter)),
    documents: p.documents.map((d) => cited(d, (v) => ({ ...v, document: link(v.document) }))),
    counts: p.counts.map((c) => cited(c, same)),
    bridgePoints: p.bridgePoints.map((b) => cited(b, same)),
    delegations: p.delegations.map((d) =>
      cited(d, (v) => ({ province: link(v.province), organisations: v.organisations })),
    ),
    sameEventAs: p.sameEventAs && { ...p.sameEventAs, session: link(p.sameEventAs.session) },
    paragraphs: p.paragraphs,
    ignoredFromParagraph: p.ignoredFromParagraph,
  };
}
