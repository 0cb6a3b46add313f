import { QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { mapErrorToProblem } from './problem-mapper';

describe('mapErrorToProblem: database outages', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a terminated backend', Object.assign(new Error('terminating connection'), { code: '57P01' })],
    ['a transaction whose connection was dropped', new QueryRunnerProviderAlreadyReleasedError()],
  ])('answers %s with 503 database-unavailable', (_what, error) => {
    const { status, body, unexpected } = mapErrorToProblem(error);
    expect(status).toBe(503);
    expect(body.type).toMatch(/database-unavailable$/);
    expect(unexpected).toBe(true);
  });

  it('keeps other errors a 500 that reveals nothing', () => {
    const { status, body } = mapErrorToProblem(new Error('secret at /srv/x.ts:1'));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('secret');
  });
});
