import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AccountsModule } from '@app/accounts';
import { AppConfig, AppConfigModule, createValidationPipe, ProblemFilter } from '@app/common';
import { DatabaseModule } from '@app/database';
import { CatalogueModule } from '@app/catalogue';
import { RegistrationModule } from '@app/registration';
import { AttendanceModule } from '@app/attendance';
import { ImporterModule } from '@app/importer';
import { NotificationsModule } from '@app/notifications';
import { EmbeddedDatabaseState } from './health/embedded-database.state';
import { HealthModule } from './health/health.module';

export type ModuleImport = NonNullable<DynamicModule['imports']>[number];

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  /** Test-only probes (e2e); production passes nothing. */
  extraImports?: ModuleImport[];
  /** The embedded server this process supervises, if any: liveness fails once it cannot be restarted. */
  embedded?: EmbeddedDatabaseState;
}

/** Readable logs for a person at a terminal; machines (production, pipes, CI) get JSON lines. */
export function prettyLogs(
  config: Pick<AppConfig, 'LOG_FORMAT' | 'NODE_ENV'>,
  isTerminal = process.stdout.isTTY,
): boolean {
  if (config.NODE_ENV === 'production') return false;
  if (config.LOG_FORMAT !== 'auto') return config.LOG_FORMAT === 'pretty';
  return isTerminal === true;
}

const PRETTY_TRANSPORT = {
  target: 'pino-pretty',
  options: {
    colorize: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,req,res,responseTime,reqId,context',
    // "[request id] GET /api/v1/sessions 200 12ms" instead of the nested req/res objects.
    messageFormat: '{if reqId}[{reqId}] {end}{if context}{context}: {end}{msg}',
  },
};

@Module({})
export class AppModule {
  static register({ config, databaseUrl, extraImports = [], embedded }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config, [
          { provide: EmbeddedDatabaseState, useValue: embedded ?? { state: () => 'running' } },
        ]),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            // The id is assigned by Fastify (genReqId in create-app.ts) and copied onto the raw request.
            genReqId: (req) => (req as unknown as { id?: string }).id ?? 'unknown',
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            autoLogging: { ignore: (req) => req.url === '/health' },
            // Top-level request id and a one-line summary: readable pretty, greppable as JSON.
            customProps: (req) => ({ reqId: (req as unknown as { id?: string }).id }),
            customSuccessMessage: (req, res, responseTime) =>
              `${req.method} ${req.url} ${res.statusCode} ${Math.round(responseTime)}ms`,
            customErrorMessage: (req, res) => `${req.method} ${req.url} ${res.statusCode} failed`,
            ...(prettyLogs(config) ? { transport: PRETTY_TRANSPORT } : {}),
          },
        }),
        DatabaseModule.forRoot({
          url: databaseUrl,
          runMigrations: true,
          pool: {
            poolSize: config.DB_POOL_SIZE,
            connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
            statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
          },
        }),
        HealthModule,
        CatalogueModule,
        RegistrationModule,
        AttendanceModule,
        ImporterModule,
        NotificationsModule.forRoot({ databaseUrl }),
        AccountsModule,
        ...extraImports,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
