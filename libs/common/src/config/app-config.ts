import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number.parseInt(value, 10) : value;
const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^(true|false)$/i.test(value.trim()) ? value.trim().toLowerCase() === 'true' : value;
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;

/**
 * Every environment variable the product reads, validated once at boot.
 * Documented for operators in .env.example; keep the two in agreement.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  HOST = '0.0.0.0';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** External PostgreSQL server. When unset, an embedded cluster is started. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /**
   * Redis for state that several API processes must share (rate limits, the login bucket):
   * with it the limits are per address across all processes; without it, per process in memory.
   */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Prefix of this deployment's keys in Redis (several deployments may share one server). */
  @Matches(/^[\w:.-]{1,64}$/, { message: 'REDIS_KEY_PREFIX must be 1-64 letters, digits, _ : . or -' })
  REDIS_KEY_PREFIX = 'ttdn:';

  /** API processes sharing the port (node:cluster); 1 runs no cluster. `npm run start:cluster` uses one per core. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WEB_CONCURRENCY = 1;

  @IsString()
  EMBEDDED_DB_DIR = '.data/postgres';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_DB_PORT = 54329;

  /**
   * How long the API waits before restarting an embedded PostgreSQL that died; each of the six
   * attempts waits twice the one before (250 ms: about 16 s in all before it gives up).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60_000)
  EMBEDDED_DB_FIRST_RESTART_DELAY_MS = 250;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DB_POOL_SIZE = 20;

  /** How long a request waits for a pooled connection before it fails with 503. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DB_CONNECT_TIMEOUT_MS = 5000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  DB_STATEMENT_TIMEOUT_MS = 15000;

  /**
   * Statement timeout of one batch of a CSV/XLSX export (each FETCH of its cursor). The first
   * batch sorts the whole list (a million lines in Vietnamese name order take longer than an
   * ordinary statement may); later batches are quick.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  EXPORT_STATEMENT_TIMEOUT_MS = 120_000;

  /** auto: seed when running on the embedded database; always / never otherwise. */
  @IsIn(['auto', 'always', 'never'])
  SEED_ON_START: 'auto' | 'always' | 'never' = 'auto';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** auto: coloured single lines when stdout is a terminal outside production, JSON otherwise. */
  @IsIn(['auto', 'pretty', 'json'])
  LOG_FORMAT: 'auto' | 'pretty' | 'json' = 'auto';

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  REQUEST_TIMEOUT_MS = 30000;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  /**
   * On SIGTERM/SIGINT, how long in-flight requests may take to finish; connections still open
   * then are cut so the process exits (an orchestrator's own kill deadline is usually 30 s).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  SHUTDOWN_DRAIN_MS = 10_000;

  /** Browser origins allowed to call the API (CORS), e.g. `https://ttdn.example.gov.vn`. Empty: none. */
  @Transform(toList)
  @Matches(/^https?:\/\/[^\s/]+$/, { each: true, message: 'CORS_ORIGINS must list origins like https://host[:port]' })
  CORS_ORIGINS: string[] = [];

  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges). Empty: the client
   * address is the socket's peer, so behind a proxy every client would share one rate-limit bucket.
   */
  @Transform(toList)
  @Matches(/^[0-9A-Fa-f:.]+(\/\d{1,3})?$/, { each: true, message: 'TRUST_PROXY must list IP addresses or CIDR ranges' })
  TRUST_PROXY: string[] = [];

  /** Requests accepted from one client address per minute, all routes together, before 429 (0 = no limit). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  RATE_LIMIT_PER_MINUTE = 1200;

  /** Login attempts (successful or not) accepted from one client address per minute, before 429 (0 = no limit). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  LOGIN_RATE_LIMIT_PER_MINUTE = 30;

  /**
   * Secret for signing access tokens (HS256). Required in production; in development and test a
   * random one is generated per process when unset (tokens then die with the process).
   */
  @ValidateIf((config: AppConfig) => config.NODE_ENV === 'production' || config.JWT_SECRET !== undefined)
  @IsDefined({ message: 'JWT_SECRET is required when NODE_ENV=production (at least 32 characters)' })
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** First administrator, created on start when no administrator exists. Set both or neither. */
  @ValidateIf((config: AppConfig) => config.ADMIN_EMAIL !== undefined || config.ADMIN_PASSWORD !== undefined)
  @IsDefined({ message: 'ADMIN_EMAIL is required when ADMIN_PASSWORD is set' })
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an email address' })
  ADMIN_EMAIL?: string;

  @ValidateIf((config: AppConfig) => config.ADMIN_EMAIL !== undefined || config.ADMIN_PASSWORD !== undefined)
  @IsDefined({ message: 'ADMIN_PASSWORD is required when ADMIN_EMAIL is set' })
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  @MaxLength(256, { message: 'ADMIN_PASSWORD must be at most 256 characters' })
  ADMIN_PASSWORD?: string;

  /**
   * The built web app (`vite build` output) served at /. Relative paths are from the working
   * directory. When it holds no index.html the process serves the API alone.
   */
  @IsString()
  WEB_DIST_DIR = 'dist/web';

  /** Check-in of a session part opens this many minutes before the part starts (scans earlier are refused). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 60)
  CHECK_IN_OPENS_BEFORE_MINUTES = 120;

  /** Check-in of a session part closes this many minutes after the part ends (offline scans judged by device time). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 60)
  CHECK_IN_CLOSES_AFTER_MINUTES = 120;

  /**
   * Serve the OpenAPI UI and document (/docs, /docs-json). Unset: served except with
   * NODE_ENV=production, where the full map of the API is not handed to anyone who asks.
   */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'DOCS_PUBLIC must be true or false' })
  DOCS_PUBLIC?: boolean;

  /**
   * SMTP server for notifications, e.g. `smtp://user:pass@mail.example.gov.vn:587` or `smtps://…:465`.
   * Unset: every message is written as an .eml file under MAIL_DIR and named in the log.
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** Sender of notifications: an address, or `Name <address>`. */
  @Matches(/^([^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, {
    message: 'MAIL_FROM must be an address or "Name <address>"',
  })
  MAIL_FROM = 'Hội nghị Thông tin đối ngoại <no-reply@localhost>';

  /** Where messages go as .eml files when SMTP_URL is unset (relative to the working directory). */
  @IsString()
  MAIL_DIR = '.data/mail';

  /** Run the delivery worker and the scheduled jobs in this process (the outbox is written either way). */
  @Transform(toBool)
  @IsBoolean({ message: 'MAIL_WORKER must be true or false' })
  MAIL_WORKER = true;

  /** Delivery attempts of one message before it is dead (listed for an administrator to retry). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  MAIL_MAX_ATTEMPTS = 8;

  /** First retry delay in seconds; each later one doubles (with jitter) up to MAIL_RETRY_DELAY_MAX_SECONDS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  MAIL_RETRY_DELAY_SECONDS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 86_400)
  MAIL_RETRY_DELAY_MAX_SECONDS = 3600;

  /**
   * How long one SMTP delivery may take. A message still marked "sending" after that (its
   * worker died between the send and the mark) is reconciled as "unconfirmed", never resent.
   */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600_000)
  MAIL_SEND_TIMEOUT_MS = 60_000;

  /** How often an idle worker looks for due messages, in seconds (pg-boss polling; at least 0.5). */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value))
  @IsNumber({}, { message: 'MAIL_POLL_INTERVAL_SECONDS must be a number' })
  @Min(0.5)
  @Max(60)
  MAIL_POLL_INTERVAL_SECONDS = 2;

  /** The reminder (with QR code and invitation) goes this many hours before a session's first part. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(14 * 24)
  MAIL_REMINDER_HOURS_BEFORE = 24;

  /** Address of the web app, for links in messages (the coordinators' attendance export). */
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';
}

/** Whether /docs and /docs-json are served: DOCS_PUBLIC when set, else everywhere but production. */
export const docsArePublic = (config: Pick<AppConfig, 'DOCS_PUBLIC' | 'NODE_ENV'>): boolean =>
  config.DOCS_PUBLIC ?? config.NODE_ENV !== 'production';

/**
 * Every variable AppConfig reads, listed rather than discovered from an instance (optional
 * variables have no initialiser, so they exist on an instance only by how class fields are
 * emitted). The type below fails to compile when a property of AppConfig is missing here.
 */
export const CONFIG_VARIABLES = [
  'NODE_ENV',
  'HOST',
  'PORT',
  'DATABASE_URL',
  'EMBEDDED_DB_DIR',
  'EMBEDDED_DB_PORT',
  'EMBEDDED_DB_FIRST_RESTART_DELAY_MS',
  'DB_POOL_SIZE',
  'DB_CONNECT_TIMEOUT_MS',
  'DB_STATEMENT_TIMEOUT_MS',
  'EXPORT_STATEMENT_TIMEOUT_MS',
  'SEED_ON_START',
  'LOG_LEVEL',
  'LOG_FORMAT',
  'REQUEST_TIMEOUT_MS',
  'BODY_LIMIT_BYTES',
  'SHUTDOWN_DRAIN_MS',
  'CORS_ORIGINS',
  'TRUST_PROXY',
  'RATE_LIMIT_PER_MINUTE',
  'LOGIN_RATE_LIMIT_PER_MINUTE',
  'JWT_SECRET',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'WEB_DIST_DIR',
  'CHECK_IN_OPENS_BEFORE_MINUTES',
  'CHECK_IN_CLOSES_AFTER_MINUTES',
  'DOCS_PUBLIC',
  'REDIS_URL',
  'REDIS_KEY_PREFIX',
  'WEB_CONCURRENCY',
  'SMTP_URL',
  'MAIL_FROM',
  'MAIL_DIR',
  'MAIL_WORKER',
  'MAIL_MAX_ATTEMPTS',
  'MAIL_RETRY_DELAY_SECONDS',
  'MAIL_RETRY_DELAY_MAX_SECONDS',
  'MAIL_SEND_TIMEOUT_MS',
  'MAIL_POLL_INTERVAL_SECONDS',
  'MAIL_REMINDER_HOURS_BEFORE',
  'PUBLIC_URL',
] as const satisfies readonly (keyof AppConfig)[];
type UnlistedVariable = Exclude<keyof AppConfig, (typeof CONFIG_VARIABLES)[number]>;
const everyVariableListed: [UnlistedVariable] extends [never] ? true : UnlistedVariable = true;
void everyVariableListed;

export class ConfigurationError extends Error {}

/** Reads and validates the environment; throws one ConfigurationError naming every bad variable. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known: readonly string[] = CONFIG_VARIABLES;
  const raw = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => known.includes(key) && value !== undefined && value !== ''),
  );
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const details = errors
      .map((error) => Object.values(error.constraints ?? {}).join('; ') || `${error.property} is invalid`)
      .join(' | ');
    throw new ConfigurationError(`Invalid configuration: ${details}`);
  }
  return config;
}

/**
 * Reads `.env` from the working folder into process.env when there is one (the variables are
 * those of .env.example). Variables already set in the real environment win, as with Node's
 * --env-file. Called by the API and CLI entry points only: tests pass their configuration in.
 */
export function loadDotEnvFile(folder = process.cwd()): string | undefined {
  const file = path.join(folder, '.env');
  if (!existsSync(file)) return undefined;
  try {
    process.loadEnvFile(file);
  } catch (error) {
    throw new ConfigurationError(`Could not read ${file}: ${(error as Error).message}`);
  }
  return file;
}
