import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter } from '@app/accounts';
import { FieldError, notFound, RequestValidationException, slugOf } from '@app/common';
import { CatalogueRecordRepository } from '../shared/catalogue-record.repository';
import { CatalogueRecordWriter, pick } from '../shared/catalogue-record-writer';
import { CreatedDto } from '../shared/record-edit.dto';
import { CreateOrganisationDto, RenameOrganisationDto, UpdateOrganisationDto } from './organisation-edit.dto';
import { OrganisationRepository } from './organisation.repository';

const dayBefore = (iso: string) => {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
};

/** Organisers' edits of organisations: their links, spelling corrections and dated renames. */
@Injectable()
export class OrganisationEditingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: CatalogueRecordWriter,
    private readonly records: CatalogueRecordRepository,
    private readonly organisations: OrganisationRepository,
    private readonly audit: AuditLogWriter,
  ) {}

  createOrganisation(input: CreateOrganisationDto, actor: AuditActor): Promise<CreatedDto> {
    return this.writer.create(
      'organisation',
      input.slug ?? slugOf(input.name),
      actor,
      input,
      (manager) => this.organisationColumns(manager, input),
      async (manager, id) => this.organisations.addName(manager, id, input.name, null),
    );
  }

  /** `createOrganisation` on the caller's transaction, under a free slug (a body named by a report). */
  async createOrganisationIn(
    manager: EntityManager,
    input: CreateOrganisationDto,
    actor: AuditActor,
  ): Promise<CreatedDto> {
    const slug = input.slug ?? (await this.writer.freeSlug(manager, 'organisation', slugOf(input.name)));
    return this.writer.createIn(
      manager,
      'organisation',
      slug,
      actor,
      input,
      (m) => this.organisationColumns(m, input),
      async (m, id) => this.organisations.addName(m, id, input.name, null),
    );
  }

  private async organisationColumns(manager: EntityManager, input: CreateOrganisationDto) {
    await this.checkOrganisationLinks(manager, input, undefined);
    return {
      kind: input.kind,
      short_name: input.shortName ?? null,
      parent_id: input.parentId ?? null,
      province_id: input.provinceId ?? null,
    };
  }

  updateOrganisation(id: number, input: UpdateOrganisationDto, actor: AuditActor): Promise<void> {
    return this.writer.update('organisation', id, input, actor, async (manager) => {
      await this.checkOrganisationLinks(manager, input, id);
      if (input.name !== undefined) {
        // Correcting the spelling of the current name; a real rename goes through rename().
        const current = await this.organisations.currentName(manager, id);
        if (current) await this.organisations.correctName(manager, current.id, input.name);
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
      if (!(await this.records.lock(manager, 'organisation', id))) throw notFound('Organisation', id);
      const current = await this.organisations.currentName(manager, id);
      if (current?.name === input.name) {
        throw new RequestValidationException([{ path: 'name', message: 'is already the current name' }]);
      }
      if (current?.valid_from && current.valid_from >= input.effectiveFrom) {
        throw new RequestValidationException([
          { path: 'effectiveFrom', message: `must be after the current name's start (${current.valid_from})` },
        ]);
      }
      if (current) await this.organisations.closeName(manager, current.id, dayBefore(input.effectiveFrom));
      await this.organisations.addName(manager, id, input.name, input.effectiveFrom);
      await this.records.refreshSessionsMentioning(manager, 'organisation', id);
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

  removeOrganisation(id: number, actor: AuditActor): Promise<void> {
    return this.writer.remove('organisation', id, actor);
  }

  private async checkOrganisationLinks(
    manager: EntityManager,
    input: UpdateOrganisationDto,
    selfId: number | undefined,
  ) {
    const errors: FieldError[] = [];
    if (input.parentId !== undefined) {
      if (input.parentId === selfId) errors.push({ path: 'parentId', message: 'cannot be the organisation itself' });
      else if (!(await this.records.exists(manager, 'organisation', input.parentId))) {
        errors.push({ path: 'parentId', message: `organisation ${input.parentId} does not exist` });
      }
    }
    if (input.provinceId !== undefined && !(await this.records.exists(manager, 'province', input.provinceId))) {
      errors.push({ path: 'provinceId', message: `province ${input.provinceId} does not exist` });
    }
    if (errors.length > 0) throw new RequestValidationException(errors);
  }
}
