import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuditActor,
  AuditLogWriter,
  AuthUser,
  hasUnscopedRole,
  organiserOrganisationIds,
  requireAccess,
} from '@app/accounts';
import { RequestValidationException } from '@app/common';
import { ReplaceInvitationsDto, ReplaceOrganisersDto } from './dto/session-write.dto';
import { SessionDetailDto } from './dto/session.response';
import { CitationWriter } from '../citations/citation.writer';
import { SessionWriteRepository, SessionWriteRow } from './session-write.repository';
import { SessionQueryService } from './session.service';
import { ORGANISER_VIEW, requireExisting, withLockedSession } from './session-write-support';

/**
 * Who runs a session and whom it invites: the organisers (lead, co-organisers) and the invited
 * provinces and regions, each with its citations. A change locks the session row, bumps its
 * version, retires the citations of what it replaces and is audited in the same transaction.
 */
@Injectable()
export class SessionParticipantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionWriteRepository,
    private readonly queries: SessionQueryService,
    private readonly audit: AuditLogWriter,
    private readonly citations: CitationWriter,
  ) {}

  async replaceOrganisers(
    id: number,
    input: ReplaceOrganisersDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<SessionDetailDto> {
    requireAccess(user, { session: id, action: 'session.change' });
    await withLockedSession(this.dataSource, this.sessions, id, async (manager) => {
      const ids = input.organisers.map((organiser) => organiser.organisationId);
      if (new Set(ids).size !== ids.length) {
        throw new RequestValidationException([{ path: 'organisers', message: 'lists an organisation twice' }]);
      }
      await requireExisting(
        this.sessions,
        manager,
        'organisation',
        ids,
        (index) => `organisers.${index}.organisationId`,
      );
      assertKeepsOwnOrganisation(user, id, ids);
      const cited = [];
      for (const [index, organiser] of input.organisers.entries()) {
        cited.push(await this.citations.check(manager, organiser.citations, `organisers.${index}.citations`));
      }
      // An organiser kept in the same role keeps its citations; one dropped or changed has them retired.
      const before = await this.sessions.organisersOf(manager, id);
      const newIds = await this.sessions.replaceOrganisers(manager, id, input.organisers);
      for (const old of before) {
        const kept = input.organisers.findIndex(
          (o) => String(o.organisationId) === String(old.organisation_id) && o.role === old.role,
        );
        if (kept >= 0) await this.citations.move(manager, 'session_organiser', Number(old.id), newIds[kept]);
        else await this.citations.retire(manager, 'session_organiser', [Number(old.id)]);
      }
      for (const [index, organiserId] of newIds.entries()) {
        await this.citations.add(manager, id, 'session_organiser', organiserId, cited[index]);
      }
      await this.sessions.touch(manager, id);
      await this.audit.record(manager, {
        ...actor,
        action: 'session.organisers_replaced',
        entityType: 'training_session',
        entityId: id,
        after: input,
      });
    });
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  /** Invite provinces one by one and/or whole regions (expanded to the units in force on the start date). */
  async replaceInvitations(
    id: number,
    input: ReplaceInvitationsDto,
    user: AuthUser,
    actor: AuditActor,
  ): Promise<SessionDetailDto> {
    requireAccess(user, { session: id, action: 'session.change' });
    await withLockedSession(this.dataSource, this.sessions, id, (manager, _startsOn, session) =>
      this.replaceInvitationsIn(manager, session, input, actor),
    );
    return this.queries.detail(String(id), ORGANISER_VIEW);
  }

  /** `replaceInvitations` on the caller's transaction, the session row already locked by it. */
  async replaceInvitationsIn(
    manager: EntityManager,
    session: SessionWriteRow,
    input: ReplaceInvitationsDto,
    actor: AuditActor,
  ): Promise<void> {
    const id = Number(session.id);
    const startsOn = session.starts_on;
    const cited = await this.citations.check(manager, input.citations);
    const before = await this.sessions.invitationOf(manager, id);
    const provinceIds = input.provinceIds ?? [];
    const regionIds = input.regionIds ?? [];
    await requireExisting(this.sessions, manager, 'province', provinceIds, (index) => `provinceIds.${index}`);
    await requireExisting(this.sessions, manager, 'region', regionIds, (index) => `regionIds.${index}`);
    // A session without a known year expands regions to the units in force when the report was published.
    const on = startsOn ?? session.reported_by ?? new Date().toISOString().slice(0, 10);
    const fromRegions = await this.sessions.provincesOfRegions(manager, regionIds, on);
    const all = [...new Set([...provinceIds, ...fromRegions])];
    const scope = input.scope ?? (regionIds.length > 0 ? 'regions' : all.length > 0 ? 'provinces' : null);
    await this.sessions.replaceInvitations(manager, id, scope, all, regionIds);
    if ((await this.sessions.invitationOf(manager, id)) !== before) {
      await this.citations.retire(manager, 'training_session', [id], ['invitation']);
    }
    await this.citations.add(
      manager,
      id,
      'training_session',
      id,
      cited.map((citation) => ({ ...citation, aspect: 'invitation' })),
    );
    await this.audit.record(manager, {
      ...actor,
      action: 'session.invitations_replaced',
      entityType: 'training_session',
      entityId: id,
      after: { scope, provinceIds: all, regionIds },
    });
  }
}

/**
 * An organiser who runs the session only through their organisation's grant may not drop that
 * organisation from its organisers: they would lose the session halfway through the request.
 */
function assertKeepsOwnOrganisation(user: AuthUser, sessionId: number, organisationIds: readonly number[]): void {
  if (hasUnscopedRole(user, ['organiser'])) return;
  if (user.roles.some((grant) => grant.role === 'organiser' && grant.sessionId === sessionId)) return;
  const own = organiserOrganisationIds(user);
  if (own.length === 0 || own.some((organisationId) => organisationIds.includes(organisationId))) return;
  throw new RequestValidationException([
    {
      path: 'organisers',
      message: `must keep your organisation (${own.join(', ')}) among the organisers`,
      key: 'own-organisation-kept',
      args: [own.join(', ')],
    },
  ]);
}
