import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '@app/common';
import { MailQueue } from './delivery/mail-queue';
import type { OutgoingMail } from './notification.types';
import { OutboxRepository } from './outbox.repository';

/**
 * Writes messages into the outbox and their delivery jobs into the queue, both on the caller's
 * transaction manager: a change that rolls back sends nothing, one that commits cannot lose its
 * mail. Recipients who turned the message's category off are left out here.
 */
@Injectable()
export class Outbox {
  constructor(
    private readonly repository: OutboxRepository,
    private readonly queue: MailQueue,
    private readonly config: AppConfig,
  ) {}

  async enqueue(manager: EntityManager, mails: OutgoingMail[]): Promise<number[]> {
    const byCategory = new Map<string, number[]>();
    for (const mail of mails) {
      if (mail.userId) byCategory.set(mail.category, [...(byCategory.get(mail.category) ?? []), mail.userId]);
    }
    const silenced = new Map<string, Set<number>>();
    for (const [category, userIds] of byCategory) {
      silenced.set(category, await this.repository.optedOut(manager, category, userIds));
    }
    const kept = mails.filter((mail) => !(mail.userId && silenced.get(mail.category)?.has(mail.userId)));
    const ids = await this.repository.insert(
      manager,
      kept.map((mail) => ({ ...mail, messageId: this.messageIdFor(mail.idempotencyKey) })),
    );
    await this.queue.addInTransaction(manager, ids);
    return ids;
  }

  /**
   * Fixed once, with the row: every attempt of the message carries it, so a copy that did get out
   * twice is one message to mail clients. Random as well as keyed, so that two installations (or
   * databases) never mint the same id for their own registration 12.
   */
  private messageIdFor(key: string): string {
    const address = /<([^>]+)>/.exec(this.config.MAIL_FROM)?.[1] ?? this.config.MAIL_FROM;
    const digest = createHash('sha256').update(key).digest('base64url').slice(0, 16);
    return `<${digest}.${randomBytes(12).toString('base64url')}.ttdn@${address.split('@')[1] ?? 'localhost'}>`;
  }
}
