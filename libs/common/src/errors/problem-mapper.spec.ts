import { HttpStatus } from '@nestjs/common';
import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { DatabaseUnavailableError } from './database-unavailable';
import { ProblemException } from './problem';
import { mapErrorToProblem } from './problem-mapper';

describe('mapErrorToProblem: extensions', () => {
  it('keeps the standard members when an extension has the same name', () => {
    const { body } = mapErrorToProblem(
      new ProblemException(HttpStatus.CONFLICT, 'session-published', 'completed', { status: 'completed', type: 'x' }),
    );
    expect(body).toMatchObject({ status: 409, type: expect.stringMatching(/session-published$/) });
  });
});

describe('mapErrorToProblem: database outages', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a terminated backend', Object.assign(new Error('terminating connection'), { code: '57P01' })],
    ['a transaction whose connection was dropped', new QueryRunnerProviderAlreadyReleasedError()],
    ['no connection from the pool', new DatabaseUnavailableError('pool', { cause: new Error('anything') })],
    // pg's client-side read timeout: no SQLSTATE, so the server never answered (whatever the message says).
    ['a query the server never answered', new QueryFailedError('SELECT 1', [], new Error('Query read timeout'))],
    ['a query cut off mid-flight', new QueryFailedError('SELECT 1', [], new Error('anything else'))],
  ])('answers %s with 503 database-unavailable', (_what, error) => {
    const { status, body, unexpected } = mapErrorToProblem(error);
    expect(status).toBe(503);
    expect(body.type).toMatch(/database-unavailable$/);
    expect(unexpected).toBe(true);
  });

  it('keeps a failed query the server answered with an unmapped SQLSTATE a 500', () => {
    const serverError = Object.assign(new Error('Connection terminated'), { code: 'XX000' });
    expect(mapErrorToProblem(new QueryFailedError('SELECT 1', [], serverError)).status).toBe(500);
  });

  it('keeps other errors a 500 that reveals nothing', () => {
    const { status, body } = mapErrorToProblem(new Error('secret at /srv/x.ts:1'));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('secret');
  });
});

describe('mapErrorToProblem: values the database refused', () => {
  const queryFailed = (code: string) =>
    Object.assign(new Error('value "99999999999999999999" is out of range for type bigint'), {
      driverError: { code },
    });

  it.each([
    ['22003', 400],
    ['22P02', 400],
    ['22021', 400],
    ['23502', 400],
    ['23514', 400],
    ['23505', 409],
    ['23503', 409],
  ])('answers SQLSTATE %s with %d, without the SQL message, and logs it', (code, status) => {
    const mapped = mapErrorToProblem(queryFailed(code));
    expect(mapped.status).toBe(status);
    expect(mapped.unexpected).toBe(true);
    expect(JSON.stringify(mapped.body)).not.toContain('bigint');
  });
});
