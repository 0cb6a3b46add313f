import { dictionary } from '@zxcvbn-ts/language-common';
import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * The ~49,000 most common passwords of public breach corpora, as kept by zxcvbn-ts (MIT), lower-cased.
 * Loaded once; a Set look-up per check.
 */
const COMMON_PASSWORDS = new Set(dictionary['passwords-common'].map((password) => password.toLowerCase()));

/** Whitespace, format characters (zero-width, bidi controls), controls, and blank-looking letters. */
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{Cc}\u115F\u1160\u2800\u3164\uFFA0]/gu;

/** At least this many visible characters: spaces between words are welcome, padding is not a password. */
export const MIN_VISIBLE_CHARACTERS = 8;

/**
 * Why a password of acceptable length is still refused, or undefined when it is fine:
 * - too few visible characters (all-whitespace or invisible passwords included);
 * - one short unit repeated ("aaaaaaaaaaaa", "abcabcabcabc", "12121212121212");
 * - a common password, as is or with digits and symbols added around it ("Password2024!",
 *   "dragon123456"), compared case-insensitively.
 */
export function passwordWeakness(password: string): string | undefined {
  const visible = password.normalize('NFC').replace(INVISIBLE, '');
  if ([...visible].length < MIN_VISIBLE_CHARACTERS) {
    return `must contain at least ${MIN_VISIBLE_CHARACTERS} visible characters (not only spaces or invisible ones)`;
  }
  const lower = visible.toLowerCase();
  if (/^(.{1,4})\1+$/su.test(lower)) return 'must not be a short sequence repeated';
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (COMMON_PASSWORDS.has(lower) || (core.length > 0 && COMMON_PASSWORDS.has(core))) {
    return 'is one of the most common passwords (or one with digits or symbols added); choose another';
  }
  return undefined;
}

/** DTO decorator: refuses common, repeated and invisible passwords with a field error saying why. */
export const AcceptablePassword = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'acceptablePassword',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || passwordWeakness(value) === undefined,
        defaultMessage: (args) =>
          `${args?.property ?? 'password'} ${typeof args?.value === 'string' ? passwordWeakness(args.value) : ''}`,
      },
    },
    options,
  );
