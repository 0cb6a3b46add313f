import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogWriter } from './audit/audit-log.writer';
import { AuditTrail } from './audit/audit-trail';
import { RefreshTokenRepository } from './auth/refresh-token.repository';
import { AdminAccounts } from './bootstrap/admin-accounts';
import { PasswordHasher } from './passwords/password-hasher';
import { AppUser, UserRoleRecord } from './users/user.entity';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

/**
 * Users, passwords, administrators and the audit log, without HTTP or tokens: what the CLI
 * needs. The API imports AccountsModule, which includes this one.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AppUser, UserRoleRecord])],
  providers: [
    UsersRepository,
    RefreshTokenRepository,
    PasswordHasher,
    AuditLogWriter,
    AuditTrail,
    UsersService,
    AdminAccounts,
  ],
  exports: [
    UsersRepository,
    RefreshTokenRepository,
    PasswordHasher,
    AuditLogWriter,
    AuditTrail,
    UsersService,
    AdminAccounts,
  ],
})
export class AccountsCoreModule {}
