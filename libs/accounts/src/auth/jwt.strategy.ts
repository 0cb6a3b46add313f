import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthUser } from '../roles';
import { UsersRepository } from '../users/users.repository';
import { ACCESS_TOKEN_SECRET } from './jwt-secret';
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  ACCESS_TOKEN_TTL_SECONDS,
  AccessTokenClaims,
} from './token.service';

/**
 * Bearer access tokens: HS256 only (a token naming another algorithm, `none` included, is
 * refused), our issuer and audience, not expired. The user's active flag, token generation and
 * grants version are then read from the database on every request, so disabling a user or
 * changing roles takes effect at once (in every process), and logout, password change and
 * refresh-token reuse end every access token signed before them. The grants themselves (a join,
 * a JSON aggregate and the organisation's sessions) are read again only when the version moved:
 * the process keeps the last ones read per user, keyed by that version.
 */
const MAX_CACHED_USERS = 10_000;

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'ttdn-jwt') {
  /** User id → the grants last read and their version; bounded, emptied when full. */
  private readonly grants = new Map<number, { version: string; roles: AuthUser['roles'] }>();

  constructor(
    @Inject(ACCESS_TOKEN_SECRET) secret: string,
    private readonly users: UsersRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails, throwing) to parse
      // the string as a PEM public key on every verify, which profiled as the API's top cost.
      secretOrKey: createSecretKey(Buffer.from(secret, 'utf8')) as unknown as string,
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      ignoreExpiration: false,
      jsonWebTokenOptions: { maxAge: `${ACCESS_TOKEN_TTL_SECONDS}s` },
    });
  }

  async validate(claims: AccessTokenClaims): Promise<AuthUser | false> {
    // jsonwebtoken accepts a token without `exp` as never expiring (maxAge then bounds it from
    // `iat`, which the signer chooses). Ours always carry both, at most the access-token lifetime apart.
    if (!Number.isSafeInteger(claims.exp) || !Number.isSafeInteger(claims.iat)) return false;
    if (claims.exp! - claims.iat! > ACCESS_TOKEN_TTL_SECONDS || claims.exp! <= claims.iat!) return false;
    const id = Number(claims.sub);
    if (!Number.isSafeInteger(id) || id <= 0) return false;
    const user = await this.currentUser(id);
    // Signed before the user's last logout, password change or refresh-token reuse: ended.
    if (!user || claims.gen !== user.tokenGeneration) return false;
    return user;
  }

  private async currentUser(id: number) {
    const current = await this.users.authUserVersion(id);
    if (!current) {
      this.grants.delete(id);
      return null;
    }
    const held = this.grants.get(id);
    if (held?.version === current.grantsVersion) {
      return { id, email: current.email, roles: held.roles, tokenGeneration: current.tokenGeneration };
    }
    // The version moved (or is new to this process): read the grants, with the version they are at.
    const user = await this.users.findAuthUser(id);
    if (!user) return null;
    if (this.grants.size >= MAX_CACHED_USERS) this.grants.clear();
    this.grants.set(id, { version: user.grantsVersion, roles: user.roles });
    return { id, email: user.email, roles: user.roles, tokenGeneration: user.tokenGeneration };
  }
}
