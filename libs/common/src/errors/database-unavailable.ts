/**
 * The database could not be reached or did not answer: no connection could be had from the pool
 * (pool exhausted, server down or restarting), or a query got no answer from the server (pg's
 * client-side read timeout, connection lost). The API answers 503: nothing was changed by the
 * server, and a retry may succeed. Raised by @app/database's pool wrapper; mapped by class.
 */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
