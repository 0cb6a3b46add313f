import { escapeText, foldLine, nextDay, utcStamp } from '@app/exports';
import type { SessionFacts } from '../notification.types';

/** The UID of one person's invitation: the same in the REQUEST and in its CANCEL. */
export const invitationUid = (registrationId: number, domain: string) => `registration-${registrationId}@${domain}`;

/**
 * An iTIP invitation (RFC 5546) for one person: METHOD:REQUEST when they have a place,
 * METHOD:CANCEL (same UID, higher SEQUENCE) when it is withdrawn or the session is cancelled.
 * Timed from the first part's start to the last part's end when the parts are known, else all day.
 */
export function invitation(options: {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  session: SessionFacts;
  organizer: string;
  attendee: { name: string; email: string };
  sequence: number;
  now: Date;
}): string {
  const { session } = options;
  const when =
    session.startsAt && session.endsAt
      ? [`DTSTART:${utcStamp(new Date(session.startsAt))}`, `DTEND:${utcStamp(new Date(session.endsAt))}`]
      : [
          `DTSTART;VALUE=DATE:${session.startsOn.replace(/-/g, '')}`,
          `DTEND;VALUE=DATE:${nextDay(session.endsOn).replace(/-/g, '')}`,
        ];
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//ttdn-training//Thong tin doi ngoai notifications//VI',
    'CALSCALE:GREGORIAN',
    `METHOD:${options.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(options.uid)}`,
    `SEQUENCE:${options.sequence}`,
    `DTSTAMP:${utcStamp(options.now)}`,
    ...when,
    `SUMMARY:${escapeText(session.title)}`,
    ...(session.venue ? [`LOCATION:${escapeText(session.venue)}`] : []),
    `ORGANIZER:mailto:${options.organizer}`,
    `ATTENDEE;CN=${escapeText(options.attendee.name).replace(/[":]/g, '')};ROLE=REQ-PARTICIPANT:mailto:${options.attendee.email}`,
    `STATUS:${options.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
