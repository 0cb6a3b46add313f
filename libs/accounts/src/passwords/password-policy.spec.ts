import { passwordWeakness } from './password-policy';

describe('passwordWeakness', () => {
  it.each([
    ['all spaces', ' '.repeat(16)],
    ['invisible characters', '\u200B\u200C\u200D\u2060\u3164\u00A0\u3000\u200B\u200C\u200D\u2060\u3164'],
    ['padding around a few letters', '   abc      \t  '],
    ['one character repeated', 'aaaaaaaaaaaa'],
    ['a short unit repeated', 'abcabcabcabc'],
    ['a common password of 12+ characters', 'qwerty123456'],
    ['a common password in other case', 'QWERTY123456'],
    ['a common word with digits and symbols added', 'Password2024!!'],
    ['a common word with digits added', 'dragon123456'],
  ])('refuses %s', (_what, password) => {
    expect(passwordWeakness(password)).toEqual(expect.any(String));
  });

  it.each([
    ['a random string', 'pw-2Jx9_qLr8TzVw'],
    ['a passphrase with spaces', 'correct horse battery staple'],
    ['a Vietnamese passphrase', 'Hội nghị tập huấn đối ngoại 2026'],
  ])('accepts %s', (_what, password) => {
    expect(passwordWeakness(password)).toBeUndefined();
  });
});
