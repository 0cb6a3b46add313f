import { HttpStatus, Injectable } from '@nestjs/common';
import { ProblemException } from '@app/common';
import { PasswordHasher } from '../passwords/password-hasher';
import { AuthUser } from '../roles';
import { FREE_FAILURES_PER_SOURCE, LOCK_MINUTES, LoginKind, UsersRepository } from '../users/users.repository';
import { RefreshTokenRepository } from './refresh-token.repository';

/**
 * One answer for every refused login, whether the email exists or not, and whether the password
 * was wrong or the account is locked or disabled: nothing in status, body or timing tells them apart.
 */
export const invalidCredentials = () =>
  new ProblemException(
    HttpStatus.UNAUTHORIZED,
    'invalid-credentials',
    `Wrong email or password, or the account is locked or disabled. After ${FREE_FAILURES_PER_SOURCE} failed ` +
      `attempts from one address, further attempts from it wait longer each time; failures from many addresses ` +
      `lock the account for ${LOCK_MINUTES} minutes.`,
  );

@Injectable()
export class LoginService {
  constructor(
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  /**
   * Checks email and password; returns the user, or throws the one 401. Guessing is bounded by
   * the failures counted per account and source in the database (and the account lock), and by
   * the rate-limit plugin's login bucket per address in front of the route.
   */
  async authenticate(email: string, password: string, address: string): Promise<AuthUser> {
    const userId = await this.checkPassword(email, password, 'login', address);
    if (userId === null) throw invalidCredentials();
    const user = await this.users.findAuthUser(userId);
    if (!user) throw invalidCredentials();
    return user;
  }

  /** Changes the caller's own password; ends every refresh token family and access token of the user. */
  async changePassword(user: AuthUser, currentPassword: string, newPassword: string, address: string): Promise<void> {
    // Counted apart from logins (per account and source), so a signed-in client guessing the
    // current password neither locks the account nor is it helped by failures elsewhere.
    if ((await this.checkPassword(user.email, currentPassword, 'password', address)) !== user.id) {
      throw new ProblemException(
        HttpStatus.FORBIDDEN,
        'wrong-password',
        'The current password is wrong, or the account is locked.',
      );
    }
    const passwordHash = await this.hasher.hash(newPassword);
    await this.users.transaction(async (manager) => {
      await this.users.update(manager, user.id, { passwordHash });
      await this.refreshTokens.revokeAllOfUser(manager, user.id);
      await this.users.bumpTokenGeneration(manager, user.id);
    });
  }

  /**
   * The user id when the password is right, the account active and not locked, and the source
   * not delayed; else null. Unknown emails, locked accounts and delayed sources still run one
   * argon2 verification, so they take as long.
   */
  private async checkPassword(
    email: string,
    password: string,
    kind: LoginKind,
    source: string,
  ): Promise<number | null> {
    const candidate = await this.users.findLoginCandidate(email);
    if (!candidate || !(await this.users.reserveLoginAttempt(candidate.id, kind, source))) {
      await this.hasher.verifyDummy(password);
      return null;
    }
    if (!(await this.hasher.verify(candidate.passwordHash, password))) {
      if (kind === 'login') await this.users.lockIfManySourcesFail(candidate.id);
      return null;
    }
    const rehash = this.hasher.needsRehash(candidate.passwordHash) ? await this.hasher.hash(password) : undefined;
    await this.users.recordLoginSuccess(candidate.id, kind, source, rehash);
    return candidate.id;
  }
}
