import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditActor } from '@app/accounts';
import { conflict, FieldError, RequestValidationException, slugOf } from '@app/common';
import { CatalogueRecordRepository } from '../shared/catalogue-record.repository';
import { CatalogueRecordWriter, pick } from '../shared/catalogue-record-writer';
import { CreatedDto } from '../shared/record-edit.dto';
import { CreateDocumentDto, UpdateDocumentDto } from './document-edit.dto';
import { DocumentRepository } from './document.repository';

/** Organisers' edits of guiding documents (one record per document number). */
@Injectable()
export class DocumentEditingService {
  constructor(
    private readonly writer: CatalogueRecordWriter,
    private readonly records: CatalogueRecordRepository,
    private readonly documents: DocumentRepository,
  ) {}

  createDocument(input: CreateDocumentDto, actor: AuditActor): Promise<CreatedDto> {
    return this.writer.create('document', input.slug ?? slugOf(input.number ?? input.title), actor, input, (manager) =>
      this.documentColumns(manager, input),
    );
  }

  /** `createDocument` on the caller's transaction, under a free slug (a document cited by a report). */
  async createDocumentIn(manager: EntityManager, input: CreateDocumentDto, actor: AuditActor): Promise<CreatedDto> {
    const slug = input.slug ?? (await this.writer.freeSlug(manager, 'document', slugOf(input.number ?? input.title)));
    return this.writer.createIn(manager, 'document', slug, actor, input, (m) => this.documentColumns(m, input));
  }

  /** The document of this number, if one is recorded. */
  async byNumber(manager: EntityManager, number: string): Promise<number | undefined> {
    const holder = await this.documents.numberHolder(manager, number, undefined);
    return holder ? Number(holder.id) : undefined;
  }

  private async documentColumns(manager: EntityManager, input: CreateDocumentDto) {
    await this.checkDocument(manager, input, undefined);
    return {
      number: input.number ?? null,
      kind: input.kind,
      title: input.title,
      issuer_id: input.issuerId ?? null,
      issued_on: input.issuedOn ?? null,
    };
  }

  updateDocument(id: number, input: UpdateDocumentDto, actor: AuditActor): Promise<void> {
    return this.writer.update('document', id, input, actor, async (manager) => {
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

  removeDocument(id: number, actor: AuditActor): Promise<void> {
    return this.writer.remove('document', id, actor);
  }

  private async checkDocument(manager: EntityManager, input: UpdateDocumentDto, selfId: number | undefined) {
    const errors: FieldError[] = [];
    if (input.issuerId !== undefined && !(await this.records.exists(manager, 'organisation', input.issuerId))) {
      errors.push({ path: 'issuerId', message: `organisation ${input.issuerId} does not exist` });
    }
    if (input.number) {
      const taken = await this.documents.numberHolder(manager, input.number, selfId);
      if (taken) {
        throw conflict('number-taken', `Document ${input.number} already exists (id ${taken.id})`, {
          errors: [{ path: 'number', message: 'is already recorded' }],
        });
      }
    }
    if (errors.length > 0) throw new RequestValidationException(errors);
  }
}
