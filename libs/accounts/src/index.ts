// The public surface of @app/accounts. Other libraries and apps import only from here.
export { AccountsModule } from './accounts.module';
export { AccountsCoreModule } from './accounts-core.module';
export {
  ROLES,
  SESSION_SCOPABLE_ROLES,
  canActOnSession,
  delegateProvinceId,
  hasAnyRole,
  hasUnscopedRole,
  isAdmin,
  organiserOrganisationIds,
  scopedSessionIds,
  type AuthUser,
  type Role,
  type RoleGrant,
} from './roles';
export {
  requireAccess,
  requireAuthorOrAdmin,
  sessionAccess,
  type AccessFor,
  type AccessRequest,
  type SessionAccess,
  type SessionAction,
} from './access/session-access';
export { Authenticated, CurrentUser } from './auth/authenticated.decorator';
export { AuthenticatedGuard, type AuthenticatedOptions } from './auth/authenticated.guard';
export { AuditContext, AuditLogWriter, type AuditActor, type AuditEntry } from './audit/audit-log.writer';
export { AuditTrail, type LastChange } from './audit/audit-trail';
export { AdminAccounts, type AdminUpsertOutcome, type FirstAdminOutcome } from './bootstrap/admin-accounts';
export { UsersService, type NewUser, type UserChanges } from './users/users.service';
export { generatePassword, PASSWORD_MIN_LENGTH } from './passwords/password-hasher';
export { TokenService, type AccessTokenClaims } from './auth/token.service';
export { UserResponse } from './users/dto/user.response';
export { RoleGrantResponse } from './users/dto/role-grant.dto';
