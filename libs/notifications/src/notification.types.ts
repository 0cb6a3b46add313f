/** What a user can turn off in their account. Mail about a person's own registration cannot be. */
export const OPTIONAL_CATEGORIES = [
  'delegate_updates',
  'moderation_digest',
  'coordinator_briefing',
  'session_changes',
] as const;
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];
export type MailCategory = 'registration' | 'reminder' | OptionalCategory;

export const MESSAGE_STATES = ['queued', 'sending', 'sent', 'failed', 'dead', 'unconfirmed'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

/** One e-mail to put in the outbox, rendered later from `template` and `data` (a snapshot). */
export interface OutgoingMail {
  /** The event and the recipient: the same key is never stored twice, so never sent twice. */
  idempotencyKey: string;
  category: MailCategory;
  template: TemplateName;
  to: string;
  /** The account the message goes to, when it is one: its opt-outs apply. */
  userId?: number | null;
  sessionId?: number | null;
  data: Record<string, unknown>;
}

export type TemplateName =
  | 'registration_confirmed'
  | 'registration_waitlisted'
  | 'registration_pending'
  | 'registration_promoted'
  | 'registration_rejected'
  | 'registration_withdrawn'
  | 'delegate_upload_digest'
  | 'delegate_update'
  | 'reminder'
  | 'coordinator_briefing'
  | 'moderation_digest'
  | 'session_changed'
  | 'registration_opened'
  | 'session_cancelled';

/** The session as a message describes it (a snapshot taken in the use case's transaction). */
export interface SessionFacts {
  id: number;
  title: string;
  startsOn: string;
  endsOn: string;
  venue: string | null;
  status: string;
  /** First part's start and last part's end, when the parts (buổi) are known: ISO date-times. */
  startsAt: string | null;
  endsAt: string | null;
}
