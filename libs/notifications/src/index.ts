// The public surface of @app/notifications. Other libraries and apps import only from here.
export { NotificationsModule } from './notifications.module';
export { Outbox } from './outbox';
export { RegistrationMail } from './compose/registration-mail';
export { SessionChangeMail, type SessionBeforeEdit } from './compose/session-change-mail';
export { NotificationScan } from './schedule/notification-scan';
export { MailDelivery, AFTER_SEND_PROBE, type AfterSendProbe } from './delivery/mail-delivery';
export { OPTIONAL_CATEGORIES, type OutgoingMail, type MailCategory, type OptionalCategory } from './notification.types';
