import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditActor } from '@app/accounts';
import { ImportRecordWriter, LockedSession, SessionImportWriter } from '@app/catalogue';
import { ReviewedImport, presenterKey } from './import-review';
import { LinkDto, PresenterValueDto } from './imports.dto';

/** The session the facts go to; `merging` when it is an existing session gaining a further source. */
export interface SessionInHand extends LockedSession {
  id: number;
  merging: boolean;
}

/** The importer's count qualifiers as the catalogue's claim qualifiers ("gần 200" is at most 200). */
const QUALIFIERS: Record<string, string> = {
  exact: 'exact',
  more_than: 'at_least',
  about: 'about',
  nearly: 'at_most',
  up_to: 'at_most',
};

const idOf = (link: LinkDto): number | null => (link.id && !link.isNew ? Number(link.id) : null);

/**
 * The list facts of an accepted import (organisers, invitation, documents, agenda with its
 * presenters and their posts, counts, bridge points, delegations), each written through the
 * catalogue's import surface with its citations of the report. People, bodies and documents the
 * catalogue does not know are created once per accept, by name (or number).
 */
@Injectable()
export class ImportFactsWriter {
  constructor(
    private readonly catalogue: SessionImportWriter,
    private readonly records: ImportRecordWriter,
  ) {}

  async write(
    manager: EntityManager,
    session: SessionInHand,
    key: string,
    r: ReviewedImport,
    actor: AuditActor,
  ): Promise<void> {
    const id = session.id;
    const created = new Map<string, number>();
    const once = async (name: string, make: () => Promise<number>) => {
      if (!created.has(name)) created.set(name, await make());
      return created.get(name)!;
    };
    const organisation = (link: LinkDto) =>
      idOf(link) ?? once(`o:${link.name}`, () => this.records.createOrganisation(manager, link.name, actor));

    // A session that has a lead (merged into, or led by the importing organiser's own body) keeps
    // it: an organiser the report calls the lead joins as co-organiser.
    let hasLead = session.merging || session.organisationIds.length > 0;
    for (const organiser of r.organisers) {
      const role = organiser.value.role === 'lead' && !hasLead ? 'lead' : 'co_organiser';
      hasLead ||= role === 'lead';
      const organisationId = await organisation(organiser.value.organisation);
      await this.catalogue.addOrganiser(manager, id, { organisationId, role }, key, organiser.citations);
    }

    const invitation = r.invitation;
    const invited = session.state.invitation_scope !== null || session.state.has_invited;
    if (invitation && !(session.merging && invited)) {
      const provinceIds = invitation.value.provinces.flatMap((p) => idOf(p) ?? []);
      const regionIds = invitation.value.regions.flatMap((p) => idOf(p) ?? []);
      await this.catalogue.setInvitation(
        manager,
        session.row,
        { scope: invitation.value.scope, provinceIds, regionIds },
        key,
        invitation.citations,
        actor,
      );
    }

    const documentIds = new Map<string, number>();
    const documentId = async (number: string, details?: { kind: string | null; issuedOn: string | null }) => {
      if (!documentIds.has(number)) {
        const known = await this.records.documentByNumber(
          manager,
          { number, kind: details?.kind ?? null, issuedOn: details?.issuedOn ?? null },
          actor,
        );
        documentIds.set(number, known);
      }
      return documentIds.get(number)!;
    };
    for (const document of r.documents) {
      const number = document.value.number;
      // A document named without a number cannot be told from another: not recorded.
      if (!number) continue;
      const docId = idOf(document.value.document) ?? (await documentId(number, document.value));
      documentIds.set(number, docId);
      await this.catalogue.addDocument(manager, id, docId, key, document.citations);
    }

    const people = new Map<string, number>();
    const presenter = async (value: PresenterValueDto, quotes: ReviewedImport['counts'][number]['citations']) => {
      if (value.person) {
        const p = value.person;
        const known = idOf(p.person);
        const personKey = presenterKey(value);
        if (!people.has(personKey)) {
          const personId =
            known ??
            (await this.records.createPerson(
              manager,
              {
                fullName: p.person.name,
                honorific: p.honorific,
                militaryRank: p.militaryRank,
                academicTitle: p.academicTitle,
              },
              actor,
            ));
          people.set(personKey, personId);
          // The posts the report gives the presenter, attested on the session's day.
          for (const post of p.posts.filter((title) => title.length >= 2)) {
            await this.catalogue.addPosition(
              manager,
              id,
              personId,
              { title: post.slice(0, 300), attestedOn: session.row.starts_on },
              key,
              quotes,
              actor,
            );
          }
        }
        return { personId: people.get(personKey)! };
      }
      return { organisationId: await organisation(value.organisation!) };
    };
    for (const item of r.items) {
      const presenters = [];
      for (const value of item.value.presenters) {
        if (r.excludedPresenters.has(presenterKey(value)) || (!value.person && !value.organisation)) continue;
        presenters.push(await presenter(value, item.citations));
      }
      const numbers = item.value.documentNumbers.filter((n) => !r.excludedDocuments.has(n));
      const ids = [];
      for (const number of numbers) ids.push(await documentId(number));
      await this.catalogue.addAgendaItem(
        manager,
        id,
        { kind: item.value.kind, title: item.value.title, presenters: dedupe(presenters), documentIds: ids },
        key,
        item.citations,
      );
    }

    for (const count of r.counts) {
      const { field, value, qualifier, unit } = count.value;
      await this.catalogue.addClaim(
        manager,
        id,
        { field, value, qualifier: QUALIFIERS[qualifier] ?? 'exact', note: unit || null },
        key,
        count.citations,
      );
    }
    for (const point of r.bridgePoints) {
      const { name, abroad, count } = point.value;
      const note = count === null ? null : `${count} người dự tại điểm cầu (theo bài báo)`;
      await this.catalogue.addBridgePoint(manager, id, { name, abroad, note }, key, point.citations);
    }
    for (const delegation of r.delegations) {
      const provinceId = idOf(delegation.value.province);
      // A province the catalogue does not know cannot hold a delegation row.
      if (provinceId === null) continue;
      const note = delegation.value.organisations.length > 0 ? delegation.value.organisations.join('; ') : null;
      await this.catalogue.addDelegation(manager, id, { provinceId, note }, key, delegation.citations);
    }
  }
}

function dedupe<T extends object>(values: T[]): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
