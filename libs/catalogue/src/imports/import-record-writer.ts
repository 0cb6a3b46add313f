import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditActor } from '@app/accounts';
import { foldForSearch } from '@app/common';
import { DocumentEditingService } from '../documents/document-editing.service';
import { OrganisationEditingService } from '../organisations/organisation-editing.service';
import { PersonEditingService } from '../people/person-editing.service';

/**
 * The catalogue records an accepted report names that the catalogue did not have: people, bodies
 * and documents, created on the caller's transaction by the same rules as the editing screens.
 */
@Injectable()
export class ImportRecordWriter {
  constructor(
    private readonly people: PersonEditingService,
    private readonly organisations: OrganisationEditingService,
    private readonly documents: DocumentEditingService,
  ) {}

  async createPerson(
    manager: EntityManager,
    person: { fullName: string; honorific: string | null; militaryRank: string | null; academicTitle: string | null },
    actor: AuditActor,
  ): Promise<number> {
    const created = await this.people.createPersonIn(
      manager,
      {
        fullName: person.fullName,
        honorific: person.honorific ?? undefined,
        militaryRank: person.militaryRank ?? undefined,
        academicTitle: person.academicTitle ?? undefined,
      },
      actor,
    );
    return created.id;
  }

  async createOrganisation(manager: EntityManager, name: string, actor: AuditActor): Promise<number> {
    return (await this.organisations.createOrganisationIn(manager, { name, kind: organisationKindOf(name) }, actor)).id;
  }

  /** The document of this number, recorded first when the catalogue does not have it. */
  async documentByNumber(
    manager: EntityManager,
    document: { number: string; kind: string | null; issuedOn: string | null },
    actor: AuditActor,
  ): Promise<number> {
    const known = await this.documents.byNumber(manager, document.number);
    if (known !== undefined) return known;
    const kind = document.kind ?? 'Văn bản';
    const created = await this.documents.createDocumentIn(
      manager,
      {
        number: document.number,
        kind,
        title: `${kind} số ${document.number}`,
        issuedOn: document.issuedOn ?? undefined,
      },
      actor,
    );
    return created.id;
  }
}

/** The kind of a body named by a report, from the first words of its name (else `other`). */
export function organisationKindOf(name: string): string {
  const folded = foldForSearch(name);
  if (/^bao |^dai |^tap chi |^thong tan xa /.test(folded)) return 'press';
  if (/^(uy ban nhan dan|ubnd|hoi dong nhan dan)/.test(folded)) return 'local_government';
  if (/(tinh uy|thanh uy|huyen uy|dang uy)$|^tinh uy|^thanh uy/.test(folded)) return 'party_committee';
  if (/^ban (tuyen giao|dan van|doi ngoai|to chuc|noi chinh)/.test(folded)) return 'party_body';
  if (/^(so|bo|cuc|vu|tong cuc|van phong) /.test(folded)) return 'state_body';
  if (/^(truong|dai hoc|hoc vien|vien) /.test(folded)) return 'academic';
  return 'other';
}
