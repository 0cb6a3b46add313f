import fastifyStatic from '@fastify/static';
import { HttpStatus, Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type AppConfig, ProblemException, sendProblem } from '@app/common';

/** Vite names every file under assets/ by its content hash: a changed file is a new URL. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';
/** index.html names the current assets, so browsers revalidate it on every visit. */
const INDEX_CACHE = 'no-cache';

const logger = new Logger('WebApp');

/** Files of the installable web app (PWA) served at the site root, revalidated on every visit. */
const ROOT_FILES: [string, string][] = [
  ['sw.js', 'text/javascript; charset=utf-8'],
  ['manifest.webmanifest', 'application/manifest+json; charset=utf-8'],
  ['icon.svg', 'image/svg+xml'],
];

const API_PATH = /^\/(api|docs|docs-json|health)(\/|$)/;

function acceptsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return typeof accept === 'string' && accept.includes('text/html');
}

/**
 * Serves the built web app from the API process (one origin): hashed assets with a long cache,
 * and index.html for / and for any other GET a browser makes for a page (a deep link such as
 * /phien/12), so the app's router answers it. Everything else (API paths, asset misses, requests
 * that do not accept HTML) falls through to the API's 404 problem. Returns false when there is
 * no build to serve (the e2e tests and `nest start` run the API alone).
 */
export async function serveWebApp(app: NestFastifyApplication, config: AppConfig): Promise<boolean> {
  const root = path.resolve(config.WEB_DIST_DIR);
  const indexFile = path.join(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  // Read once: the build does not change under a running process.
  const indexHtml = readFileSync(indexFile);

  await app.register(fastifyStatic, {
    root: path.join(root, 'assets'),
    prefix: '/assets/',
    index: false,
    cacheControl: false,
    setHeaders: (reply) => void reply.header('cache-control', ASSET_CACHE),
  });

  const fastify = app.getHttpAdapter().getInstance();
  // The installable app's files live at the root: a service worker controls only the paths under
  // its own URL, and the desk (/dieu-phoi/…) must open from its cache without network.
  for (const [file, type] of ROOT_FILES) {
    const full = path.join(root, file);
    if (!existsSync(full)) continue;
    const body = readFileSync(full);
    fastify.get(`/${file}`, (_request, reply) => reply.header('cache-control', INDEX_CACHE).type(type).send(body));
  }
  const maxParamLength = fastify.initialConfig.maxParamLength ?? 100;
  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    const pathname = request.url.split('?', 1)[0];
    // Without this wildcard the router answers an over-long path parameter with 414; with it, the
    // request lands here instead, so keep the API's answer the same.
    if (API_PATH.test(pathname) && pathname.split('/').some((segment) => segment.length > maxParamLength)) {
      // Answered here rather than thrown: this route is Fastify's, outside Nest's exception filter.
      sendProblem(
        new ProblemException(HttpStatus.URI_TOO_LONG, 'uri-too-long', 'A path segment of the URL is too long.'),
        request,
        reply,
        logger,
        { echoUrl: false },
      );
      return reply;
    }
    if (API_PATH.test(pathname) || !acceptsHtml(request)) {
      reply.callNotFound();
      return reply;
    }
    return reply.header('cache-control', INDEX_CACHE).type('text/html; charset=utf-8').send(indexHtml);
  };
  fastify.get('/', page);
  fastify.get('/*', page);
  return true;
}
