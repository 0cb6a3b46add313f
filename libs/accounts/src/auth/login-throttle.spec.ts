import { ProblemException } from '@app/common';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  let clock = 0;
  const throttle = () => new LoginThrottle(3, () => clock);
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('allows failures up to the limit, then answers 429 with the time to wait', () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) {
      expect(() => t.assertAllowed('10.0.0.1')).not.toThrow();
      t.recordFailure('10.0.0.1');
    }
    clock += 15_000;
    try {
      t.assertAllowed('10.0.0.1');
      throw new Error('expected a 429');
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      expect((error as ProblemException).getStatus()).toBe(429);
      expect((error as ProblemException).extensions.retryAfterSeconds).toBe(45);
    }
  });

  it('counts each address separately', () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) t.recordFailure('10.0.0.1');
    expect(() => t.assertAllowed('10.0.0.2')).not.toThrow();
  });

  it('forgets failures when the minute is over', () => {
    const t = throttle();
    for (let i = 0; i < 3; i++) t.recordFailure('10.0.0.1');
    clock += 60_000;
    expect(() => t.assertAllowed('10.0.0.1')).not.toThrow();
  });
});
