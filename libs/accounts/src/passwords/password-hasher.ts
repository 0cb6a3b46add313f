import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/**
 * argon2id at the OWASP minimum (19 MiB, 2 iterations, 1 lane). On this project's 2-core
 * machines one hash or verify takes about 50 ms, so tests use the production cost as well.
 */
export const PASSWORD_HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, PASSWORD_HASH_OPTIONS);
  }

  /** False for a wrong password and for a digest that is not a valid argon2 string. */
  async verify(digest: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(digest, password);
    } catch {
      return false;
    }
  }

  /** True when a stored digest was made with weaker settings than today's (rehash after a good login). */
  needsRehash(digest: string): boolean {
    try {
      return argon2.needsRehash(digest, PASSWORD_HASH_OPTIONS);
    } catch {
      return true;
    }
  }

  /**
   * Spends the same work as a real verification against a hash nobody knows the password of,
   * so an unknown email or a locked account takes as long to refuse as a wrong password.
   */
  async verifyDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(32).toString('base64url'));
    await this.verify(await this.dummyHash, password);
    return false;
  }
}

/** A random password for generated accounts: 24 characters of base64url (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
