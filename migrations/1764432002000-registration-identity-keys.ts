import { MigrationInterface, QueryRunner } from 'typeorm';
import { identityKey } from '@app/common';
// A pure rule file, by path: the library's surface would load its Nest modules (and, through
// them, the data source that loads this migration).
// eslint-disable-next-line no-restricted-imports
import { normalisePhone } from '../libs/registration/src/registration.rules';

/**
 * Recomputes the duplicate-person keys of stored registrations with the rules of this release:
 * names compared by their confusables skeleton (look-alike letters of other scripts, invisible
 * characters and full-width forms no longer make a new person), and phones that lost their
 * leading 0 in Excel in their national form. Without it, a person registered before the
 * upgrade could be registered again after it.
 *
 * Two active rows that turn out to be the same person cannot both take the new key (the
 * unique indexes refuse it): the later one keeps its old key and is listed in the log, for an
 * organiser to withdraw. This migration uses the application's functions on purpose; it
 * computes what they computed when it ran, and later changes to them need a migration of their own.
 */
export class RegistrationIdentityKeys1764432002000 implements MigrationInterface {
  name = 'RegistrationIdentityKeys1764432002000';

  async up(q: QueryRunner): Promise<void> {
    const rows: {
      id: string;
      full_name: string;
      phone: string | null;
      name_folded: string;
      phone_normalised: string | null;
    }[] = await q.query(`SELECT id, full_name, phone, name_folded, phone_normalised FROM registration ORDER BY id`);
    for (const row of rows) {
      const nameFolded = identityKey(row.full_name);
      const phoneNormalised = normalisePhone(row.phone);
      if (nameFolded === row.name_folded && phoneNormalised === row.phone_normalised) continue;
      await q.query(`SAVEPOINT identity_key`);
      try {
        await q.query(`UPDATE registration SET name_folded = $2, phone_normalised = $3 WHERE id = $1`, [
          row.id,
          nameFolded,
          phoneNormalised,
        ]);
        await q.query(`RELEASE SAVEPOINT identity_key`);
      } catch {
        await q.query(`ROLLBACK TO SAVEPOINT identity_key`);
        console.warn(`registration ${row.id} is the same person as an earlier active registration; kept its old key`);
      }
    }
  }

  async down(): Promise<void> {
    // The old keys are not kept; the new ones are a stricter form of the same comparison.
  }
}
