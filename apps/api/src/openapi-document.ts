import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { loadAppConfig } from '@app/common';
import { AppModule } from './app.module';
import { buildOpenApiDocument, routeApi } from './create-app';

/**
 * The OpenAPI document without a database or a listening server: Nest's preview mode builds the
 * module graph (controllers and their decorators) without instantiating any provider, which is
 * all the document needs. `npm run gen:api` and the client's staleness test both start here.
 */
export async function openApiDocumentFromCode(): Promise<OpenAPIObject> {
  const config = loadAppConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ config, databaseUrl: 'postgres://unused/unused' }),
    new FastifyAdapter(),
    { preview: true, logger: false, abortOnError: false },
  );
  try {
    routeApi(app);
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
