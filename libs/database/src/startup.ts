import { AppConfig, ConfigurationError, loadAppConfig, loadDotEnvFile } from '@app/common';
import { EmbeddedPostgresError } from './embedded/server-placement';
import { resolveConfiguredDatabase } from './resolve-database';

/**
 * Start-up of a process on the configured database (the API, the CLI): failures a person can
 * fix (a bad variable, an embedded cluster that cannot start) get one line and exit code 1,
 * not a stack trace.
 */
export function exitWith(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** `.env` (when there is one) and the environment, validated; exits on a bad configuration. */
export function loadConfigurationOrExit(): { config: AppConfig; envFile: string | undefined } {
  try {
    const envFile = loadDotEnvFile();
    return { config: loadAppConfig(), envFile };
  } catch (error) {
    if (error instanceof ConfigurationError) exitWith(error.message);
    throw error;
  }
}

/** DATABASE_URL, or the embedded cluster started; exits when the cluster cannot start. */
export async function resolveDatabaseOrExit(config: AppConfig): ReturnType<typeof resolveConfiguredDatabase> {
  try {
    return await resolveConfiguredDatabase(config);
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) exitWith(error.message);
    throw error;
  }
}
