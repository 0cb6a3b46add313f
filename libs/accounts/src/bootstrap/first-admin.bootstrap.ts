import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { AdminAccounts } from './admin-accounts';

export const EMBEDDED_ADMIN_EMAIL = 'admin@localhost';

/**
 * On API start, when no active administrator exists:
 * - ADMIN_EMAIL + ADMIN_PASSWORD set: create that administrator;
 * - else on the embedded database (no DATABASE_URL; not under NODE_ENV=test): create
 *   admin@localhost with a generated password, printed once to stdout;
 * - else: warn that `npm run create-admin` is needed.
 * There is no fixed default password anywhere.
 */
@Injectable()
export class FirstAdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly config: AppConfig,
    private readonly admins: AdminAccounts,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL, ADMIN_PASSWORD, DATABASE_URL, NODE_ENV } = this.config;
    if (ADMIN_EMAIL && ADMIN_PASSWORD) {
      const outcome = await this.admins.ensureFirstAdmin(ADMIN_EMAIL, ADMIN_PASSWORD);
      if (outcome.created) this.logger.log(`First administrator ${outcome.email} created from ADMIN_EMAIL`);
      else if (outcome.reason === 'email-taken') {
        this.logger.warn(
          `No administrator exists and ADMIN_EMAIL ${ADMIN_EMAIL} belongs to an existing user: not changed. ` +
            'Use `npm run create-admin` to make it an administrator.',
        );
      }
      return;
    }
    if (!DATABASE_URL && NODE_ENV !== 'test') {
      const outcome = await this.admins.ensureFirstAdmin(EMBEDDED_ADMIN_EMAIL);
      if (outcome.created) {
        process.stdout.write(
          `\nFirst administrator created on the embedded database (shown only this once):\n` +
            `  email:    ${outcome.email}\n  password: ${outcome.password}\n` +
            `Change it with POST /auth/password after logging in.\n\n`,
        );
      }
      return;
    }
    if (NODE_ENV !== 'test' && !(await this.admins.hasActiveAdmin())) {
      this.logger.warn(
        'No administrator exists. Create one with `npm run create-admin -- --email <email> --password <password>` ' +
          'or set ADMIN_EMAIL and ADMIN_PASSWORD.',
      );
    }
  }
}
