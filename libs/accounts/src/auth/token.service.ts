import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ProblemException } from '@app/common';
import { AuthUser, delegateProvinceId, RoleGrant } from '../roles';
import { toRoleGrantResponse } from '../users/dto/role-grant.dto';
import { UsersRepository } from '../users/users.repository';
import { TokenPairResponse } from './dto/token-pair.response';
import { invalidCredentials } from './login.service';
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
  /**
   * The user's token generation when it was signed. Logout, password change and refresh-token
   * reuse bump the user's generation, which ends every access token signed before at once.
   */
  gen: number;
  /** Set by the signer (iat, exp); the strategy refuses tokens without them. */
  iat?: number;
  exp?: number;
}

/** A user as the token service signs for them: with the generation read in the same transaction. */
export type TokenSubject = AuthUser & { tokenGeneration: number };

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
    const outcome = await this.refreshTokens.transaction(async (manager) => {
      // Read again for the current token generation (and in case the user was disabled meanwhile).
      const subject = await this.users.findAuthUser(user.id, manager);
      if (!subject) return null;
      return { subject, refresh: await this.newRefreshToken(manager, user.id, randomUUID()) };
    });
    if (!outcome) throw invalidCredentials();
    return this.pair(outcome.subject, outcome.refresh);
  }

  async rotate(presented: string): Promise<TokenPairResponse> {
    const outcome = await this.refreshTokens.transaction(async (manager) => {
      const row = await this.refreshTokens.findForUpdate(manager, hashRefreshToken(presented));
      if (!row) return null;
      if (row.revoked) {
        // Reuse of a rotated or revoked token: whoever holds the family's live token may be an
        // attacker (or the victim). End the whole family and the user's access tokens; both must
        // log in again.
        await this.refreshTokens.revokeFamily(manager, row.familyId);
        await this.users.bumpTokenGeneration(manager, row.userId);
        return null;
      }
      if (row.expired) return null;
      const user = await this.users.findAuthUser(row.userId, manager);
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

  /**
   * Logout: ends the presented token's family and every access token of the user (access tokens
   * are not tied to a family, so the user's other devices refresh once). Unknown tokens are
   * ignored (nothing to end).
   */
  async revokeFamilyOf(presented: string): Promise<void> {
    await this.refreshTokens.transaction(async (manager) => {
      const family = await this.refreshTokens.familyOf(manager, hashRefreshToken(presented));
      if (!family) return;
      await this.refreshTokens.revokeFamily(manager, family.familyId);
      await this.users.bumpTokenGeneration(manager, family.userId);
    });
  }

  signAccessToken(user: TokenSubject): string {
    const claims: AccessTokenClaims = {
      sub: String(user.id),
      email: user.email,
      // The grants as the API shows them: an organisation's sessions resolved for this request stay out.
      roles: user.roles.map(toRoleGrantResponse),
      provinceId: delegateProvinceId(user),
      gen: user.tokenGeneration,
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

  private pair(user: TokenSubject, refresh: { token: string; expiresAt: Date }): TokenPairResponse {
    return {
      tokenType: 'Bearer',
      accessToken: this.signAccessToken(user),
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt.toISOString(),
    };
  }
}
