import type { TemplateName } from '../notification.types';

/**
 * The Vietnamese messages: a subject, an HTML part and a plain-text part per template, in
 * Handlebars (`{{…}}` escapes, so a name can never inject markup). Helpers: `date` and
 * `dateTime` (Việt Nam time), `statusVi`. `qr` is set when the QR code is attached inline.
 */
export interface MailTemplate {
  subject: string;
  html: string;
  text: string;
}

const SESSION_HTML = `<table role="presentation" cellpadding="4">
<tr><td><b>Hội nghị</b></td><td>{{session.title}}</td></tr>
<tr><td><b>Thời gian</b></td><td>{{#if session.startsAt}}{{dateTime session.startsAt}}{{else}}{{date session.startsOn}}{{#if session.multiDay}} – {{date session.endsOn}}{{/if}}{{/if}}</td></tr>
{{#if session.venue}}<tr><td><b>Địa điểm</b></td><td>{{session.venue}}</td></tr>{{/if}}
</table>`;
const SESSION_TEXT = `Hội nghị: {{session.title}}
Thời gian: {{#if session.startsAt}}{{dateTime session.startsAt}}{{else}}{{date session.startsOn}}{{#if session.multiDay}} – {{date session.endsOn}}{{/if}}{{/if}}
{{#if session.venue}}Địa điểm: {{session.venue}}
{{/if}}`;
const QR_HTML = `{{#if qr}}<p>Mã QR điểm danh (xuất trình khi đến hội nghị):</p><p><img src="cid:{{qr}}" alt="Mã QR điểm danh" width="240" height="240"></p>{{/if}}`;
const QR_TEXT = `{{#if qr}}Mã QR điểm danh được đính kèm (ảnh qr.png); xuất trình khi đến hội nghị.
{{/if}}`;
const FOOTER_HTML = `<p style="color:#666">Thư gửi tự động từ hệ thống quản lý hội nghị tập huấn thông tin đối ngoại. Vui lòng không trả lời thư này.</p>`;
const FOOTER_TEXT = `--
Thư gửi tự động từ hệ thống quản lý hội nghị tập huấn thông tin đối ngoại. Vui lòng không trả lời thư này.`;

const page = (body: string) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body style="font-family:Arial,sans-serif">${body}${FOOTER_HTML}</body></html>`;

const personal = (subject: string, lead: string, withQr: boolean): MailTemplate => ({
  subject,
  html: page(`<p>Kính gửi {{person.fullName}},</p><p>${lead}</p>${SESSION_HTML}${withQr ? QR_HTML : ''}`),
  text: `Kính gửi {{person.fullName}},\n\n${lead}\n\n${SESSION_TEXT}${withQr ? QR_TEXT : ''}\n${FOOTER_TEXT}`,
});

export const TEMPLATES: Record<TemplateName, MailTemplate> = {
  registration_confirmed: personal(
    'Xác nhận đăng ký: {{session.title}}',
    'Đăng ký tham dự của đồng chí đã được xác nhận. Thư mời lịch (.ics) được đính kèm.',
    true,
  ),
  registration_promoted: personal(
    'Đã có chỗ tham dự (từ danh sách chờ): {{session.title}}',
    'Đã có chỗ trống: đồng chí được chuyển từ danh sách chờ sang danh sách tham dự chính thức. Thư mời lịch (.ics) được đính kèm.',
    true,
  ),
  registration_waitlisted: personal(
    'Đưa vào danh sách chờ: {{session.title}}',
    'Đăng ký của đồng chí đã được ghi nhận nhưng chỉ tiêu đã đủ, nên đồng chí ở vị trí chờ. Khi có chỗ, hệ thống sẽ báo ngay.',
    false,
  ),
  registration_pending: personal(
    'Đã nhận đăng ký, chờ phê duyệt: {{session.title}}',
    'Đăng ký của đồng chí đã được ghi nhận và đang chờ ban tổ chức phê duyệt.',
    false,
  ),
  registration_rejected: personal(
    'Đăng ký không được chấp nhận: {{session.title}}',
    'Ban tổ chức không chấp nhận đăng ký của đồng chí.{{#if reason}} Lý do: {{reason}}.{{/if}}',
    false,
  ),
  registration_withdrawn: personal(
    'Đã rút đăng ký: {{session.title}}',
    'Đăng ký tham dự của đồng chí đã được rút.{{#if reason}} Lý do: {{reason}}.{{/if}}{{#if wasConfirmed}} Lịch mời trước đây được hủy (tệp .ics đính kèm).{{/if}}',
    false,
  ),
  reminder: personal(
    'Nhắc lịch: {{session.title}} — {{#if session.startsAt}}{{dateTime session.startsAt}}{{else}}{{date session.startsOn}}{{/if}}',
    'Xin nhắc đồng chí lịch tham dự hội nghị sắp diễn ra. Vui lòng mang theo mã QR dưới đây để điểm danh.',
    true,
  ),
  session_changed: personal(
    '{{#if rescheduled}}Thay đổi thời gian{{#if venueChanged}} và địa điểm{{/if}}{{else}}Thay đổi địa điểm{{/if}}: {{session.title}}',
    'Ban tổ chức thông báo hội nghị có thay đổi{{#if rescheduled}} về thời gian{{#if previous.startsOn}} (trước đây: {{date previous.startsOn}}{{#if previous.endsOn}} – {{date previous.endsOn}}{{/if}}){{/if}}{{/if}}{{#if venueChanged}}{{#if rescheduled}} và{{/if}} về địa điểm{{#if previous.venue}} (trước đây: {{previous.venue}}){{/if}}{{/if}}. Thông tin mới như dưới đây.{{#if wasConfirmed}} Lịch mời được cập nhật (tệp .ics đính kèm).{{/if}}',
    false,
  ),
  session_cancelled: personal(
    'Hủy hội nghị: {{session.title}}',
    'Ban tổ chức thông báo hội nghị đã bị hủy.{{#if reason}} Lý do: {{reason}}.{{/if}}{{#if wasConfirmed}} Lịch mời trước đây được hủy (tệp .ics đính kèm).{{/if}}',
    false,
  ),
  delegate_upload_digest: {
    subject: 'Kết quả đăng ký theo danh sách ({{people.length}} người) — {{provinceName}}: {{session.title}}',
    html: page(`<p>Kính gửi {{delegate.name}},</p><p>Danh sách đăng ký của {{provinceName}} đã được ghi nhận: {{people.length}} người
({{counts.confirmed}} xác nhận, {{counts.waitlisted}} danh sách chờ, {{counts.pending}} chờ duyệt).</p>${SESSION_HTML}
<table border="1" cellpadding="4" cellspacing="0"><tr><th>STT</th><th>Họ và tên</th><th>Cơ quan</th><th>Trạng thái</th><th>Thư gửi người đăng ký</th></tr>
{{#each people}}<tr><td>{{inc @index}}</td><td>{{fullName}}</td><td>{{agency}}</td><td>{{statusVi status}}</td><td>{{#if email}}{{email}}{{else}}(không có địa chỉ)</td>{{/if}}</tr>
{{/each}}</table>`),
    text: `Kính gửi {{delegate.name}},

Danh sách đăng ký của {{provinceName}} đã được ghi nhận: {{people.length}} người ({{counts.confirmed}} xác nhận, {{counts.waitlisted}} danh sách chờ, {{counts.pending}} chờ duyệt).

${SESSION_TEXT}
{{#each people}}{{inc @index}}. {{fullName}} — {{agency}} — {{statusVi status}}
{{/each}}
${FOOTER_TEXT}`,
  },
  registration_opened: {
    subject: 'Mở đăng ký — {{provinceName}}: {{session.title}}',
    html: page(
      `<p>Kính gửi {{delegate.name}},</p><p>Hội nghị dưới đây đã mở đăng ký cho {{provinceName}}{{#if quota}} (chỉ tiêu: {{quota}} người){{/if}}. Hạn đăng ký: <b>{{dateTime closesAt}}</b>.</p>${SESSION_HTML}`,
    ),
    text: `Kính gửi {{delegate.name}},\n\nHội nghị dưới đây đã mở đăng ký cho {{provinceName}}{{#if quota}} (chỉ tiêu: {{quota}} người){{/if}}. Hạn đăng ký: {{dateTime closesAt}}.\n\n${SESSION_TEXT}\n${FOOTER_TEXT}`,
  },
  delegate_update: {
    subject: '{{person.fullName}}: {{statusVi status}} — {{session.title}}',
    html: page(
      `<p>Kính gửi {{delegate.name}},</p><p>Đăng ký của <b>{{person.fullName}}</b> ({{provinceName}}) đã chuyển sang trạng thái <b>{{statusVi status}}</b>.{{#if reason}} Lý do: {{reason}}.{{/if}}</p>${SESSION_HTML}`,
    ),
    text: `Kính gửi {{delegate.name}},\n\nĐăng ký của {{person.fullName}} ({{provinceName}}) đã chuyển sang trạng thái: {{statusVi status}}.{{#if reason}} Lý do: {{reason}}.{{/if}}\n\n${SESSION_TEXT}\n${FOOTER_TEXT}`,
  },
  coordinator_briefing: {
    subject: 'Ngày mai: {{session.title}} — {{confirmed}} người đã xác nhận',
    html: page(`<p>Kính gửi {{recipient.name}},</p><p>Hội nghị đồng chí phụ trách điểm danh bắt đầu vào ngày mai, với {{confirmed}} người đã xác nhận.</p>${SESSION_HTML}
<p>Danh sách điểm danh: <a href="{{exportUrl}}">{{exportUrl}}</a> (đăng nhập để tải).</p>`),
    text: `Kính gửi {{recipient.name}},\n\nHội nghị đồng chí phụ trách điểm danh bắt đầu vào ngày mai, với {{confirmed}} người đã xác nhận.\n\n${SESSION_TEXT}\nDanh sách điểm danh: {{exportUrl}} (đăng nhập để tải).\n\n${FOOTER_TEXT}`,
  },
  moderation_digest: {
    subject: 'Đăng ký chờ phê duyệt: {{total}} người ở {{sessions.length}} hội nghị',
    html: page(`<p>Kính gửi {{recipient.name}},</p><p>Các đăng ký sau đang chờ đồng chí phê duyệt:</p><ul>
{{#each sessions}}<li>{{title}}: <b>{{pending}}</b> người chờ duyệt</li>{{/each}}</ul>`),
    text: `Kính gửi {{recipient.name}},\n\nCác đăng ký sau đang chờ đồng chí phê duyệt:\n{{#each sessions}}- {{title}}: {{pending}} người chờ duyệt\n{{/each}}\n${FOOTER_TEXT}`,
  },
};
