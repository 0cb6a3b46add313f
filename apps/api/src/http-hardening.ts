import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { HttpStatus } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { AppConfig, ProblemException } from '@app/common';

const LOGIN_ROUTE = '/auth/login';
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

  if (config.RATE_LIMIT_PER_MINUTE > 0 || config.LOGIN_RATE_LIMIT_PER_MINUTE > 0) {
    await app.register(rateLimit, {
      global: true,
      timeWindow: 60_000,
      // One bucket per address for the whole API, and a separate, smaller one for login attempts
      // (the per-address failed-login throttle and the account lock in libs/accounts come on top).
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
