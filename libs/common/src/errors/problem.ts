import { HttpException, HttpStatus } from '@nestjs/common';

/** One field-level complaint inside a problem document. `path` uses dots for nesting: `agenda.0.title`. */
export interface FieldError {
  path: string;
  message: string;
  /** Which message this is (a validation constraint or a catalogue key), for the reader's language; never sent. */
  key?: string;
  /** The constraint's arguments (a length, a list of values), for the message templates; never sent. */
  args?: unknown[];
}

/** RFC 9457 problem details, the one error body of the API. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://ttdn.example.gov.vn/problems/';

/**
 * Raise from services to answer with a specific problem. `code` becomes the last part of
 * `type`, so clients can branch on it (e.g. `quota-exhausted`).
 */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: string,
    readonly detail: string,
    readonly extensions: { errors?: FieldError[]; [key: string]: unknown } = {},
    /** Parameters of the catalogue's messages that are not extension members (never sent). */
    readonly params: Record<string, unknown> = {},
  ) {
    super(detail, status);
  }
}

/** A body can break many rules at once; listing thousands of them only makes a huge answer. */
export const MAX_REPORTED_FIELD_ERRORS = 50;

export class RequestValidationException extends ProblemException {
  constructor(errors: FieldError[]) {
    const reported = errors.slice(0, MAX_REPORTED_FIELD_ERRORS);
    const omitted = errors.length - reported.length;
    const detail =
      errors.length === 1
        ? `${errors[0].path}: ${errors[0].message}`
        : `${errors.length} fields are invalid: ${reported.map((error) => error.path).join(', ')}` +
          (omitted > 0 ? ` and ${omitted} more` : '');
    super(
      HttpStatus.BAD_REQUEST,
      'validation-failed',
      detail,
      omitted > 0 ? { errors: reported, omittedErrors: omitted } : { errors: reported },
    );
  }
}

export const notFound = (what: string, id: string | number) =>
  new ProblemException(HttpStatus.NOT_FOUND, 'not-found', `${what} ${id} does not exist`, {}, { what, id });

/** 403: the caller sees the thing but may not do this with it. */
export const forbidden = (detail: string) => new ProblemException(HttpStatus.FORBIDDEN, 'forbidden', detail);

export const conflict = (code: string, detail: string, extensions: Record<string, unknown> = {}) =>
  new ProblemException(HttpStatus.CONFLICT, code, detail, extensions);
