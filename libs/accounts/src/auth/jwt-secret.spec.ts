import { resolveJwtSecret } from './jwt-secret';

describe('resolveJwtSecret', () => {
  it('uses the configured secret without a warning', () => {
    const warn = jest.fn();
    expect(resolveJwtSecret({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }, warn)).toBe('x'.repeat(32));
    expect(warn).not.toHaveBeenCalled();
  });

  it('generates a random secret per call in development and warns', () => {
    const warn = jest.fn();
    const a = resolveJwtSecret({ NODE_ENV: 'development' }, warn);
    const b = resolveJwtSecret({ NODE_ENV: 'test' }, warn);
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(a).not.toBe(b);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0][0]).toMatch(/JWT_SECRET/);
  });

  it('refuses to run without a secret in production', () => {
    expect(() => resolveJwtSecret({ NODE_ENV: 'production' }, () => undefined)).toThrow(/JWT_SECRET/);
  });
});
