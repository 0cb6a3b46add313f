import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter } from '@app/accounts';
import { conflict, notFound, RequestValidationException } from '@app/common';
import { CatalogueRecordRepository, RecordTable } from './catalogue-record.repository';
import { holdSlug } from './slug-lock';
import { CreatedDto } from './record-edit.dto';

type Table = RecordTable;
const LABEL: Record<Table, string> = { person: 'Person', organisation: 'Organisation', document: 'Document' };

/** Only the fields that were sent. */
export function pick(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/**
 * What creating, editing and deleting a person, organisation or document have in common: a
 * unique slug, the row lock, refreshing the search text of sessions that mention it, refusing
 * (409) to delete what is still referenced, and the audit entry, all in one transaction.
 * Each feature's editing service supplies its own columns and checks.
 */
@Injectable()
export class CatalogueRecordWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: CatalogueRecordRepository,
    private readonly audit: AuditLogWriter,
  ) {}

  create(
    table: Table,
    slug: string,
    actor: AuditActor,
    input: object,
    values: (manager: EntityManager) => Promise<Record<string, unknown>>,
    after?: (manager: EntityManager, id: number) => Promise<void>,
  ): Promise<CreatedDto> {
    return this.dataSource.transaction((manager) => this.createIn(manager, table, slug, actor, input, values, after));
  }

  /** `create` on the caller's transaction (an import writes the people and bodies it names with its session). */
  async createIn(
    manager: EntityManager,
    table: Table,
    slug: string,
    actor: AuditActor,
    input: object,
    values: (manager: EntityManager) => Promise<Record<string, unknown>>,
    after?: (manager: EntityManager, id: number) => Promise<void>,
  ): Promise<CreatedDto> {
    if (!slug) throw new RequestValidationException([{ path: 'slug', message: 'cannot be derived; give one' }]);
    await holdSlug(manager, table, slug);
    if (await this.records.slugTaken(manager, table, slug)) {
      throw conflict('slug-taken', `A ${table} with slug ${slug} already exists`, {
        errors: [{ path: 'slug', message: 'is already used' }],
      });
    }
    const id = await this.records.insert(manager, table, { slug, ...(await values(manager)) });
    await after?.(manager, id);
    await this.audit.record(manager, {
      ...actor,
      action: `${table}.created`,
      entityType: table,
      entityId: id,
      after: input,
    });
    return { id, slug };
  }

  /** A slug of `base` nobody holds in `table` (`…-2`, `…-3` after it), for records named by a report. */
  async freeSlug(manager: EntityManager, table: Table, base: string): Promise<string> {
    await holdSlug(manager, table, base);
    if (!(await this.records.slugTaken(manager, table, base))) return base;
    for (let counter = 2; ; counter++) {
      if (!(await this.records.slugTaken(manager, table, `${base}-${counter}`))) return `${base}-${counter}`;
    }
  }

  async update(
    table: Table,
    id: number,
    input: { slug?: string },
    actor: AuditActor,
    values: (manager: EntityManager) => Promise<Record<string, unknown>>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.records.lock(manager, table, id);
      if (!before) throw notFound(LABEL[table], id);
      if (input.slug && (await this.records.slugTaken(manager, table, input.slug, id))) {
        throw conflict('slug-taken', `A ${table} with slug ${input.slug} already exists`, {
          errors: [{ path: 'slug', message: 'is already used' }],
        });
      }
      await this.records.update(manager, table, id, await values(manager));
      await this.records.refreshSessionsMentioning(manager, table, id);
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

  async remove(table: Table, id: number, actor: AuditActor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.records.lock(manager, table, id);
      if (!before) throw notFound(LABEL[table], id);
      const references = await this.records.references(manager, table, id);
      if (references.length > 0) {
        const list = references.map((reference) => `${reference.count} ${reference.what}`).join(', ');
        throw conflict('still-referenced', `${LABEL[table]} ${id} is still referenced by ${list}`, {
          referencedBy: references,
        });
      }
      await this.records.delete(manager, table, id);
      await this.audit.record(manager, {
        ...actor,
        action: `${table}.deleted`,
        entityType: table,
        entityId: id,
        before,
      });
    });
  }
}
