import type { OpenAPIObject } from '@nestjs/swagger';

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details: the one error body of the API',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri', example: 'https://ttdn.example.gov.vn/problems/validation-failed' },
    title: { type: 'string', example: 'Bad Request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: 'limit: limit must not be greater than 100' },
    instance: { type: 'string', example: '/sessions?limit=1000' },
    requestId: { type: 'string', description: 'Quote it when reporting a problem; also in the X-Request-Id header' },
    errors: {
      type: 'array',
      description: 'Field errors, one per invalid field',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string', example: 'quotas.0.provinceId' }, message: { type: 'string' } },
      },
    },
  },
  additionalProperties: true,
};

type ResponseObject = { description?: string; content?: Record<string, unknown> };

/**
 * Every error response in the document, and a default one on every operation, is described as
 * application/problem+json with the shared Problem schema, so clients see the error contract
 * without each controller repeating it.
 */
export function documentProblems(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = PROBLEM_SCHEMA as never;
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, { responses?: Record<string, ResponseObject> }>)) {
      if (typeof operation !== 'object' || !operation?.responses) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (/^[45]\d\d$/.test(status) && !response.content) response.content = problem;
      }
      operation.responses.default ??= { description: 'Any other error (4xx/5xx) as problem+json', content: problem };
    }
  }
  return document;
}
