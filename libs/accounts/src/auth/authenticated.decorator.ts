import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthUser } from '../roles';
import { AUTHENTICATED_OPTIONS, AuthenticatedGuard, AuthenticatedOptions } from './authenticated.guard';

/**
 * States who may call a route, enforces it, and documents it in OpenAPI, in one line:
 *
 *   @Authenticated()                                  any signed-in user
 *   @Authenticated({ roles: ['organiser'] })          organisers (any scope) and admins
 *   @Authenticated({ roles: ['organiser'], unscoped: true })
 *                                                     organisers of every session (not scoped) and admins
 *   @Authenticated({ public: true })                  everyone; a sent token is still checked
 *
 * No token or a bad one: 401 problem. Signed in without a listed role: 403 problem. Scoped
 * grants are checked in services with `requireAccess(user, { session, action })`.
 * Usable on a controller class (every route) and overridden per method.
 */
export function Authenticated(options: AuthenticatedOptions = {}): ClassDecorator & MethodDecorator {
  if (options.public && options.roles?.length) {
    throw new Error('@Authenticated: a public route cannot also require roles');
  }
  if (options.unscoped && !options.roles?.length) {
    throw new Error('@Authenticated: unscoped needs the roles it applies to');
  }
  const roles = options.roles ?? [];
  const decorators: (ClassDecorator | MethodDecorator)[] = [
    SetMetadata(AUTHENTICATED_OPTIONS, { ...options, roles }),
    UseGuards(AuthenticatedGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({
      description: options.public
        ? 'A bearer token was sent but is invalid or expired (problem+json)'
        : 'No valid bearer access token (problem+json)',
    }),
  ];
  if (options.public) {
    // OpenAPI: anonymous access allowed, a bearer token optional.
    decorators.push(ApiSecurity({}));
  } else if (roles.length > 0) {
    decorators.push(
      ApiForbiddenResponse({
        description:
          `Needs the role ${[...new Set([...roles, 'admin'])].join(' or ')}` +
          `${options.unscoped ? ', not limited to one session' : ''} (problem+json)`,
      }),
    );
  }
  return applyDecorators(...decorators);
}

/**
 * The caller: `{ id, email, roles: [{ role, sessionId, provinceId }] }`, read fresh from the
 * database for this request. Undefined only on public routes called without a token.
 */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser | undefined =>
    context.switchToHttp().getRequest<{ user?: AuthUser }>().user,
);
