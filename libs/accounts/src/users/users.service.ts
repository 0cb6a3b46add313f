import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { conflict, FieldError, notFound, Page, RequestValidationException, toPage } from '@app/common';
import { AuditActor, AuditLogWriter } from '../audit/audit-log.writer';
import { RefreshTokenRepository } from '../auth/refresh-token.repository';
import { PasswordHasher } from '../passwords/password-hasher';
import { grantProblems, RoleGrant } from '../roles';
import { UserResponse } from './dto/user.response';
import { mapUser } from './user.mapper';
import { UserListFilter, UsersRepository } from './users.repository';

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  roles: RoleGrant[];
}

export interface UserChanges {
  roles?: RoleGrant[];
  active?: boolean;
  displayName?: string;
  password?: string;
  /** Lift an account lock and forget every source's failed attempts. */
  unlock?: boolean;
}

/** The rules of user administration: grant shapes, unique emails, never losing the last admin. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLogWriter,
  ) {}

  async create(input: NewUser, actor: Partial<AuditActor> = {}): Promise<UserResponse> {
    this.assertGrantShapes(input.roles);
    const passwordHash = await this.hasher.hash(input.password);
    return this.users.transaction(async (manager) => {
      await this.assertReferencesExist(manager, input.roles);
      if (await this.users.emailTaken(manager, input.email)) throw emailTaken(input.email);
      const id = await this.insertOrConflict(manager, input.email, input.displayName, passwordHash);
      await this.users.addGrants(manager, id, input.roles);
      const after = await this.load(manager, id);
      await this.audit.record(manager, { ...actor, action: 'user.created', entityType: 'user', entityId: id, after });
      return after;
    });
  }

  async update(id: number, changes: UserChanges, actor: Partial<AuditActor> = {}): Promise<UserResponse> {
    if (changes.roles) this.assertGrantShapes(changes.roles);
    const passwordHash = changes.password === undefined ? undefined : await this.hasher.hash(changes.password);
    return this.users.transaction(async (manager) => {
      const touchesAdmins = changes.roles !== undefined || changes.active === false;
      if (touchesAdmins) await this.users.lockAdminSet(manager);
      const current = isUserId(id) ? await this.users.findById(manager, id, true) : null;
      if (!current) throw notFound('User', id);
      const before = mapUser(current);
      if (changes.roles) {
        await this.assertReferencesExist(manager, changes.roles);
        await this.users.replaceGrants(manager, id, changes.roles);
      }
      await this.users.update(manager, id, {
        displayName: changes.displayName,
        isActive: changes.active,
        passwordHash,
        unlock: passwordHash !== undefined || changes.unlock === true,
      });
      if (changes.active === false || passwordHash !== undefined) {
        await this.refreshTokens.revokeAllOfUser(manager, id);
        await this.users.bumpTokenGeneration(manager, id);
      }
      if (touchesAdmins && (await this.users.countActiveAdmins(manager)) === 0) {
        throw conflict(
          'last-admin',
          'This change would leave no active administrator; grant admin to another user first.',
        );
      }
      const after = await this.load(manager, id);
      await this.audit.record(manager, {
        ...actor,
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }

  async get(id: number): Promise<UserResponse> {
    return this.users.transaction(async (manager) => {
      const user = isUserId(id) ? await this.users.findById(manager, id) : null;
      if (!user) throw notFound('User', id);
      return mapUser(user);
    });
  }

  async list(filter: UserListFilter): Promise<Page<UserResponse>> {
    return this.users.transaction(async (manager) => {
      const { items, total } = await this.users.list(manager, filter);
      return toPage(
        items.map((user) => mapUser(user)),
        total,
        filter,
      );
    });
  }

  private async load(manager: EntityManager, id: number): Promise<UserResponse> {
    const user = await this.users.findById(manager, id);
    if (!user) throw notFound('User', id);
    return mapUser(user);
  }

  private async insertOrConflict(
    manager: EntityManager,
    email: string,
    displayName: string,
    passwordHash: string,
  ): Promise<number> {
    try {
      return await this.users.insert(manager, { email, displayName, passwordHash });
    } catch (error) {
      // A concurrent insert of the same email slipped between the check and the insert.
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') throw emailTaken(email);
      throw error;
    }
  }

  private assertGrantShapes(grants: readonly RoleGrant[]): void {
    const problems = grantProblems(grants);
    if (problems.length > 0) {
      throw new RequestValidationException(
        problems.map(({ index, field, message, key }) => ({ path: `roles.${index}.${field}`, message, key })),
      );
    }
  }

  private async assertReferencesExist(manager: EntityManager, grants: readonly RoleGrant[]): Promise<void> {
    const unknown = await this.users.unknownReferences(manager, grants);
    const errors: FieldError[] = [];
    grants.forEach((grant, index) => {
      if (grant.sessionId !== null && unknown.sessions.includes(grant.sessionId)) {
        errors.push({
          path: `roles.${index}.sessionId`,
          message: `training session ${grant.sessionId} does not exist`,
        });
      }
      if (grant.provinceId !== null && unknown.provinces.includes(grant.provinceId)) {
        errors.push({
          path: `roles.${index}.provinceId`,
          message: `province ${grant.provinceId} does not exist or is no longer a current province`,
        });
      }
      if (grant.organisationId && unknown.organisations.includes(grant.organisationId)) {
        errors.push({
          path: `roles.${index}.organisationId`,
          message: `organisation ${grant.organisationId} does not exist`,
          key: 'organisation-unknown',
          args: [grant.organisationId],
        });
      }
    });
    if (errors.length > 0) throw new RequestValidationException(errors);
  }
}

/** Ids outside bigint's range (or not integers) cannot exist; asking the database would fail with 500. */
const isUserId = (id: number) => Number.isSafeInteger(id) && id > 0;

const emailTaken = (email: string) => conflict('email-taken', `A user with the email ${email} already exists.`);
