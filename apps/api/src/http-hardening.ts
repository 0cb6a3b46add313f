import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { HttpStatus, Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { AppConfig, PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, ProblemException, sendProblem } from '@app/common';
import { rateLimitNamespace, rateLimitRedis } from './rate-limit-store';

const LOGIN_ROUTE = '/api/v1/auth/login';
/** No request body of this API nests more than a few levels; deeper JSON only serves to exhaust the stack. */
export const MAX_JSON_DEPTH = 32;
/**
 * No DTO of this API has more than a few dozen fields. Many thousands of keys only serve to make
 * the validation pipe (whose whitelist pass is quadratic in keys) block the event loop: a 90,000-key
 * login body held it for 5 s (issue 11, item 2). Both limits are checked by the linear scan below,
 * before JSON.parse or class-transformer see the body.
 */
export const MAX_JSON_KEYS_PER_OBJECT = 1_000;
export const MAX_JSON_KEYS_TOTAL = 10_000;
const LOGIN_BUCKET = 'login:';

const isLogin = (request: FastifyRequest) => request.method === 'POST' && request.routeOptions.url === LOGIN_ROUTE;

/**
 * Security headers, CORS allow-list and per-address rate limits. Registered before app.init(),
 * because Fastify attaches hooks to the routes that Nest registers afterwards.
 */
export async function applyHttpHardening(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.register(helmet, {
    // A JSON API plus the Swagger UI at /docs: its scripts and stylesheet are served from here,
    // it uses inline <style> blocks and data: images, and nothing else. No upgrade-insecure-requests:
    // the API may be served over plain HTTP on a local network, where it would break /docs.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
    },
    // The API serves no cross-origin documents; keep Swagger's assets loadable in the same origin.
    crossOriginEmbedderPolicy: false,
  });

  // Only the listed origins may call the API from a browser; an empty list sends no CORS headers at all.
  app.enableCors({
    origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after', 'content-disposition'],
    maxAge: 600,
  });

  // JSON through Fastify's own parser (prototype-poisoning keys refused), after a linear scan that
  // refuses absurd nesting before anything recursive (JSON.parse, class-transformer) sees it.
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: config.BODY_LIMIT_BYTES }, (request, body, done) => {
    const text = body.toString('utf8');
    const violation = jsonShapeViolation(text);
    if (violation) {
      done(violation, undefined);
      return;
    }
    void parseJson(request as FastifyRequest, text, (error, parsed) => {
      // "\ud800" is valid JSON but not text: validators that re-encode strings throw on it.
      if (!error && containsLoneSurrogate(parsed)) {
        done(
          new ProblemException(
            HttpStatus.BAD_REQUEST,
            'invalid-unicode',
            'The JSON body contains a lone UTF-16 surrogate, which is not text.',
          ),
          undefined,
        );
        return;
      }
      done(error, parsed);
    });
  });

  if (config.RATE_LIMIT_PER_MINUTE > 0 || config.LOGIN_RATE_LIMIT_PER_MINUTE > 0) {
    await app.register(rateLimit, {
      global: true,
      timeWindow: 60_000,
      // With REDIS_URL the counters live in Redis and hold across every API process.
      redis: await rateLimitRedis(config, fastify),
      nameSpace: rateLimitNamespace(config),
      skipOnError: true,
      // One bucket per address for the whole API, and a separate, smaller one for login attempts
      // (the failures counted per account and source, and the account lock, in libs/accounts come on top).
      keyGenerator: (request) => (isLogin(request) ? `${LOGIN_BUCKET}${request.ip}` : request.ip),
      max: (_request, key) =>
        key.startsWith(LOGIN_BUCKET)
          ? config.LOGIN_RATE_LIMIT_PER_MINUTE || Number.MAX_SAFE_INTEGER
          : config.RATE_LIMIT_PER_MINUTE || Number.MAX_SAFE_INTEGER,
      // Orchestrator probes must never be throttled into a restart.
      allowList: (request) => request.url === '/health' || request.url === '/health/ready',
      // Thrown from the onRequest hook, so Nest's exception layer (ProblemFilter) writes the body.
      errorResponseBuilder: (request, context) => {
        const retryAfterSeconds = Math.max(1, Math.ceil(context.ttl / 1000));
        return new ProblemException(
          HttpStatus.TOO_MANY_REQUESTS,
          'rate-limited',
          isLogin(request)
            ? `Too many login attempts from this address; try again in ${retryAfterSeconds} s.`
            : `Too many requests from this address; try again in ${retryAfterSeconds} s.`,
          { retryAfterSeconds },
        );
      },
    });
  }
}

/**
 * Requests Node's HTTP parser rejects before Fastify sees them (headers too large, malformed
 * request line, header timeout) get the same problem+json body as everything else, instead of
 * Fastify's default {"error","message","statusCode"}.
 */
export function problemClientErrorHandler(error: Error & { code?: string }, socket: Duplex): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request-timeout', 'The request was not received in time.']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'request-header-fields-too-large', 'The request line or headers are too large.']
        : [400, 'bad-request', 'The request is not valid HTTP.'];
  const requestId = randomUUID();
  const body = JSON.stringify({
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: STATUS_CODES[status],
    status,
    detail,
    requestId,
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** True when brackets outside strings nest deeper than `max` (a linear scan, no recursion). */
export function jsonNestingExceeds(text: string, max: number): boolean {
  return (
    jsonShapeViolation(text, { maxDepth: max, maxKeysPerObject: Infinity, maxKeysTotal: Infinity })?.code ===
    'nesting-too-deep'
  );
}

export interface JsonShapeLimits {
  maxDepth: number;
  maxKeysPerObject: number;
  maxKeysTotal: number;
}

/**
 * One linear pass over JSON text (no recursion, no allocation per key) that refuses absurd
 * shapes before anything that costs more than linear time sees them: nesting deeper than
 * maxDepth (400), an object with more than maxKeysPerObject keys or a body with more than
 * maxKeysTotal keys in all (413). A key is a string followed by ':' outside strings. Malformed
 * JSON is left for the parser to refuse.
 */
export function jsonShapeViolation(text: string, limits: Partial<JsonShapeLimits> = {}): ProblemException | undefined {
  const {
    maxDepth = MAX_JSON_DEPTH,
    maxKeysPerObject = MAX_JSON_KEYS_PER_OBJECT,
    maxKeysTotal = MAX_JSON_KEYS_TOTAL,
  } = limits;
  // Keys counted so far in each open container (arrays count none); the depth is bounded by maxDepth.
  const keysAtDepth: number[] = [];
  let totalKeys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (keysAtDepth.length >= maxDepth) {
        return new ProblemException(
          HttpStatus.BAD_REQUEST,
          'nesting-too-deep',
          `The JSON body nests deeper than ${maxDepth} levels.`,
        );
      }
      keysAtDepth.push(0);
    } else if (c === 0x7d || c === 0x5d) keysAtDepth.pop();
    else if (c === 0x3a && keysAtDepth.length > 0) {
      const depth = keysAtDepth.length - 1;
      if (++keysAtDepth[depth] > maxKeysPerObject) {
        return new ProblemException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          'too-many-keys',
          `A JSON object in the body has more than ${maxKeysPerObject} keys.`,
        );
      }
      if (++totalKeys > maxKeysTotal) {
        return new ProblemException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          'too-many-keys',
          `The JSON body has more than ${maxKeysTotal} keys in all.`,
        );
      }
    }
  }
  return undefined;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Walks a parsed JSON value (nesting already bounded by MAX_JSON_DEPTH) for keys or strings that are not valid UTF-16. */
export function containsLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(containsLoneSurrogate);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([key, inner]) => LONE_SURROGATE.test(key) || containsLoneSurrogate(inner));
  }
  return false;
}

const frameworkLogger = new Logger('Problem');

/**
 * Errors Fastify raises while routing, before Nest has the request (a path segment over the
 * router's 100 characters, bad percent-encoding), answered as problem+json without echoing the URL.
 */
export function problemFrameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const mapped =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new ProblemException(HttpStatus.URI_TOO_LONG, 'uri-too-long', 'A path segment of the URL is too long.')
      : error.code === 'FST_ERR_BAD_URL'
        ? new ProblemException(HttpStatus.BAD_REQUEST, 'bad-url', 'The URL is not validly percent-encoded.')
        : error;
  sendProblem(mapped, request, reply, frameworkLogger, { echoUrl: false });
}
