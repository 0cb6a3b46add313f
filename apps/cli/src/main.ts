import { DynamicModule, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { isEmail } from 'class-validator';
import { DataSource } from 'typeorm';
import { AccountsCoreModule, AdminAccounts, generatePassword, PASSWORD_MIN_LENGTH } from '@app/accounts';
import { runSeed } from '@app/catalogue';
import { AppConfig, AppConfigModule } from '@app/common';
import {
  DatabaseModule,
  exitWith,
  loadConfigurationOrExit,
  resolveDatabaseOrExit,
  runMigrationsExclusively,
  withSchemaLock,
} from '@app/database';

/**
 * Operator commands, run as a Nest standalone application context on the configured database
 * (DATABASE_URL, or the embedded cluster in EMBEDDED_DB_DIR, which must not be in use by a
 * running API):
 *
 *   npm run migrate
 *   npm run seed
 *   npm run create-admin -- --email someone@example.gov.vn [--password '…'] [--name 'Full name']
 */
const USAGE = `Usage: node dist/apps/cli/src/main.js <command> [options]

Commands:
  migrate                          apply pending migrations
  seed                             apply migrations, then load the seed catalogue (idempotent)
  create-admin --email <email> [--password <password>] [--name <display name>]
                                   create an administrator, or make an existing user an active
                                   administrator with this password; without --password one is
                                   generated and printed once`;

@Module({})
class CliModule {
  static register(config: AppConfig, url: string): DynamicModule {
    return {
      module: CliModule,
      imports: [
        AppConfigModule.forRoot(config),
        DatabaseModule.forRoot({
          url,
          runMigrations: false,
          pool: { poolSize: 2, connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS, statementTimeoutMs: 0 },
        }),
        AccountsCoreModule,
      ],
    };
  }
}

class UsageError extends Error {}

/** `--name value` and `--name=value` options of one command, by node:util's parseArgs (strict). */
function parseOptions(command: string, args: string[]): Record<string, string> {
  const names = command === 'create-admin' ? ['email', 'password', 'name'] : [];
  try {
    const { values } = parseArgs({
      args,
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    });
    return values as Record<string, string>;
  } catch (error) {
    // parseArgs says which argument is wrong (unknown option, missing value, stray word).
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function migrate(app: INestApplicationContext): Promise<void> {
  const applied = await runMigrationsExclusively(app.get(DataSource));
  say(applied.length ? `migrate: applied ${applied.map((m) => m.name).join(', ')}` : 'migrate: nothing to apply');
}

async function seed(app: INestApplicationContext): Promise<void> {
  await migrate(app);
  const dataSource = app.get(DataSource);
  const result = await withSchemaLock(dataSource, () => runSeed(dataSource));
  say(
    result.applied
      ? `seed: loaded (checksum ${result.checksum})`
      : `seed: already loaded (checksum ${result.checksum})`,
  );
}

interface AdminOptions {
  email: string;
  password?: string;
  name: string;
}

function adminOptions(options: Record<string, string>): AdminOptions {
  const email = options.email?.trim();
  if (!email || !isEmail(email)) throw new UsageError('create-admin needs --email <a valid email address>');
  if (options.password !== undefined && options.password.length < PASSWORD_MIN_LENGTH) {
    throw new UsageError(`--password must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  return { email, password: options.password, name: options.name?.trim() || 'Administrator' };
}

async function createAdmin(app: INestApplicationContext, options: AdminOptions): Promise<void> {
  await migrate(app);
  const password = options.password ?? generatePassword();
  const outcome = await app.get(AdminAccounts).upsertAdmin(options.email, password, options.name);
  say(
    outcome.created
      ? `create-admin: administrator ${outcome.email} created (user ${outcome.userId})`
      : `create-admin: ${outcome.email} is now an active administrator with the new password (user ${outcome.userId}); ` +
          'its refresh tokens were revoked',
  );
  if (options.password === undefined) say(`create-admin: generated password (shown only this once): ${password}`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    say(USAGE);
    return;
  }
  if (!['migrate', 'seed', 'create-admin'].includes(command)) exitWith(`Unknown command: ${command}\n\n${USAGE}`, 2);
  let admin: AdminOptions | undefined;
  try {
    const options = parseOptions(command, rest);
    if (command === 'create-admin') admin = adminOptions(options);
  } catch (error) {
    if (error instanceof UsageError) exitWith(`${error.message}\n\n${USAGE}`, 2);
    throw error;
  }
  // Failures a person can fix (configuration, the embedded cluster) get one line, exit code 1.
  const { config } = loadConfigurationOrExit();
  const database = await resolveDatabaseOrExit(config);
  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(CliModule.register(config, database.url), {
      logger: ['error', 'warn'],
      abortOnError: false,
    });
    if (command === 'migrate') await migrate(app);
    else if (command === 'seed') await seed(app);
    else if (admin) await createAdmin(app, admin);
  } catch (error) {
    process.exitCode = 1;
    process.stderr.write(`${command} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  } finally {
    await app?.close();
    await database.embedded?.stop();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  exitWith(`Failed: ${error instanceof Error ? error.message : String(error)}`);
});
