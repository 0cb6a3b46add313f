import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter } from '@app/accounts';
import { FieldError, notFound, RequestValidationException, slugOf } from '@app/common';
import { CitationWriter } from '../citations/citation.writer';
import { CatalogueRecordRepository } from '../shared/catalogue-record.repository';
import { CatalogueRecordWriter, pick } from '../shared/catalogue-record-writer';
import { CreatedDto } from '../shared/record-edit.dto';
import { CreatePersonDto, CreatePositionDto, UpdatePersonDto } from './person-edit.dto';
import { PersonRepository } from './person.repository';

/** Organisers' edits of people and the posts they held (attested on a date or with a term). */
@Injectable()
export class PersonEditingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: CatalogueRecordWriter,
    private readonly records: CatalogueRecordRepository,
    private readonly people: PersonRepository,
    private readonly audit: AuditLogWriter,
    private readonly citations: CitationWriter,
  ) {}

  createPerson(input: CreatePersonDto, actor: AuditActor): Promise<CreatedDto> {
    return this.writer.create('person', input.slug ?? slugOf(input.fullName), actor, input, async () =>
      personColumns(input),
    );
  }

  /** `createPerson` on the caller's transaction, under a free slug (a report names people, not slugs). */
  async createPersonIn(manager: EntityManager, input: CreatePersonDto, actor: AuditActor): Promise<CreatedDto> {
    const slug = input.slug ?? (await this.writer.freeSlug(manager, 'person', slugOf(input.fullName)));
    return this.writer.createIn(manager, 'person', slug, actor, input, async () => personColumns(input));
  }

  updatePerson(id: number, input: UpdatePersonDto, actor: AuditActor): Promise<void> {
    return this.writer.update('person', id, input, actor, async () =>
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

  addPosition(personId: number, input: CreatePositionDto, actor: AuditActor): Promise<CreatedDto> {
    return this.dataSource.transaction((manager) => this.addPositionIn(manager, personId, input, actor));
  }

  /**
   * `addPosition` on the caller's transaction; `sessionId` is the session where the post was stated
   * (an imported report: "Phó Trưởng Ban …" said of a presenter on the day).
   */
  async addPositionIn(
    manager: EntityManager,
    personId: number,
    input: CreatePositionDto,
    actor: AuditActor,
    sessionId: number | null = null,
  ): Promise<CreatedDto> {
    if (!(await this.records.lock(manager, 'person', personId))) throw notFound('Person', personId);
    const errors: FieldError[] = [];
    if (input.organisationId && !(await this.records.exists(manager, 'organisation', input.organisationId))) {
      errors.push({ path: 'organisationId', message: `organisation ${input.organisationId} does not exist` });
    }
    if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
      errors.push({ path: 'validTo', message: 'must not be before validFrom' });
    }
    if (errors.length > 0) throw new RequestValidationException(errors);
    const cited = await this.citations.check(manager, input.citations);
    const id = await this.records.insert(manager, 'person_position', {
      person_id: personId,
      title: input.title,
      organisation_id: input.organisationId ?? null,
      attested_on: input.attestedOn ?? null,
      valid_from: input.validFrom ?? null,
      valid_to: input.validTo ?? null,
      ...(sessionId === null ? {} : { session_id: sessionId }),
    });
    await this.citations.add(manager, sessionId, 'person_position', id, cited);
    await this.audit.record(manager, {
      ...actor,
      action: 'person.position_added',
      entityType: 'person',
      entityId: personId,
      after: input,
    });
    return { id, slug: String(id) };
  }

  async removePosition(personId: number, positionId: number, actor: AuditActor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.people.deletePosition(manager, personId, positionId))) throw notFound('Position', positionId);
      await this.audit.record(manager, {
        ...actor,
        action: 'person.position_removed',
        entityType: 'person',
        entityId: personId,
        before: { positionId },
      });
    });
  }

  removePerson(id: number, actor: AuditActor): Promise<void> {
    return this.writer.remove('person', id, actor);
  }
}

const personColumns = (input: CreatePersonDto) => ({
  full_name: input.fullName,
  academic_title: input.academicTitle ?? null,
  military_rank: input.militaryRank ?? null,
  honorific: input.honorific ?? null,
  note: input.note ?? null,
});
