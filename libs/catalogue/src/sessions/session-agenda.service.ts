import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter, AuthUser, requireAccess } from '@app/accounts';
import { conflict, notFound, RequestValidationException } from '@app/common';
import { CreateAgendaItemDto, CreateBridgePointDto, UpdateAgendaItemDto } from './dto/session-write.dto';
import { SessionDetailDto } from './dto/session.response';
import { CitationWriter } from '../citations/citation.writer';
import { SessionWriteRepository, SessionWriteRow } from './session-write.repository';
import { SessionQueryService } from './session.service';
import { ORGANISER_VIEW, requireExisting, withLockedSession } from './session-write-support';

/**
 * What a session holds: its bridge points, and agenda items with presenters, documents and
 * days, each with its citations. Each change locks the session row, bumps its version and is
 * audited in the same transaction.
 */
@Injectable()
export class SessionAgendaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionWriteRepository,
    private readonly queries: SessionQueryService,
    private readonly audit: AuditLogWriter,
    private readonly citations: CitationWriter,
  ) {}

  async addBridgePoint(
    id: number,
    input: CreateBridgePointDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<SessionDetailDto> {
    requireAccess(user, { session: id, action: 'session.change' });
    await withLockedSession(this.dataSource, this.sessions, id, async (manager) => {
      if (input.provinceId !== undefined)
        await requireExisting(this.sessions, manager, 'province', [input.provinceId], () => 'provinceId');
      if (input.organisationId !== undefined) {
        await requireExisting(this.sessions, manager, 'organisation', [input.organisationId], () => 'organisationId');
      }
      const cited = await this.citations.check(manager, input.citations);
      const pointId = await this.sessions.insertBridgePoint(manager, id, {
        name: input.name,
        provinceId: input.provinceId ?? null,
        organisationId: input.organisationId ?? null,
        abroad: input.abroad ?? false,
        isGroup: input.isGroup ?? false,
      });
      await this.citations.add(manager, id, 'bridge_point', pointId, cited);
      await this.sessions.touch(manager, id);
      await this.audit.record(manager, {
        ...actor,
        action: 'bridge_point.created',
        entityType: 'bridge_point',
        entityId: pointId,
        after: input,
      });
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  async removeBridgePoint(id: number, pointId: number, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    requireAccess(user, { session: id, action: 'session.change' });
    await withLockedSession(this.dataSource, this.sessions, id, async (manager) => {
      const uses = await this.sessions.bridgePointUse(manager, id, pointId);
      if (uses === undefined) throw notFound('Bridge point', pointId);
      if (uses > 0) {
        throw conflict(
          'still-referenced',
          `Bridge point ${pointId} is still referenced by ${uses} attendance records or headcounts`,
          {
            referencedBy: [{ what: 'attendance records and headcounts', count: uses }],
          },
        );
      }
      await this.sessions.deleteBridgePoint(manager, pointId);
      await this.sessions.touch(manager, id);
      await this.audit.record(manager, {
        ...actor,
        action: 'bridge_point.deleted',
        entityType: 'bridge_point',
        entityId: pointId,
      });
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  async addAgendaItem(
    id: number,
    input: CreateAgendaItemDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<SessionDetailDto> {
    requireAccess(user, { session: id, action: 'session.change' });
    await withLockedSession(this.dataSource, this.sessions, id, async (manager, _startsOn, session) => {
      await this.checkAgendaReferences(manager, input, session);
      const cited = await this.citations.check(manager, input.citations);
      const length = await this.sessions.agendaLength(manager, id);
      const position = Math.min(input.position ?? length + 1, length + 1);
      if (position <= length) await this.sessions.shiftPositions(manager, id, position, 1);
      const itemId = await this.sessions.insertAgendaItem(manager, id, {
        position,
        kind: input.kind,
        title: input.title,
        summary: input.summary ?? null,
        startsAt: input.startsAt ?? null,
        endsAt: input.endsAt ?? null,
        day: input.day ?? null,
      });
      await this.sessions.replacePresenters(manager, itemId, input.presenters ?? []);
      await this.sessions.replaceItemDocuments(manager, itemId, input.documentIds ?? []);
      await this.citations.add(manager, id, 'agenda_item', itemId, cited);
      await this.sessions.touch(manager, id);
      await this.audit.record(manager, {
        ...actor,
        action: 'agenda_item.created',
        entityType: 'agenda_item',
        entityId: itemId,
        after: input,
      });
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  async updateAgendaItem(
    id: number,
    itemId: number,
    input: UpdateAgendaItemDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<SessionDetailDto> {
    requireAccess(user, { session: id, action: 'session.change' });
    await withLockedSession(this.dataSource, this.sessions, id, async (manager, _startsOn, session) => {
      const item = await this.sessions.agendaItem(manager, id, itemId);
      if (!item) throw notFound('Agenda item', itemId);
      await this.checkAgendaReferences(manager, input, session);
      const cited = await this.citations.check(manager, input.citations);
      const values: Record<string, unknown> = {};
      if (input.day !== undefined) values.day = input.day;
      if (input.kind !== undefined) values.kind = input.kind;
      if (input.title !== undefined) values.title = input.title;
      if (input.summary !== undefined) values.summary = input.summary;
      if (input.startsAt !== undefined) values.starts_at = input.startsAt;
      if (input.endsAt !== undefined) values.ends_at = input.endsAt;
      // null means "leave as is" for the position and "none" for the lists below.
      if (input.position != null && input.position !== item.position) {
        const length = await this.sessions.agendaLength(manager, id);
        const target = Math.min(input.position, length);
        await this.sessions.shiftPositions(manager, id, item.position + 1, -1);
        await this.sessions.shiftPositions(manager, id, target, 1);
        values.position = target;
      }
      await this.sessions.updateAgendaItem(manager, itemId, values);
      if (input.presenters !== undefined)
        await this.sessions.replacePresenters(manager, itemId, input.presenters ?? []);
      if (input.documentIds !== undefined) {
        await this.sessions.replaceItemDocuments(manager, itemId, input.documentIds ?? []);
      }
      // What the item says (its title, kind, summary, day, presenters) changed: the old words no longer cite it.
      const said = ['kind', 'title', 'summary', 'day'].some(
        (key) => key in values && values[key] !== item[key as 'title'],
      );
      if (said || input.presenters !== undefined) await this.citations.retire(manager, 'agenda_item', [itemId]);
      await this.citations.add(manager, id, 'agenda_item', itemId, cited);
      await this.sessions.touch(manager, id);
      await this.audit.record(manager, {
        ...actor,
        action: 'agenda_item.updated',
        entityType: 'agenda_item',
        entityId: itemId,
        after: input,
      });
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  async removeAgendaItem(id: number, itemId: number, user: AuthUser, actor: AuditActor): Promise<SessionDetailDto> {
    requireAccess(user, { session: id, action: 'session.change' });
    await withLockedSession(this.dataSource, this.sessions, id, async (manager) => {
      const item = await this.sessions.agendaItem(manager, id, itemId);
      if (!item) throw notFound('Agenda item', itemId);
      await this.sessions.deleteAgendaItem(manager, itemId);
      await this.sessions.shiftPositions(manager, id, item.position + 1, -1);
      await this.sessions.touch(manager, id);
      await this.audit.record(manager, {
        ...actor,
        action: 'agenda_item.deleted',
        entityType: 'agenda_item',
        entityId: itemId,
        before: item,
      });
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  private async checkAgendaReferences(manager: EntityManager, input: UpdateAgendaItemDto, session: SessionWriteRow) {
    if (input.day != null && session.date_precision === 'day' && session.starts_on && session.ends_on) {
      const days = (Date.parse(session.ends_on) - Date.parse(session.starts_on)) / 86_400_000 + 1;
      if (input.day > days) {
        throw new RequestValidationException([
          { path: 'day', message: `must be between 1 and ${days}: the session lasts ${days} day(s)` },
        ]);
      }
    }
    const presenters = input.presenters ?? [];
    const badPresenter = presenters.findIndex(
      (presenter) => (presenter.personId === undefined) === (presenter.organisationId === undefined),
    );
    if (badPresenter >= 0) {
      throw new RequestValidationException([
        { path: `presenters.${badPresenter}`, message: 'needs exactly one of personId or organisationId' },
      ]);
    }
    if (input.startsAt && input.endsAt && input.endsAt < input.startsAt) {
      throw new RequestValidationException([{ path: 'endsAt', message: 'must not be before startsAt' }]);
    }
    const personIds = presenters.map((p) => p.personId).filter((v): v is number => v !== undefined);
    const organisationIds = presenters.map((p) => p.organisationId).filter((v): v is number => v !== undefined);
    await requireExisting(
      this.sessions,
      manager,
      'person',
      personIds,
      (index) => `presenters.${presenters.findIndex((p) => p.personId === personIds[index])}.personId`,
    );
    await requireExisting(
      this.sessions,
      manager,
      'organisation',
      organisationIds,
      (index) =>
        `presenters.${presenters.findIndex((p) => p.organisationId === organisationIds[index])}.organisationId`,
    );
    await requireExisting(
      this.sessions,
      manager,
      'document',
      input.documentIds ?? [],
      (index) => `documentIds.${index}`,
    );
  }
}
