import { Logger, Module } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@app/common';
import { AccountsCoreModule } from './accounts-core.module';
import { AuditLogController } from './audit/audit-log.controller';
import { AuditLogRepository } from './audit/audit-log.repository';
import { AuthController } from './auth/auth.controller';
import { AuthenticatedGuard } from './auth/authenticated.guard';
import { ACCESS_TOKEN_SECRET, resolveJwtSecret } from './auth/jwt-secret';
import { JwtStrategy } from './auth/jwt.strategy';
import { LocalLoginGuard } from './auth/local-login.guard';
import { LocalStrategy } from './auth/local.strategy';
import { LoginService } from './auth/login.service';
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  ACCESS_TOKEN_TTL_SECONDS,
  TokenService,
} from './auth/token.service';
import { FirstAdminBootstrap } from './bootstrap/first-admin.bootstrap';
import { UsersController } from './users/users.controller';

/**
 * Login, tokens, the `@Authenticated()` guard's strategy, user administration and the first
 * administrator. Needs the global AppConfig provider and DatabaseModule (the API has both).
 * Other libraries import it for AuditLogWriter; their guards need nothing from it.
 */
@Module({
  imports: [AccountsCoreModule],
  controllers: [AuthController, UsersController, AuditLogController],
  providers: [
    {
      provide: ACCESS_TOKEN_SECRET,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const logger = new Logger('Accounts');
        return resolveJwtSecret(config, (message) => logger.warn(message));
      },
    },
    {
      provide: JwtService,
      inject: [ACCESS_TOKEN_SECRET],
      useFactory: (secret: string) =>
        new JwtService({
          secret,
          signOptions: {
            algorithm: ACCESS_TOKEN_ALGORITHM,
            expiresIn: ACCESS_TOKEN_TTL_SECONDS,
            issuer: ACCESS_TOKEN_ISSUER,
            audience: ACCESS_TOKEN_AUDIENCE,
          },
          verifyOptions: {
            algorithms: [ACCESS_TOKEN_ALGORITHM],
            issuer: ACCESS_TOKEN_ISSUER,
            audience: ACCESS_TOKEN_AUDIENCE,
          },
        }),
    },
    AuditLogRepository,
    TokenService,
    LoginService,
    LocalStrategy,
    JwtStrategy,
    LocalLoginGuard,
    AuthenticatedGuard,
    FirstAdminBootstrap,
  ],
  exports: [AccountsCoreModule, TokenService],
})
export class AccountsModule {}
