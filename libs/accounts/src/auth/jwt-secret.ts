import { randomBytes } from 'node:crypto';
import type { AppConfig } from '@app/common';

/** Injection token of the HS256 secret shared by token signing and the JWT strategy. */
export const ACCESS_TOKEN_SECRET = Symbol('ACCESS_TOKEN_SECRET');

/**
 * The configured JWT_SECRET, or outside production a random one for this process (access tokens
 * then stop working at restart, which is harmless in development and tests). Configuration
 * validation already refuses a production start without JWT_SECRET; this repeats the rule so a
 * hand-built config cannot slip through.
 */
export function resolveJwtSecret(
  config: Pick<AppConfig, 'NODE_ENV' | 'JWT_SECRET'>,
  warn: (message: string) => void,
): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  if (config.NODE_ENV === 'production') {
    throw new Error('JWT_SECRET is required when NODE_ENV=production (at least 32 characters)');
  }
  warn(
    'JWT_SECRET is not set: using a random secret for this process; access tokens will not survive a restart. ' +
      'Set JWT_SECRET (at least 32 characters) to keep them.',
  );
  return randomBytes(48).toString('base64url');
}
