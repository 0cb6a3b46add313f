import { HttpStatus, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import multipart from '@fastify/multipart';
import { AppConfig, docsArePublic, ProblemException } from '@app/common';
import { XLSX_CONTENT_TYPE } from '@app/exports';
import { MAX_UPLOAD_BYTES } from '@app/registration';
import { AppModule, ModuleImport } from './app.module';
import { EmbeddedDatabaseState } from './health/embedded-database.state';
import { documentProblems } from './openapi-problems';
import { serveWebApp } from './web-app';
import { applyHttpHardening, problemClientErrorHandler, problemFrameworkErrors } from './http-hardening';

/** Every API route is under this prefix (no leading slash, as Nest wants it). */
export const API_PREFIX = 'api/v1';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const PERSONAL_DATA_PATHS = /^\/api\/v1\/(auth|users|registrations)(\/|\?|$)/;

/** True for API requests whose answers are personal: sent with credentials, or on the account and registration routes. */
export function carriesPersonalData(url: string, headers: IncomingMessage['headers']): boolean {
  if (!url.startsWith(`/${API_PREFIX}/`)) return false;
  return PERSONAL_DATA_PATHS.test(url) || headers.authorization !== undefined || headers.cookie !== undefined;
}

/** Accept a sane incoming X-Request-Id (from a proxy), else make one; pino-http reads it off the raw request. */
function requestId(raw: IncomingMessage): string {
  const incoming = raw.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
  (raw as IncomingMessage & { id?: string }).id = id;
  return id;
}

/**
 * The API lives under /api/v1 so that the web app can own every other path of the origin;
 * probes (/health, /health/ready) and the OpenAPI pages (/docs, /docs-json) stay at the root.
 */
export function routeApi(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/ready'] });
}

/** The OpenAPI document of the API, generated from the controllers (served at /docs-json, and the web client's source). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Thông tin đối ngoại training conferences API')
      .setDescription(
        'Sessions, agenda, presenters, guiding documents, provinces, registration, check-in and exports. ' +
          'Every error is application/problem+json.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  return documentProblems(document);
}

/**
 * Builds the API exactly as production runs it; main.ts and the e2e tests both call this,
 * so tests exercise the real pipes, filters, adapter settings and documentation.
 */
export async function createApiApplication(
  config: AppConfig,
  databaseUrl: string,
  extraImports: ModuleImport[] = [],
  embedded?: EmbeddedDatabaseState,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: config.REQUEST_TIMEOUT_MS,
    genReqId: requestId,
    clientErrorHandler: problemClientErrorHandler,
    frameworkErrors: problemFrameworkErrors,
    // On close, idle keep-alive sockets are closed; requests still arriving on busy ones get the
    // 503 problem below (Fastify's own 503 is not problem+json). In-flight requests finish.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    // request.ip (rate limits, login throttle, logs) reads X-Forwarded-For only from these proxies.
    trustProxy: config.TRUST_PROXY.length > 0 ? config.TRUST_PROXY : false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ config, databaseUrl, extraImports, embedded }),
    adapter,
    {
      bufferLogs: true,
      abortOnError: false,
    },
  );
  app.useLogger(app.get(Logger));
  routeApi(app);
  const fastify = app.getHttpAdapter().getInstance();
  // Security headers, CORS allow-list, rate limits: before init(), so they wrap every route.
  await applyHttpHardening(app, config);
  await serveWebApp(app, config);
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    void reply.header('connection', 'close');
    throw new ProblemException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'shutting-down',
      'The server is shutting down; retry the request.',
    );
  });
  // Errors raised by Fastify itself (bad JSON, body too large, wrong content type) are routed by
  // Nest 12's adapter into the same exception layer, so ProblemFilter shapes them too.
  // Bulk registration uploads arrive as the file itself (CSV or XLSX) or as a multipart form
  // (a browser's file input); the route reads the file part itself (request.file()).
  fastify.addContentTypeParser(
    // .xls and octet-stream too, so that a wrong file gets the upload's own message, not a bare 415.
    ['text/csv', XLSX_CONTENT_TYPE, 'application/vnd.ms-excel', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
    (_request, body, done) => done(null, body),
  );
  await app.register(multipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 20, headerPairs: 100 },
  });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // A request in flight when shutdown began: answer it, then close its keep-alive connection
    // instead of leaving the client to send another request into a closing server.
    if (closing) reply.header('connection', 'close');
    // Answers that may carry personal data must not be kept by browsers or shared caches (issue 11,
    // item 16). The simplest honest rule: every API answer to a request that carries credentials,
    // and everything under the account and registration routes, whoever asks.
    if (carriesPersonalData(request.url, request.headers)) reply.header('cache-control', 'no-store');
  });

  if (docsArePublic(config)) {
    SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  }

  await app.init();
  await fastify.ready();
  return app;
}
