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
 * refused), our issuer and audience, not expired. The user's active flag and role grants are
 * then read from the database, so disabling a user or changing roles takes effect at once, and
 * so is the user's token generation: logout, password change and refresh-token reuse end every
 * access token signed before them.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'ttdn-jwt') {
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
    const user = await this.users.findAuthUser(id);
    // Signed before the user's last logout, password change or refresh-token reuse: ended.
    if (!user || claims.gen !== user.tokenGeneration) return false;
    return user;
  }
}
