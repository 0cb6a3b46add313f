import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { forbidden, ProblemException } from '@app/common';
import { AuthUser, hasAnyRole, hasUnscopedRole, Role } from '../roles';
import { JwtStrategy } from './jwt.strategy';
import { authenticateWith } from './passport-authenticate';

export const AUTHENTICATED_OPTIONS = Symbol('AUTHENTICATED_OPTIONS');

export interface AuthenticatedOptions {
  /** Who may call the route (any scope). Admin always may. Omitted or empty: any signed-in user. */
  roles?: Role[];
  /**
   * Anyone may call the route. A bearer token, when sent, is still checked: a valid one makes
   * `@CurrentUser()` available, an invalid or expired one is answered 401 (so clients refresh).
   */
  public?: boolean;
  /**
   * The listed role must be held for every session (an unscoped grant); a grant scoped to one
   * session is answered 403. For writes to what all sessions share and cross-session figures.
   */
  unscoped?: boolean;
}

interface GuardedRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthUser;
  [AUTHENTICATED_OPTIONS]?: true;
}

export const unauthenticated = (detail = 'Authentication required: send a valid bearer access token.') =>
  new ProblemException(HttpStatus.UNAUTHORIZED, 'unauthenticated', detail);

/**
 * The guard behind `@Authenticated()`. Depends only on Reflector and ModuleRef, so any library's
 * controller can use it without importing AccountsModule (which must be part of the application).
 */
@Injectable()
export class AuthenticatedGuard implements CanActivate {
  private strategy?: JwtStrategy;

  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const options =
      this.reflector.getAllAndOverride<AuthenticatedOptions | undefined>(AUTHENTICATED_OPTIONS, [
        context.getHandler(),
        context.getClass(),
      ]) ?? {};
    const http = context.switchToHttp();
    const request = http.getRequest<GuardedRequest>();
    // Applied on a controller and on a method, the guard runs twice: authenticate once.
    if (!request[AUTHENTICATED_OPTIONS]) {
      const authorization = request.headers.authorization;
      if (options.public && (authorization === undefined || authorization === '')) return true;
      this.strategy ??= this.moduleRef.get(JwtStrategy, { strict: false });
      const outcome = await authenticateWith<AuthUser>(this.strategy, request, http.getResponse());
      if (outcome.error) throw outcome.error;
      if (!outcome.user) {
        const expired = outcome.info instanceof Error && outcome.info.name === 'TokenExpiredError';
        throw unauthenticated(
          expired ? 'The access token has expired; get a new one from POST /auth/refresh.' : undefined,
        );
      }
      request.user = outcome.user;
      request[AUTHENTICATED_OPTIONS] = true;
    }
    const roles = options.roles ?? [];
    if (options.public || !request.user) return true;
    if (options.unscoped) {
      if (hasUnscopedRole(request.user, roles)) return true;
      throw forbidden(
        `This action needs the role ${roles.join(' or ')} for every session; a grant limited to one session is not enough.`,
      );
    }
    if (hasAnyRole(request.user, roles)) return true;
    throw forbidden(`This action needs the role ${roles.join(' or ')}.`);
  }
}
