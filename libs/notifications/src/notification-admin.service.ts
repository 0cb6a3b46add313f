import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { conflict, notFound, Page, toPage } from '@app/common';
import { MailQueue } from './delivery/mail-queue';
import { MessageDto, MessageListQuery, PreferencesResponse } from './dto/notification.dto';
import { OPTIONAL_CATEGORIES, OptionalCategory } from './notification.types';
import { MessageRow, OutboxRepository } from './outbox.repository';

export const mapMessage = (row: MessageRow): MessageDto => ({
  id: Number(row.id),
  idempotencyKey: row.idempotency_key,
  category: row.category,
  template: row.template,
  recipient: row.recipient_email,
  sessionId: row.session_id === null ? null : Number(row.session_id),
  state: row.state,
  attempts: row.attempts,
  messageId: row.message_id,
  lastError: row.last_error,
  createdAt: row.created_at.toISOString(),
  sentAt: row.sent_at?.toISOString() ?? null,
});

/** The administrator's view of the outbox, and each user's opt-outs. */
@Injectable()
export class NotificationAdmin {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly queue: MailQueue,
  ) {}

  async list(query: MessageListQuery): Promise<Page<MessageDto>> {
    const { rows, total } = await this.outbox.list(this.dataSource.manager, {
      state: query.state,
      sessionId: query.session,
      limit: query.limit,
      offset: query.offset,
    });
    return toPage(rows.map(mapMessage), total, query);
  }

  async retry(id: number): Promise<MessageDto> {
    return this.dataSource.transaction(async (manager) => {
      const requeued = await this.outbox.requeue(manager, id);
      if (!requeued) {
        const row = await this.outbox.find(manager, id);
        if (!row) throw notFound('Message', id);
        throw conflict(
          'message-not-dead',
          `Message ${id} is ${row.state}; only dead or unconfirmed messages are retried`,
          {
            state: row.state,
          },
        );
      }
      await this.queue.addInTransaction(manager, [id]);
      return mapMessage(requeued);
    });
  }

  async preferences(userId: number): Promise<PreferencesResponse> {
    return {
      categories: [...OPTIONAL_CATEGORIES],
      disabled: await this.outbox.optOuts(this.dataSource.manager, userId),
    };
  }

  async setPreferences(userId: number, disabled: OptionalCategory[]): Promise<PreferencesResponse> {
    await this.dataSource.transaction((manager) => this.outbox.setOptOuts(manager, userId, [...new Set(disabled)]));
    return this.preferences(userId);
  }
}
