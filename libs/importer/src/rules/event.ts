import { foldKeepLength } from '../text/fold';
import { Paragraph, SessionKind } from '../proposal';
import { findDates } from './dates';

/** Nouns that name an event of the genre. */
export const EVENT_NOUN =
  /(?<![\p{L}])(hội\s+nghị|tập\s+huấn|hội\s+thảo|lớp\s+bồi\s+dưỡng|lớp\s+tập\s+huấn|bồi\s+dưỡng|tọa\s+đàm|toạ\s+đàm|diễn\s+đàn|lễ\s+trao|lễ\s+tôn\s+vinh|lễ\s+khai\s+giảng|giao\s+ban)(?![\p{L}])/iu;
/** Verbs that say the event took place (in a lead sentence). */
const HAPPENED =
  /(?<![\p{L}])(tổ\s+chức|chủ\s+trì|khai\s+mạc|diễn\s+ra|đã\s+diễn\s+ra|bế\s+giảng|khai\s+giảng)(?![\p{L}])/iu;

/**
 * The lead paragraph: the first that names an event and says it was held (organised, chaired,
 * opened). Reports open with it ("Chiều 8/3, tại …, A phối hợp với B tổ chức Hội nghị …").
 */
export function findLead(paragraphs: Paragraph[]): Paragraph | null {
  return paragraphs.find((p) => EVENT_NOUN.test(p.text) && HAPPENED.test(p.text)) ?? null;
}

/** Lines that end the report: bylines, source lines, related news and site navigation. */
const END_OF_REPORT =
  /^(?:(?:tin|bài)\s*(?:,|và)?\s*ảnh\s*:|(?:tin|bài)\s*:|nguồn\s*[:\p{L} ]*:|nhóm\s+pv\b|tin\s+bài\s+liên\s+quan|tin\s+liên\s+quan|bài\s+liên\s+quan|các\s+tin\s+(?:bài\s+)?khác|tin\s+khác|chia\s+sẻ\s*:?$|đọc\s+nhiều|xem\s+thêm|tin\s+cùng\s+chuyên\s+mục|liên\s+kết\s+website|thống\s+kê\s+truy\s+cập|bình\s+luận|từ\s+khóa\s*:|tags?\s*:)/iu;

/** Strips markdown images and leading decoration so a teaser line starts with its text. */
export const stripDecoration = (text: string) =>
  text.replace(/^(?:!\[[^\]]*\]\([^)]*\)\s*\|?\s*)+/u, '').replace(/^[\s|>*•-]+/u, '');

/**
 * The paragraphs of the report itself: from the start up to the first byline, related-news or
 * navigation line, or the first later paragraph that opens with another date followed by another
 * event (a teaser for a different event).
 */
export function reportBody(
  paragraphs: Paragraph[],
  lead: Paragraph | null,
  eventDay: { day: number; month: number } | null,
): number {
  for (const p of paragraphs) {
    if (lead && p.number <= lead.number) continue;
    const text = stripDecoration(p.text);
    if (END_OF_REPORT.test(text)) return p.number;
    const first = findDates(text)[0];
    if (first && first.index === 0 && EVENT_NOUN.test(text.slice(0, 200))) {
      const same = eventDay && first.day === eventDay.day && first.month === eventDay.month;
      if (!same) return p.number;
    }
  }
  return paragraphs.length + 1;
}

/** The kind of event an event name says. */
export function kindOf(name: string): SessionKind {
  const f = foldKeepLength(name);
  if (/\b(le trao|trao giai|le ton vinh|le vinh danh)\b/.test(f)) return 'award_ceremony';
  if (/\b(tap huan|boi duong|lop)\b/.test(f)) return 'training_conference';
  if (/\bhoi nghi\b.{0,80}\btoan quoc\b|\bhoi nghi truc tuyen toan quoc\b/.test(f)) return 'national_conference';
  if (/\b(hoi thao|toa dam|dien dan)\b/.test(f)) return 'workshop';
  return 'other';
}

/**
 * The event's name in a sentence: "tổ chức Hội nghị tập huấn … năm 2025 cho …" or a caption
 * "Hội nghị tập huấn … năm 2024 cho …". Ends before the audience ("cho"), the venue ("tại") or
 * the end of the clause.
 */
export function findEventName(text: string): { index: number; text: string } | null {
  const m =
    /(?:tổ\s+chức|khai\s+mạc|khai\s+giảng)\s+((?:Hội|hội|Lớp|lớp|Lễ|lễ|Tọa|tọa|Diễn|diễn)\s[^;.|]{0,400}?)(?=\s+cho\s|\s+tại\s|\s+nhằm\s|\s+với\s+sự|\s*[;.|]|\s*$)/u.exec(
      text,
    ) ??
    /^((?:Hội\s+nghị|Hội\s+thảo|Lớp|Lễ)\s[^;.|]{0,400}?năm\s+(?:19|20)\d{2})(?=\s+cho\s|\s+tại\s|\s*[;.|,]|\s*$)/u.exec(
      text,
    );
  if (!m) return null;
  const name = m[1];
  return { index: m.index + m[0].indexOf(name), text: name };
}
