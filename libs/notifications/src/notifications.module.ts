import { DynamicModule, Module } from '@nestjs/common';
import { AccountsCoreModule } from '@app/accounts';
import { MailFactsRepository } from './compose/mail-facts.repository';
import { RegistrationMail } from './compose/registration-mail';
import { SessionChangeMail } from './compose/session-change-mail';
import { MailDelivery } from './delivery/mail-delivery';
import { MailQueue, NOTIFICATIONS_DATABASE_URL } from './delivery/mail-queue';
import { MailTransport } from './delivery/mail-transport';
import { NotificationAdmin } from './notification-admin.service';
import { NotificationsController } from './notifications.controller';
import { Outbox } from './outbox';
import { OutboxRepository } from './outbox.repository';
import { NotificationScan } from './schedule/notification-scan';
import { MailRenderer } from './templates/mail-renderer';

/**
 * E-mail notifications. Global, so the use cases of other libraries can write their messages
 * (`RegistrationMail`, `Outbox`) into their own transaction without importing this module.
 */
@Module({})
export class NotificationsModule {
  static forRoot(options: { databaseUrl: string }): DynamicModule {
    return {
      module: NotificationsModule,
      global: true,
      imports: [AccountsCoreModule],
      controllers: [NotificationsController],
      providers: [
        { provide: NOTIFICATIONS_DATABASE_URL, useValue: options.databaseUrl },
        MailQueue,
        OutboxRepository,
        Outbox,
        MailFactsRepository,
        RegistrationMail,
        SessionChangeMail,
        MailRenderer,
        MailTransport,
        MailDelivery,
        NotificationScan,
        NotificationAdmin,
      ],
      exports: [Outbox, RegistrationMail, SessionChangeMail, NotificationScan, MailDelivery],
    };
  }
}
