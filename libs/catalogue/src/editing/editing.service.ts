import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter } from '@app/accounts';
import { conflict, FieldError, foldForSearch, notFound, RequestValidationException } from '@app/common';
import {
  CreateDocumentDto,
  CreatedDto,
  CreateOrganisationDto,
  CreatePersonDto,
  CreatePositionDto,
  RenameOrganisationDto,
  UpdateDocumentDto,
  UpdateOrganisationDto,
  UpdatePersonDto,
} from './editing.dto';
import { EditingRepository } from './editing.repository';

type Table = 'person' | 'organisation' | 'document';
const LABEL: Record<Table, string> = { person: 'Person', organisation: 'Organisation', document: 'Document' };

const slugOf = (text: string) =>
  foldForSearch(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);

const dayBefore = (iso: string) => {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
};

/**
 * Organisers' edits of people (and their posts), organisations (and renames) and guiding
 * documents. One transaction per use case; deleting something still referenced is refused
 * with 409 naming what references it.
 */
@Injectable()
export class EditingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly editing: EditingRepository,
    private readonly audit: AuditLogWriter,
  ) {}

  createPerson(input: CreatePersonDto, actor: AuditActor): Promise<CreatedDto> {
    return this.create('person', input.slug ?? slugOf(input.fullName), actor, input, async () => ({
      full_name: input.fullName,
      academic_title: input.academicTitle ?? null,
      military_rank: input.militaryRank ?? null,
      honorific: input.honorific ?? null,
      note: input.note ?? null,
    }));
  }

  updatePerson(id: number, input: UpdatePersonDto, actor: AuditActor): Promise<void> {
    return this.update('person', id, input, actor, async () =>
      pick({
        slug: input.slug,
        full_name: input.fullName,
        academic_title: input.academicTitle,
        military_rank: input.militaryRank,
        honorific: input.honorific,
        note: input.note,
      }),
    );
  }

  async addPosition(personId: number, input: CreatePositionDto, actor: AuditActor): Promise<CreatedDto> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.editing.lock(manager, 'person', personId))) throw notFound('Person', personId);
      const errors: FieldError[] = [];
      if (input.organisationId && !(await this.editing.exists(manager, 'organisation', input.organisationId))) {
        errors.push({ path: 'organisationId', message: `organisation ${input.organisationId} does not exist` });
      }
      if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
        errors.push({ path: 'validTo', message: 'must not be before validFrom' });
      }
      if (errors.length > 0) throw new RequestValidationException(errors);
      const id = await this.editing.insert(manager, 'person_position', {
        person_id: personId,
        title: input.title,
        organisation_id: input.organisationId ?? null,
        attested_on: input.attestedOn ?? null,
        valid_from: input.validFrom ?? null,
        valid_to: input.validTo ?? null,
      });
      await this.audit.record(manager, {
        ...actor,
        action: 'person.position_added',
        entityType: 'person',
        entityId: personId,
        after: input,
      });
      return { id, slug: String(id) };
    });
  }

  async removePosition(personId: number, positionId: number, actor: AuditActor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.editing.deletePosition(manager, personId, positionId))) throw notFound('Position', positionId);
      await this.audit.record(manager, {
        ...actor,
        action: 'person.position_removed',
        entityType: 'person',
        entityId: personId,
        before: { positionId },
      });
    });
  }

  createOrganisation(input: CreateOrganisationDto, actor: AuditActor): Promise<CreatedDto> {
    return this.create(
      'organisation',
      input.slug ?? slugOf(input.name),
      actor,
      input,
      async (manager) => {
        await this.checkOrganisationLinks(manager, input, undefined);
        return {
          kind: input.kind,
          short_name: input.shortName ?? null,
          parent_id: input.parentId ?? null,
          province_id: input.provinceId ?? null,
        };
      },
      async (manager, id) => this.editing.addName(manager, id, input.name, null),
    );
  }

  updateOrganisation(id: number, input: UpdateOrganisationDto, actor: AuditActor): Promise<void> {
    return this.update('organisation', id, input, actor, async (manager) => {
      await this.checkOrganisationLinks(manager, input, id);
      if (input.name !== undefined) {
        // Correcting the spelling of the current name; a real rename goes through rename().
        const current = await this.editing.currentName(manager, id);
        if (current)
          await manager.query(`UPDATE organisation_name SET name = $2 WHERE id = $1`, [current.id, input.name]);
      }
      return pick({
        slug: input.slug,
        kind: input.kind,
        short_name: input.shortName,
        parent_id: input.parentId,
        province_id: input.provinceId,
      });
    });
  }

  /** A rename: the current name ends the day before `effectiveFrom`, the new one starts then. Old names stay searchable. */
  async renameOrganisation(id: number, input: RenameOrganisationDto, actor: AuditActor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.editing.lock(manager, 'organisation', id))) throw notFound('Organisation', id);
      const current = await this.editing.currentName(manager, id);
      if (current?.name === input.name) {
        throw new RequestValidationException([{ path: 'name', message: 'is already the current name' }]);
      }
      if (current?.valid_from && current.valid_from >= input.effectiveFrom) {
        throw new RequestValidationException([
          { path: 'effectiveFrom', message: `must be after the current name's start (${current.valid_from})` },
        ]);
      }
      if (current) await this.editing.closeName(manager, current.id, dayBefore(input.effectiveFrom));
      await this.editing.addName(manager, id, input.name, input.effectiveFrom);
      await this.editing.refreshSessionsMentioning(manager, 'organisation', id);
      await this.audit.record(manager, {
        ...actor,
        action: 'organisation.renamed',
        entityType: 'organisation',
        entityId: id,
        before: current,
        after: input,
      });
    });
  }

  createDocument(input: CreateDocumentDto, actor: AuditActor): Promise<CreatedDto> {
    return this.create('document', input.slug ?? slugOf(input.number ?? input.title), actor, input, async (manager) => {
      await this.checkDocument(manager, input, undefined);
      return {
        number: input.number ?? null,
        kind: input.kind,
        title: input.title,
        issuer_id: input.issuerId ?? null,
        issued_on: input.issuedOn ?? null,
      };
    });
  }

  updateDocument(id: number, input: UpdateDocumentDto, actor: AuditActor): Promise<void> {
    return this.update('document', id, input, actor, async (manager) => {
      await this.checkDocument(manager, input, id);
      return pick({
        slug: input.slug,
        number: input.number,
        kind: input.kind,
        title: input.title,
        issuer_id: input.issuerId,
        issued_on: input.issuedOn,
      });
    });
  }

  async remove(table: Table, id: number, actor: AuditActor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.editing.lock(manager, table, id);
      if (!before) throw notFound(LABEL[table], id);
      const references = await this.editing.references(manager, table, id);
      if (references.length > 0) {
        const list = references.map((reference) => `${reference.count} ${reference.what}`).join(', ');
        throw conflict('still-referenced', `${LABEL[table]} ${id} is still referenced by ${list}`, {
          referencedBy: references,
        });
      }
      await this.editing.delete(manager, table, id);
      await this.audit.record(manager, {
        ...actor,
        action: `${table}.deleted`,
        entityType: table,
        entityId: id,
        before,
      });
    });
  }

  private async create(
    table: Table,
    slug: string,
    actor: AuditActor,
    input: object,
    values: (manager: EntityManager) => Promise<Record<string, unknown>>,
    after?: (manager: EntityManager, id: number) => Promise<void>,
  ): Promise<CreatedDto> {
    return this.dataSource.transaction(async (manager) => {
      if (!slug) throw new RequestValidationException([{ path: 'slug', message: 'cannot be derived; give one' }]);
      if (await this.editing.slugTaken(manager, table, slug)) {
        throw conflict('slug-taken', `A ${table} with slug ${slug} already exists`, {
          errors: [{ path: 'slug', message: 'is already used' }],
        });
      }
      const id = await this.editing.insert(manager, table, { slug, ...(await values(manager)) });
      await after?.(manager, id);
      await this.audit.record(manager, {
        ...actor,
        action: `${table}.created`,
        entityType: table,
        entityId: id,
        after: input,
      });
      return { id, slug };
    });
  }

  private async update(
    table: Table,
    id: number,
    input: { slug?: string },
    actor: AuditActor,
    values: (manager: EntityManager) => Promise<Record<string, unknown>>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.editing.lock(manager, table, id);
      if (!before) throw notFound(LABEL[table], id);
      if (input.slug && (await this.editing.slugTaken(manager, table, input.slug, id))) {
        throw conflict('slug-taken', `A ${table} with slug ${input.slug} already exists`, {
          errors: [{ path: 'slug', message: 'is already used' }],
        });
      }
      await this.editing.update(manager, table, id, await values(manager));
      await this.editing.refreshSessionsMentioning(manager, table, id);
      await this.audit.record(manager, {
        ...actor,
        action: `${table}.updated`,
        entityType: table,
        entityId: id,
        before,
        after: input,
      });
    });
  }

  private async checkOrganisationLinks(
    manager: EntityManager,
    input: UpdateOrganisationDto,
    selfId: number | undefined,
  ) {
    const errors: FieldError[] = [];
    if (input.parentId !== undefined) {
      if (input.parentId === selfId) errors.push({ path: 'parentId', message: 'cannot be the organisation itself' });
      else if (!(await this.editing.exists(manager, 'organisation', input.parentId))) {
        errors.push({ path: 'parentId', message: `organisation ${input.parentId} does not exist` });
      }
    }
    if (input.provinceId !== undefined && !(await this.editing.exists(manager, 'province', input.provinceId))) {
      errors.push({ path: 'provinceId', message: `province ${input.provinceId} does not exist` });
    }
    if (errors.length > 0) throw new RequestValidationException(errors);
  }

  private async checkDocument(manager: EntityManager, input: UpdateDocumentDto, selfId: number | undefined) {
    const errors: FieldError[] = [];
    if (input.issuerId !== undefined && !(await this.editing.exists(manager, 'organisation', input.issuerId))) {
      errors.push({ path: 'issuerId', message: `organisation ${input.issuerId} does not exist` });
    }
    if (input.number) {
      const taken = await manager.query(`SELECT id FROM document WHERE number = $1 AND id IS DISTINCT FROM $2`, [
        input.number,
        selfId ?? null,
      ]);
      if (taken.length > 0) {
        throw conflict('number-taken', `Document ${input.number} already exists (id ${taken[0].id})`, {
          errors: [{ path: 'number', message: 'is already recorded' }],
        });
      }
    }
    if (errors.length > 0) throw new RequestValidationException(errors);
  }
}

/** Only the fields that were sent. */
function pick(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
