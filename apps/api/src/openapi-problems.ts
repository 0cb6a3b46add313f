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

type ResponseObject = { description?: string; content?: Record<string, unknown>; $ref?: string };

const PROBLEM_CONTENT = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
const DEFAULT_PROBLEM: ResponseObject = {
  description: 'Any other error (4xx/5xx) as problem+json',
  content: PROBLEM_CONTENT,
};

/**
 * Every error response in the document, and a default one on every operation, is described as
 * application/problem+json with the shared Problem schema, so clients see the error contract
 * without each controller repeating it. An error response that several operations give alike
 * (the default, "No valid bearer access token", "Needs the role organiser or admin") is one
 * entry of `components.responses` that they refer to, named by its words: the generated client
 * then holds each once instead of a copy per operation.
 */
export function documentProblems(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.Problem = PROBLEM_SCHEMA as never;
  const errors: { responses: Record<string, ResponseObject>; status: string }[] = [];
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, { responses?: Record<string, ResponseObject> }>)) {
      if (typeof operation !== 'object' || !operation?.responses) continue;
      operation.responses.default ??= { ...DEFAULT_PROBLEM };
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^[45]\d\d$|^default$/.test(status) || response.$ref) continue;
        if (!response.content) response.content = PROBLEM_CONTENT;
        if (response.content === PROBLEM_CONTENT) errors.push({ responses: operation.responses, status });
      }
    }
  }
  const alike = new Map<string, number>();
  const keyOf = (status: string, response: ResponseObject) => `${status} ${response.description ?? ''}`;
  for (const { responses, status } of errors) {
    const key = keyOf(status, responses[status]);
    alike.set(key, (alike.get(key) ?? 0) + 1);
  }
  const shared: Record<string, ResponseObject> = {};
  const nameOf = new Map<string, string>();
  for (const { responses, status } of errors) {
    const response = responses[status];
    const key = keyOf(status, response);
    if ((alike.get(key) ?? 0) < 2) continue;
    let name = nameOf.get(key);
    if (!name) {
      name = status === 'default' ? 'AnyOtherProblem' : responseName(response.description ?? '', status);
      while (shared[name]) name = `${name}${status}`;
      nameOf.set(key, name);
      shared[name] = { description: response.description, content: PROBLEM_CONTENT };
    }
    responses[status] = { $ref: `#/components/responses/${name}` };
  }
  document.components.responses = { ...document.components.responses, ...shared } as never;
  return document;
}

/** "Needs the role organiser or admin (problem+json)" → NeedsTheRoleOrganiserOrAdmin. */
function responseName(description: string, status: string): string {
  const words = description
    .replace(/\(.*?\)/g, ' ')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .slice(0, 10);
  const name = words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');
  return name || `Problem${status}`;
}
