import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { DatabaseUnavailableError } from './database-unavailable';
import { PROBLEM_TYPE_BASE, ProblemDocument, ProblemException } from './problem';
import { slugOf } from '../text/slug';

export interface MappedProblem {
  status: number;
  body: ProblemDocument;
  /** True when the error is ours (a bug or an outage), so it must be logged with its stack. */
  unexpected: boolean;
}

function problem(
  status: number,
  code: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): ProblemDocument {
  // Extensions come first: one named like a standard member (a session's `status`, say) must not
  // replace the HTTP status or the type that clients branch on.
  return {
    ...extensions,
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
  };
}

// Connection-level failures, by error code: Node's socket errors, and PostgreSQL's SQLSTATEs for
// a server shutting down or starting (57P01-57P03), too many connections (53300) and class 08.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

// TypeORM's answer to a query on a transaction whose connection the driver already dropped (the
// backend was terminated mid-transaction): the outage seen one step later.
const UNAVAILABLE_NAMES = new Set(['QueryRunnerProviderAlreadyReleasedError', 'QueryRunnerAlreadyReleasedError']);

/** A SQLSTATE: five digits or upper-case letters. Every error the PostgreSQL server sends has one. */
const SQLSTATE = /^[0-9A-Z]{5}$/;

// PostgreSQL data exceptions that only a value sent by the client can cause: bad integer or date
// text, out-of-range numbers or dates, over-long text, NUL or unencodable characters, bad patterns.
const INVALID_VALUE_CODES = new Set(['22P02', '22003', '22007', '22008', '22001', '22021', '22P05', '22025', '2201B']);

const INTEGRITY_PROBLEMS: Record<string, [number, string, string]> = {
  '23502': [HttpStatus.BAD_REQUEST, 'invalid-value', 'A required value is missing (null).'],
  '23514': [HttpStatus.BAD_REQUEST, 'invalid-value', 'A value breaks a rule of the data (range or consistency).'],
  '23505': [HttpStatus.CONFLICT, 'already-exists', 'Something with the same unique value already exists.'],
  '23503': [HttpStatus.CONFLICT, 'reference-conflict', 'A referenced record does not exist, or is still referenced.'],
};

interface ErrorLike {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
  driverError?: ErrorLike;
  cause?: unknown;
}

/**
 * Classified by error class and code, never by message text (pg's messages are not an interface):
 * - DatabaseUnavailableError: @app/database's pool could not hand out a connection;
 * - a failed query (TypeORM's QueryFailedError) whose driver error carries no SQLSTATE: the server
 *   never answered it (pg's "Query read timeout", connection terminated, client not queryable);
 * - socket error codes and the SQLSTATEs of an unavailable server.
 */
function isDatabaseUnavailable(error: ErrorLike): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (error.name === 'QueryFailedError' && !SQLSTATE.test(error.driverError?.code ?? '')) return true;
  const candidates = [error, error.driverError, error.cause as ErrorLike | undefined].filter(
    (candidate): candidate is ErrorLike => typeof candidate === 'object' && candidate !== null,
  );
  return candidates.some(
    (candidate) =>
      candidate instanceof DatabaseUnavailableError ||
      (candidate.name !== undefined && UNAVAILABLE_NAMES.has(candidate.name)) ||
      (candidate.code !== undefined && (UNAVAILABLE_CODES.has(candidate.code) || candidate.code.startsWith('08'))),
  );
}

/** Maps anything thrown while serving a request to the one problem+json body. Never leaks stacks or SQL. */
export function mapErrorToProblem(error: unknown): MappedProblem {
  if (error instanceof ProblemException) {
    return {
      status: error.getStatus(),
      body: problem(error.getStatus(), error.code, error.detail, error.extensions),
      unexpected: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    let detail = typeof response === 'string' ? response : error.message;
    if (typeof response === 'object' && response !== null && 'message' in response) {
      const message = (response as { message: unknown }).message;
      detail = Array.isArray(message) ? message.join('; ') : String(message);
    }
    if (status === HttpStatus.NOT_FOUND && /^Cannot [A-Z]+ /.test(detail)) {
      detail = detail.replace(/^Cannot ([A-Z]+) (.*)$/, 'No route matches $1 $2');
      return { status, body: problem(status, 'route-not-found', detail), unexpected: false };
    }
    return {
      status,
      body: problem(status, slugOf(STATUS_CODES[status] ?? 'error'), detail),
      unexpected: status >= 500,
    };
  }
  const errorLike = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  if (isDatabaseUnavailable(errorLike)) {
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      body: problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        'database-unavailable',
        'The database is unavailable or busy; nothing was changed. Retry shortly.',
      ),
      unexpected: true,
    };
  }
  const pgCode = errorLike.driverError?.code ?? errorLike.code;
  if (pgCode === '57014') {
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      body: problem(HttpStatus.SERVICE_UNAVAILABLE, 'query-timeout', 'The request took too long and was cancelled.'),
      unexpected: true,
    };
  }
  if (pgCode !== undefined && INVALID_VALUE_CODES.has(pgCode)) {
    // A value reached SQL without being validated first (a route's own validation is missing):
    // still the client's bad input, so 400, but logged as ours to fix.
    return {
      status: HttpStatus.BAD_REQUEST,
      body: problem(
        HttpStatus.BAD_REQUEST,
        'invalid-value',
        'A value in the request is malformed or out of range (numbers, dates, or text with NUL characters).',
      ),
      unexpected: true,
    };
  }
  if (pgCode !== undefined && pgCode in INTEGRITY_PROBLEMS) {
    // A constraint caught what a service should have refused itself: answer as the client's
    // problem, log it as ours.
    const [status, code, detail] = INTEGRITY_PROBLEMS[pgCode];
    return { status, body: problem(status, code, detail), unexpected: true };
  }
  if (pgCode === '40001' || pgCode === '40P01') {
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      body: problem(HttpStatus.SERVICE_UNAVAILABLE, 'contention', 'The request collided with another; retry it.'),
      unexpected: false,
    };
  }
  // Fastify's own errors (bad JSON, body too large, unsupported media type) carry a 4xx statusCode.
  if (typeof errorLike.statusCode === 'number' && errorLike.statusCode >= 400 && errorLike.statusCode < 500) {
    const status = errorLike.statusCode;
    const detail =
      errorLike.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || errorLike.message?.includes('JSON')
        ? 'The request body is not valid JSON.'
        : (errorLike.message ?? STATUS_CODES[status] ?? 'Bad request');
    return {
      status,
      body: problem(status, slugOf(STATUS_CODES[status] ?? 'bad-request'), detail),
      unexpected: false,
    };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: problem(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'internal-error',
      'An unexpected error occurred. It has been logged; quote the request id when reporting it.',
    ),
    unexpected: true,
  };
}
