import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MessageState, OptionalCategory, OutgoingMail } from './notification.types';

export interface MessageRow {
  id: string;
  idempotency_key: string;
  category: string;
  template: string;
  recipient_email: string;
  recipient_user_id: string | null;
  session_id: string | null;
  payload: Record<string, unknown>;
  state: MessageState;
  attempts: number;
  message_id: string;
  last_error: string | null;
  sending_until: Date | null;
  sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** All SQL of the outbox and the opt-outs (the notifications library's own tables). */
@Injectable()
export class OutboxRepository {
  /**
   * Inserts the messages in one statement; a key already stored is skipped (the event was
   * already recorded). Returns the ids of the rows written now.
   */
  async insert(manager: EntityManager, mails: (OutgoingMail & { messageId: string })[]): Promise<number[]> {
    if (mails.length === 0) return [];
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO notification_message
              (idempotency_key, category, template, recipient_email, recipient_user_id, session_id, payload, message_id)
       SELECT m.idempotency_key, m.category, m.template, m.recipient_email, m.recipient_user_id, m.session_id, m.payload, m.message_id
         FROM jsonb_to_recordset($1::jsonb) AS m(idempotency_key text, category text, template text, recipient_email text,
              recipient_user_id bigint, session_id bigint, payload jsonb, message_id text)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id`,
      [
        JSON.stringify(
          mails.map((mail) => ({
            idempotency_key: mail.idempotencyKey,
            category: mail.category,
            template: mail.template,
            recipient_email: mail.to,
            recipient_user_id: mail.userId ?? null,
            session_id: mail.sessionId ?? null,
            payload: mail.data,
            message_id: mail.messageId,
          })),
        ),
      ],
    );
    return rows.map((row) => Number(row.id));
  }

  /** Users among `userIds` who turned `category` off. */
  async optedOut(manager: EntityManager, category: string, userIds: number[]): Promise<Set<number>> {
    if (userIds.length === 0) return new Set();
    const rows: { user_id: string }[] = await manager.query(
      `SELECT user_id FROM notification_opt_out WHERE category = $1 AND user_id = ANY($2::bigint[])`,
      [category, userIds],
    );
    return new Set(rows.map((row) => Number(row.user_id)));
  }

  async optOuts(manager: EntityManager, userId: number): Promise<OptionalCategory[]> {
    const rows: { category: OptionalCategory }[] = await manager.query(
      `SELECT category FROM notification_opt_out WHERE user_id = $1 ORDER BY category`,
      [userId],
    );
    return rows.map((row) => row.category);
  }

  async setOptOuts(manager: EntityManager, userId: number, categories: OptionalCategory[]): Promise<void> {
    await manager.query(`DELETE FROM notification_opt_out WHERE user_id = $1 AND NOT (category = ANY($2::text[]))`, [
      userId,
      categories,
    ]);
    await manager.query(
      `INSERT INTO notification_opt_out (user_id, category) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
      [userId, categories],
    );
  }

  /**
   * Takes a message for one delivery attempt: recorded as `sending` (with its Message-ID, fixed at
   * insert) until `leaseMs` from now, before any byte goes to the SMTP server. Only a queued or
   * failed message can be taken, so two workers never both send it.
   *
   * A person reads their mail in the order it arrives: "you are on the waitlist" must not come
   * after "you have a place". So a message waits while an earlier one to the same address is
   * still on its way (queued, being sent, or failed and due a retry), whichever worker or process
   * holds it; the condition only ever turns true, so no two deliveries race past it. Earlier
   * messages more than a day older do not hold it back, so that one stuck message cannot stop a
   * person's mail for good. `waiting` says the message was held back rather than not claimable.
   */
  async claim(
    manager: EntityManager,
    id: number,
    leaseMs: number,
  ): Promise<{ message?: MessageRow; waiting: boolean }> {
    const [rows] = await manager.query(
      `UPDATE notification_message m
          SET state = 'sending', attempts = attempts + 1, sending_until = now() + $2 * interval '1 millisecond', updated_at = now()
        WHERE m.id = $1 AND m.state IN ('queued', 'failed')
          AND NOT EXISTS (
            SELECT 1 FROM notification_message earlier
             WHERE earlier.recipient_email = m.recipient_email AND earlier.id < m.id
               AND earlier.state IN ('queued', 'sending', 'failed')
               AND earlier.created_at > m.created_at - interval '1 day')
        RETURNING m.*`,
      [id, leaseMs],
    );
    if (rows[0]) return { message: rows[0], waiting: false };
    const [left] = await manager.query(
      `SELECT 1 FROM notification_message WHERE id = $1 AND state IN ('queued', 'failed')`,
      [id],
    );
    return { waiting: left !== undefined };
  }

  async markSent(manager: EntityManager, id: number): Promise<void> {
    await manager.query(
      `UPDATE notification_message SET state = 'sent', sent_at = now(), sending_until = NULL, last_error = NULL, updated_at = now()
        WHERE id = $1 AND state IN ('sending', 'unconfirmed')`,
      [id],
    );
  }

  /** A refused or failed attempt: nothing was accepted by the server, so it may be sent again. */
  async markFailed(manager: EntityManager, id: number, error: string, dead: boolean): Promise<void> {
    await manager.query(
      `UPDATE notification_message SET state = $3, last_error = $2, sending_until = NULL, updated_at = now()
        WHERE id = $1 AND state = 'sending'`,
      [id, error.slice(0, 2000), dead ? 'dead' : 'failed'],
    );
  }

  /** The attempt failed in a way that leaves open whether the server took the message. */
  async markUnconfirmed(manager: EntityManager, id: number, error: string): Promise<void> {
    await manager.query(
      `UPDATE notification_message SET state = 'unconfirmed', last_error = $2, sending_until = NULL, updated_at = now()
        WHERE id = $1 AND state = 'sending'`,
      [id, `outcome unknown, not resent to avoid a duplicate: ${error}`.slice(0, 2000)],
    );
  }

  /** The queue gave up on the message (dead-letter): whatever state it was left in, unless it went out. */
  async markDead(manager: EntityManager, id: number, error: string): Promise<void> {
    await manager.query(
      `UPDATE notification_message SET state = 'dead', last_error = coalesce(last_error, $2), sending_until = NULL, updated_at = now()
        WHERE id = $1 AND state IN ('queued', 'failed', 'sending')`,
      [id, error],
    );
  }

  /**
   * Messages whose delivery outlived its lease: the process died between handing the message to
   * the server and recording the answer. SMTP cannot tell whether it arrived, and sending it again
   * could make a duplicate, so they become `unconfirmed` (an administrator may retry them).
   */
  async reconcileStale(manager: EntityManager, id?: number): Promise<number> {
    const [, count] = await manager.query(
      `UPDATE notification_message
          SET state = 'unconfirmed', sending_until = NULL, updated_at = now(),
              last_error = 'delivery interrupted after the message was handed to the mail server; not resent to avoid a duplicate'
        WHERE state = 'sending' AND sending_until < now() AND ($1::bigint IS NULL OR id = $1)`,
      [id ?? null],
    );
    return Number(count ?? 0);
  }

  async find(manager: EntityManager, id: number): Promise<MessageRow | undefined> {
    const [row] = await manager.query(`SELECT * FROM notification_message WHERE id = $1`, [id]);
    return row;
  }

  async list(
    manager: EntityManager,
    filter: { state?: MessageState; sessionId?: number; limit: number; offset: number },
  ): Promise<{ rows: MessageRow[]; total: number }> {
    const where = `WHERE ($1::text IS NULL OR state = $1) AND ($2::bigint IS NULL OR session_id = $2)`;
    const params = [filter.state ?? null, filter.sessionId ?? null];
    const rows: MessageRow[] = await manager.query(
      `SELECT * FROM notification_message ${where} ORDER BY id DESC LIMIT $3 OFFSET $4`,
      [...params, filter.limit, filter.offset],
    );
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM notification_message ${where}`, params);
    return { rows, total: n };
  }

  /** A dead or unconfirmed message back in the queue, with a fresh count of attempts. */
  async requeue(manager: EntityManager, id: number): Promise<MessageRow | undefined> {
    const [rows] = await manager.query(
      `UPDATE notification_message SET state = 'queued', attempts = 0, updated_at = now()
        WHERE id = $1 AND state IN ('dead', 'unconfirmed') RETURNING *`,
      [id],
    );
    return rows[0];
  }
}
