import passport from 'passport';
import type { Strategy } from 'passport';

export interface PassportOutcome<TUser> {
  error?: unknown;
  user: TUser | false;
  info?: unknown;
}

/**
 * Runs one passport strategy *instance* for one request and reports the outcome.
 *
 * Nest's AuthGuard('name') looks strategies up in passport's process-wide registry, where the
 * last app to start wins: two Nest applications in one process (e2e files, CLI + API) would
 * authenticate against each other's database. Passing the instance that this application's
 * container created avoids that. Passport augments the strategy object it is given with
 * per-request callbacks, so it gets a fresh object inheriting from the instance each time.
 */
export function authenticateWith<TUser>(
  strategy: Strategy,
  request: unknown,
  response: unknown,
): Promise<PassportOutcome<TUser>> {
  return new Promise((resolve) => {
    const perRequest = Object.create(strategy) as Strategy;
    const middleware = passport.authenticate(
      perRequest,
      { session: false },
      (error: unknown, user: TUser | false, info: unknown) => resolve({ error, user: error ? false : user, info }),
    ) as (req: unknown, res: unknown, next: (error?: unknown) => void) => void;
    middleware(request, response, (error?: unknown) => resolve({ error, user: false }));
  });
}
