import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditLogWriter, AuthUser, sessionAccess, SessionAction } from '@app/accounts';
import { RegistrationMail } from '@app/notifications';
import { conflict } from '@app/common';
import { RegistrationDto } from './dto/registration.dto';
import { lockVisible, requireOpenWindow, requireStatusFrom } from './registration-guards';
import { mapRegistration } from './registration.mapper';
import { RegistrationRepository, RegistrationRow } from './registration.repository';
import { CAN_APPROVE, CAN_REJECT, CAN_WITHDRAW, RegistrationStatus } from './registration.rules';
import { WaitlistService } from './waitlist.service';

/** How one registration leaves its status: who may do it, from which statuses, to which one. */
interface Transition {
  id: number;
  user: AuthUser;
  actor: AuditActor;
  action: SessionAction;
  from: readonly RegistrationStatus[];
  to: 'withdrawn' | 'rejected';
  reason: string | null;
  /** A delegate may withdraw only while the window is open; organisers at any time. */
  requireOpenWindowForDelegate: boolean;
}

/**
 * Moderation and withdrawal: approve (a place or the waitlist), reject, withdraw. A freed
 * place goes to the province's first waitlisted person in the same transaction.
 */
@Injectable()
export class RegistrationTransitionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registrations: RegistrationRepository,
    private readonly waitlist: WaitlistService,
    private readonly audit: AuditLogWriter,
    private readonly mail: RegistrationMail,
  ) {}

  withdraw(id: number, reason: string | undefined, user: AuthUser, actor: AuditActor): Promise<RegistrationDto> {
    return this.transition({
      id,
      user,
      actor,
      action: 'registration.change',
      from: CAN_WITHDRAW,
      to: 'withdrawn',
      reason: reason ?? null,
      requireOpenWindowForDelegate: true,
    });
  }

  reject(id: number, reason: string, user: AuthUser, actor: AuditActor): Promise<RegistrationDto> {
    return this.transition({
      id,
      user,
      actor,
      action: 'registration.moderate',
      from: CAN_REJECT,
      to: 'rejected',
      reason,
      requireOpenWindowForDelegate: false,
    });
  }

  /** Approval takes a place if one is free; otherwise the person joins the waitlist. */
  async approve(id: number, user: AuthUser, actor: AuditActor): Promise<RegistrationDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await lockVisible(this.registrations, manager, id, user, 'registration.moderate');
      requireStatusFrom(row, CAN_APPROVE);
      const sessionId = Number(row.session_id);
      const status = await this.waitlist.confirmOrWaitlist(manager, id, sessionId, row.province_id);
      if (row.status === 'waitlisted' && status === 'waitlisted') {
        throw conflict(
          'no-place',
          `No place is free for province ${row.province_name}; the registration stays waitlisted`,
        );
      }
      return this.finish(manager, id, row, actor, 'registration.approved');
    });
  }

  private async transition({
    id,
    user,
    actor,
    action,
    from,
    to,
    reason,
    requireOpenWindowForDelegate,
  }: Transition): Promise<RegistrationDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await lockVisible(this.registrations, manager, id, user, action);
      const sessionId = Number(row.session_id);
      if (requireOpenWindowForDelegate && sessionAccess(user, sessionId)?.kind === 'delegate') {
        await requireOpenWindow(this.registrations, manager, sessionId);
      }
      requireStatusFrom(row, from);
      await this.registrations.setStatus(manager, id, to, reason);
      if (row.status === 'confirmed') {
        await this.registrations.releasePlace(manager, sessionId, row.province_id);
        await this.waitlist.promoteNext(manager, sessionId, row.province_id, actor);
      }
      return this.finish(manager, id, row, actor, `registration.${to}`);
    });
  }

  private async finish(manager: EntityManager, id: number, before: RegistrationRow, actor: AuditActor, action: string) {
    const after = (await this.registrations.find(manager, id))!;
    await this.mail.statusChanged(manager, id, before.status, actor.actorUserId);
    await this.audit.record(manager, {
      ...actor,
      action,
      entityType: 'registration',
      entityId: id,
      before: { status: before.status },
      after: { status: after.status, reason: after.status_reason },
    });
    return mapRegistration(after);
  }
}
