import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import QRCode from 'qrcode';
import type Mail from 'nodemailer/lib/mailer';
import { AppConfig } from '@app/common';
import type { SessionFacts, TemplateName } from '../notification.types';
import { invitation, invitationUid } from './ics';
import { TEMPLATES } from './templates';

const STATUS_VI: Record<string, string> = {
  confirmed: 'đã xác nhận',
  waitlisted: 'danh sách chờ',
  pending: 'chờ phê duyệt',
  rejected: 'không được chấp nhận',
  withdrawn: 'đã rút',
};

const VN_DATE = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const VN_DATE_TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

const engine = Handlebars.create();
engine.registerHelper('date', (iso: string) => VN_DATE.format(new Date(`${iso}T00:00:00+07:00`)));
engine.registerHelper('dateTime', (iso: string) => VN_DATE_TIME.format(new Date(iso)));
engine.registerHelper('statusVi', (status: string) => STATUS_VI[status] ?? status);
engine.registerHelper('inc', (index: number) => index + 1);

const compiled = Object.fromEntries(
  Object.entries(TEMPLATES).map(([name, template]) => [
    name,
    {
      // Subjects and plain text are not HTML: no entity escaping there (Handlebars' noEscape).
      subject: engine.compile(template.subject, { noEscape: true, strict: false }),
      text: engine.compile(template.text, { noEscape: true }),
      html: engine.compile(template.html),
    },
  ]),
) as Record<
  TemplateName,
  { subject: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate; html: HandlebarsTemplateDelegate }
>;

/** The parts of the outbox row a message is rendered from. */
export interface RenderInput {
  template: string;
  to: string;
  messageId: string;
  payload: Record<string, unknown>;
}

/** Which templates carry the QR code, and which an invitation (REQUEST) or its cancellation. */
const WITH_QR = new Set(['registration_confirmed', 'registration_promoted', 'reminder']);
const CANCELS = new Set(['registration_withdrawn', 'session_cancelled']);
/** A session change re-sends the invitation (REQUEST, higher SEQUENCE) to those who hold one. */
const UPDATES = new Set(['session_changed']);

@Injectable()
export class MailRenderer {
  constructor(private readonly config: AppConfig) {}

  async render(input: RenderInput, now = new Date()): Promise<Mail.Options> {
    const template = compiled[input.template as TemplateName];
    if (!template) throw new Error(`unknown mail template ${input.template}`);
    const payload = input.payload as Record<string, unknown> & {
      session?: SessionFacts;
      checkInCode?: string | null;
      registrationId?: number;
      person?: { fullName: string };
      wasConfirmed?: boolean;
    };
    const withQr = WITH_QR.has(input.template) && !!payload.checkInCode;
    const context = {
      ...payload,
      session: payload.session
        ? { ...payload.session, multiDay: payload.session.startsOn !== payload.session.endsOn }
        : undefined,
      qr: withQr ? 'qr@ttdn' : undefined,
    };
    const attachments: Mail.Attachment[] = [];
    if (withQr) {
      attachments.push({
        filename: 'qr.png',
        cid: 'qr@ttdn',
        contentType: 'image/png',
        // pngjs tries all five PNG filters per row by default, which costs ~1 s of CPU for a
        // 320-pixel code on a busy machine; a two-colour image compresses as well unfiltered.
        content: await QRCode.toBuffer(payload.checkInCode!, {
          type: 'png',
          margin: 2,
          width: 320,
          rendererOpts: { filterType: 0 } as never,
        }),
      });
    }
    const method =
      WITH_QR.has(input.template) || UPDATES.has(input.template)
        ? 'REQUEST'
        : CANCELS.has(input.template)
          ? 'CANCEL'
          : undefined;
    // Only someone who was sent an invitation (a confirmed place) gets its update or cancellation.
    const hadInvitation = WITH_QR.has(input.template) || payload.wasConfirmed === true;
    const invites = method && payload.session && payload.registrationId !== undefined && hadInvitation;
    let icalEvent: Mail.Options['icalEvent'];
    if (invites) {
      icalEvent = {
        method,
        filename: method === 'CANCEL' ? 'huy-lich.ics' : 'loi-moi.ics',
        content: invitation({
          method,
          uid: invitationUid(payload.registrationId!, this.domain),
          session: payload.session!,
          organizer: this.address,
          attendee: { name: payload.person?.fullName ?? input.to, email: input.to },
          // Seconds since 2025 (an int32 until 2093): each later revision of the invitation, a
          // reschedule after the confirmation, has a higher SEQUENCE.
          sequence: Math.floor((now.getTime() - Date.UTC(2025, 0, 1)) / 1000),
          now,
        }),
      };
    }
    return {
      from: this.config.MAIL_FROM,
      to: input.to,
      messageId: input.messageId,
      subject: template.subject(context).replace(/\s+/g, ' ').trim(),
      text: template.text(context),
      html: template.html(context),
      attachments,
      icalEvent,
      headers: { 'Auto-Submitted': 'auto-generated' },
    };
  }

  private get address(): string {
    return /<([^>]+)>/.exec(this.config.MAIL_FROM)?.[1] ?? this.config.MAIL_FROM;
  }

  get domain(): string {
    return this.address.split('@')[1] ?? 'localhost';
  }
}
