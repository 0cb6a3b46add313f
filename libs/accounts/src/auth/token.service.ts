import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ProblemException } from '@app/common';
import { AuthUser, delegateProvinceId, RoleGrant } from '../roles';
import { UsersRepository } from '../users/users.repository';
import { TokenPairResponse } from './dto/token-pair.response';
import { RefreshTokenRepository } from './refresh-token.repository';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_DAYS = 30;
/** The only algorithm we sign with and the only one the JWT strategy accepts. */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';
export const ACCESS_TOKEN_ISSUER = 'ttdn-api';
export const ACCESS_TOKEN_AUDIENCE = 'ttdn-api';

/** What an access token says. Informational for clients: the guard re-reads roles from the database. */
export interface AccessTokenClaims {
  sub: string;
  email: string;
  roles: RoleGrant[];
  /** The province of a province delegate, else null. */
  provinceId: number | null;
}

/** sha256 (hex) of an opaque refresh token: what the database stores. */
export const hashRefreshToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

const invalidRefreshToken = () =>
  new ProblemException(
    HttpStatus.UNAUTHORIZED,
    'invalid-refresh-token',
    'The refresh token is invalid, expired or revoked; log in again.',
  );

/**
 * Issues access tokens (JWT, 15 minutes) and opaque refresh tokens (30 days, stored hashed) and
 * rotates them: each refresh token works once; presenting a used one again revokes its family.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly users: UsersRepository,
  ) {}

  /** A new token family for a fresh login. */
  async issue(user: AuthUser): Promise<TokenPairResponse> {
    const refresh = await this.refreshTokens.transaction((manager) =>
      this.newRefreshToken(manager, user.id, randomUUID()),
    );
    return this.pair(user, refresh);
  }

  async rotate(presented: string): Promise<TokenPairResponse> {
    const outcome = await this.refreshTokens.transaction(async (manager) => {
      const row = await this.refreshTokens.findForUpdate(manager, hashRefreshToken(presented));
      if (!row) return null;
      if (row.revoked) {
        // Reuse of a rotated or revoked token: whoever holds the family's live token may be an
        // attacker (or the victim). End the whole family; both must log in again.
        await this.refreshTokens.revokeFamily(manager, row.familyId);
        return null;
      }
      if (row.expired) return null;
      const user = await this.users.findAuthUser(row.userId);
      if (!user) {
        await this.refreshTokens.revokeFamily(manager, row.familyId);
        return null;
      }
      const next = await this.newRefreshToken(manager, user.id, row.familyId);
      await this.refreshTokens.markRotated(manager, row.id, next.id);
      return { user, next };
    });
    if (!outcome) throw invalidRefreshToken();
    return this.pair(outcome.user, outcome.next);
  }

  /** Logout: ends the presented token's family. Unknown tokens are ignored (nothing to end). */
  async revokeFamilyOf(presented: string): Promise<void> {
    await this.refreshTokens.transaction(async (manager) => {
      const familyId = await this.refreshTokens.familyOf(manager, hashRefreshToken(presented));
      if (familyId) await this.refreshTokens.revokeFamily(manager, familyId);
    });
  }

  signAccessToken(user: AuthUser): string {
    const claims: AccessTokenClaims = {
      sub: String(user.id),
      email: user.email,
      roles: user.roles,
      provinceId: delegateProvinceId(user),
    };
    return this.jwt.sign(claims);
  }

  private async newRefreshToken(
    manager: EntityManager,
    userId: number,
    familyId: string,
  ): Promise<{ id: string; token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * 24 * 3600 * 1000);
    await this.refreshTokens.insert(manager, { id, userId, familyId, tokenHash: hashRefreshToken(token), expiresAt });
    return { id, token, expiresAt };
  }

  private pair(user: AuthUser, refresh: { token: string; expiresAt: Date }): TokenPairResponse {
    return {
      tokenType: 'Bearer',
      accessToken: this.signAccessToken(user),
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt.toISOString(),
    };
  }
}
