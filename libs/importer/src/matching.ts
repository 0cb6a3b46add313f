import { Gazetteer, GazSession } from './gazetteer/gazetteer';
import { ImportProposal, SecondSourceMatch } from './proposal';
import { foldName, similarity } from './text/fold';

const addDays = (iso: string, days: number) => {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/**
 * The existing session this report most likely describes: the date windows overlap (a day either
 * side, to allow for a report dated by its publication), the host province is the same (either
 * era: an old unit matches its successor), the kind agrees and the titles are similar. Two
 * reports of one event become two sources of one session instead of two sessions.
 */
export function findSameEvent(
  proposal: ImportProposal,
  sessions: GazSession[],
  gazetteer: Gazetteer,
): SecondSourceMatch | null {
  const date = proposal.date?.value;
  if (!date || !proposal.title) return null;
  let best: SecondSourceMatch | null = null;
  for (const session of sessions) {
    const overlaps = addDays(date.start, -1) <= session.end && session.start <= addDays(date.end, 1);
    if (!overlaps) continue;
    const host = proposal.hostProvince?.value.name ?? null;
    if (!host || !session.hostProvinceName || !sameProvince(host, session.hostProvinceName, gazetteer)) continue;
    if (proposal.kind && proposal.kind.value !== session.kind) continue;
    const titleScore = similarity(proposal.title.value, session.title);
    if (titleScore < 0.5) continue;
    const precise = date.precision === 'day' && session.precision === 'day' && date.start === session.start;
    const score = Math.round((0.5 * titleScore + (precise ? 0.5 : 0.3)) * 100) / 100;
    if (best && best.score >= score) continue;
    best = {
      session: { id: session.id, key: session.key, name: session.title, isNew: false },
      score,
      ...compare(proposal, session),
    };
  }
  return best;
}

function sameProvince(a: string, b: string, gazetteer: Gazetteer): boolean {
  if (foldName(a) === foldName(b)) return true;
  const successor = (name: string) =>
    gazetteer.data.provinces.find((p) => foldName(p.name) === foldName(name) && p.successorName)?.successorName ?? name;
  return foldName(successor(a)) === foldName(successor(b));
}

/** Which proposed facts agree with the session, add to it, or conflict with it. */
function compare(p: ImportProposal, s: GazSession): Pick<SecondSourceMatch, 'adds' | 'agrees' | 'conflicts'> {
  const adds: string[] = [];
  const agrees: string[] = [];
  const conflicts: string[] = [];
  const check = (field: string, mine: string | null | undefined, theirs: string | null | undefined) => {
    if (!mine) return;
    if (!theirs) adds.push(field);
    else if (foldName(mine) === foldName(theirs)) agrees.push(field);
    else conflicts.push(field);
  };
  check('date', p.date?.value.start, s.start);
  check('partOfDay', p.partOfDay?.value, s.partOfDay);
  check('venue', p.venue?.value, s.venue);
  check('hostProvince', p.hostProvince?.value.name, s.hostProvinceName);
  const known = new Set(s.organisationIds);
  for (const o of p.organisers) {
    const id = o.value.organisation.id;
    if (id && known.has(id)) {
      if (!agrees.includes('organisers')) agrees.push('organisers');
    } else if (!adds.includes('organisers')) adds.push('organisers');
  }
  if (p.items.length) adds.push('items');
  if (p.documents.length) adds.push('documents');
  if (p.counts.length) adds.push('counts');
  return { adds, agrees, conflicts };
}

/** A proposal seen as a session, so a later report of the same event can match it. */
export function proposalAsSession(id: string, p: ImportProposal): GazSession | null {
  if (!p.date || !p.title) return null;
  return {
    id,
    key: id,
    title: p.title.value,
    kind: p.kind?.value ?? 'other',
    start: p.date.value.start,
    end: p.date.value.end,
    precision: p.date.value.precision,
    hostProvinceName: p.hostProvince?.value.name ?? null,
    partOfDay: p.partOfDay?.value ?? null,
    venue: p.venue?.value ?? null,
    organisationIds: p.organisers.map((o) => o.value.organisation.id).filter((x): x is string => x !== null),
  };
}
