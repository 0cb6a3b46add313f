import { Injectable } from '@nestjs/common';
import { AuditLogWriter } from '../audit/audit-log.writer';
import { RefreshTokenRepository } from '../auth/refresh-token.repository';
import { generatePassword, PasswordHasher } from '../passwords/password-hasher';
import { UsersRepository } from '../users/users.repository';

export type FirstAdminOutcome =
  | { created: true; userId: number; email: string; password: string }
  | { created: false; reason: 'admin-exists' | 'email-taken' };

export type AdminUpsertOutcome = { userId: number; email: string; created: boolean };

/** Creating administrators outside the API: the first one on start, and `create-admin` in the CLI. */
@Injectable()
export class AdminAccounts {
  constructor(
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLogWriter,
  ) {}

  async hasActiveAdmin(): Promise<boolean> {
    return (await this.users.countActiveAdmins()) > 0;
  }

  /**
   * Creates an administrator unless an active one exists. With no password, one is generated and
   * returned (the caller shows it once; it is stored only as an argon2id hash). Safe when several
   * instances start at once: the check and the insert run under one advisory lock.
   */
  async ensureFirstAdmin(email: string, password?: string, displayName = 'Administrator'): Promise<FirstAdminOutcome> {
    if ((await this.users.countActiveAdmins()) > 0) return { created: false, reason: 'admin-exists' };
    const plain = password ?? generatePassword();
    const passwordHash = await this.hasher.hash(plain);
    return this.users.transaction(async (manager) => {
      await this.users.lockAdminSet(manager);
      if ((await this.users.countActiveAdmins(manager)) > 0) return { created: false, reason: 'admin-exists' };
      if (await this.users.emailTaken(manager, email)) return { created: false, reason: 'email-taken' };
      const userId = await this.users.insert(manager, { email, displayName, passwordHash });
      await this.users.addGrants(manager, userId, [{ role: 'admin', sessionId: null, provinceId: null }]);
      await this.audit.record(manager, {
        action: 'user.first-admin-created',
        entityType: 'user',
        entityId: userId,
        after: { email, displayName, roles: ['admin'] },
      });
      return { created: true, userId, email, password: plain };
    });
  }

  /**
   * `create-admin`: creates the user as an administrator, or, when the email exists, makes that
   * user an active administrator with the given password (recovery of a lost admin password),
   * unlocks it and revokes its refresh tokens.
   */
  async upsertAdmin(email: string, password: string, displayName = 'Administrator'): Promise<AdminUpsertOutcome> {
    const passwordHash = await this.hasher.hash(password);
    return this.users.transaction(async (manager) => {
      await this.users.lockAdminSet(manager);
      const existing: { id: string; email: string }[] = await manager.query(
        `SELECT id, email FROM app_user WHERE lower(email) = lower($1) FOR UPDATE`,
        [email],
      );
      const admin = [{ role: 'admin' as const, sessionId: null, provinceId: null }];
      if (existing.length === 0) {
        const userId = await this.users.insert(manager, { email, displayName, passwordHash });
        await this.users.addGrants(manager, userId, admin);
        await this.audit.record(manager, {
          action: 'user.admin-created-by-cli',
          entityType: 'user',
          entityId: userId,
          after: { email, displayName, roles: ['admin'] },
        });
        return { userId, email, created: true };
      }
      const userId = Number(existing[0].id);
      await this.users.update(manager, userId, { isActive: true, passwordHash, unlock: true });
      await this.users.addGrants(manager, userId, admin);
      await this.refreshTokens.revokeAllOfUser(manager, userId);
      await this.audit.record(manager, {
        action: 'user.admin-reset-by-cli',
        entityType: 'user',
        entityId: userId,
        after: { email: existing[0].email, active: true, roles: ['admin'], passwordReset: true },
      });
      return { userId, email: existing[0].email, created: false };
    });
  }
}
