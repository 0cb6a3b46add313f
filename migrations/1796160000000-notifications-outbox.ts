import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification outbox: one row per e-mail, written in the transaction of the state change it
 * reports, so a rolled-back change leaves no message behind. The delivery queue (pg-boss, in its
 * own schema `pgboss`, installed by pg-boss itself on start) holds one job per row; this table is
 * the record of what was meant to be sent, to whom, and what became of it.
 *
 * `idempotency_key` says which event for which recipient a row is (the same event never makes two
 * rows); `message_id` is the RFC 5322 Message-ID, fixed at insert and recorded as `sending`
 * before the SMTP transaction starts, so a crash between the send and the mark is found and not
 * sent again (state `unconfirmed`).
 */
export class NotificationsOutbox1796160000000 implements MigrationInterface {
  name = 'NotificationsOutbox1796160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_message (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        category text NOT NULL
          CHECK (category IN ('registration', 'reminder', 'delegate_updates', 'moderation_digest', 'coordinator_briefing', 'session_changes')),
        template text NOT NULL,
        recipient_email text NOT NULL CHECK (recipient_email LIKE '%_@_%'),
        recipient_user_id bigint REFERENCES app_user(id) ON DELETE SET NULL,
        session_id bigint REFERENCES training_session(id) ON DELETE SET NULL,
        payload jsonb NOT NULL,
        state text NOT NULL DEFAULT 'queued'
          CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'dead', 'unconfirmed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        message_id text NOT NULL UNIQUE,
        last_error text,
        sending_until timestamptz,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((state = 'sending') = (sending_until IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX notification_message_by_state ON notification_message (state, id)`);
    await q.query(`CREATE INDEX notification_message_by_session ON notification_message (session_id)`);
    await q.query(`
      CREATE TABLE notification_opt_out (
        user_id bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        category text NOT NULL
          CHECK (category IN ('delegate_updates', 'moderation_digest', 'coordinator_briefing', 'session_changes')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, category)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_opt_out`);
    await q.query(`DROP TABLE notification_message`);
  }
}
