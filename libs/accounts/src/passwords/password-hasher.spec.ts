import { generatePassword, PASSWORD_HASH_OPTIONS, PASSWORD_MIN_LENGTH, PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('uses argon2id with at least 19 MiB and 2 iterations', async () => {
    expect(PASSWORD_HASH_OPTIONS.memoryCost).toBeGreaterThanOrEqual(19_456);
    expect(PASSWORD_HASH_OPTIONS.timeCost).toBeGreaterThanOrEqual(2);
    const digest = await hasher.hash('correct horse battery staple');
    expect(digest).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(hasher.needsRehash(digest)).toBe(false);
  });

  it('verifies the right password and refuses a wrong one or a broken digest', async () => {
    const digest = await hasher.hash('Mật khẩu dài đủ 12');
    await expect(hasher.verify(digest, 'Mật khẩu dài đủ 12')).resolves.toBe(true);
    await expect(hasher.verify(digest, 'mật khẩu dài đủ 12')).resolves.toBe(false);
    await expect(hasher.verify('not-a-hash', 'anything')).resolves.toBe(false);
  });

  it('asks for a rehash of digests made with weaker settings', () => {
    expect(hasher.needsRehash('$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA')).toBe(true);
  });

  it('always refuses in the dummy verification', async () => {
    await expect(hasher.verifyDummy('whatever')).resolves.toBe(false);
  });

  it('generates long random passwords', () => {
    const a = generatePassword();
    expect(a.length).toBeGreaterThanOrEqual(PASSWORD_MIN_LENGTH);
    expect(a).not.toBe(generatePassword());
  });
});
