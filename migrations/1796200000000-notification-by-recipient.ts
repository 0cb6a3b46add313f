import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail to one address goes out in the order it was written: a delivery first looks for an earlier
 * message to the same address still on its way. This index answers that without a scan.
 */
export class NotificationByRecipient1796200000000 implements MigrationInterface {
  name = 'NotificationByRecipient1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX notification_message_by_recipient ON notification_message (recipient_email, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notification_message_by_recipient`);
  }
}
