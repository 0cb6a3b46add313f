import { isoDate } from './dates';

/**
 * Guiding documents by their number: party documents "57-KL/TW", "35-NQ/TW", "05-CT/TW";
 * state documents "47/NQ-CP", "1079/QĐ-TTg", "13/2023/NĐ-CP", "202/2025/QH15".
 */
const PARTY = '\\d{1,4}\\s?-\\s?(?:KL|NQ|CT|QĐ|QĐi|HD|TB|KH|QC|CV)\\s?\\/\\s?[A-ZĐƯ]{2,10}';
const STATE =
  '\\d{1,5}(?:\\/(?:19|20)\\d{2})?\\/(?:(?:NQ|QĐ|NĐ|CT|TT|TTLT|KH|HD|TB|CĐ|BC|VBHN)-[A-ZĐa-z0-9]{1,12}(?:-[A-ZĐa-z0-9]{1,12})?|QH\\d{1,2}|UBTVQH\\d{1,2})';
const KIND =
  '(Kết\\s+luận|Nghị\\s+quyết|Quyết\\s+định|Chỉ\\s+thị|Nghị\\s+định|Thông\\s+tư|Hướng\\s+dẫn|Kế\\s+hoạch|Thông\\s+báo|Quy\\s+định|Luật|Công\\s+văn|Chiến\\s+lược|Đề\\s+án)';
const NUMBER_RE = new RegExp(`(?:${KIND}\\s+(?:số\\s+)?)?(${PARTY}|${STATE})(?![\\p{L}\\d])`, 'gu');
const DATE_AFTER = /^\s*,?\s*(?:ban\s+hành\s+)?ngày\s+(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})/iu;
const ISSUER_AFTER =
  /^\s*,?\s*(?:của|do)\s+((?:Ban\s+Chấp\s+hành\s+Trung\s+ương(?:\s+Đảng)?|Bộ\s+Chính\s+trị|Ban\s+Bí\s+thư|Thủ\s+tướng\s+Chính\s+phủ|Chính\s+phủ|Quốc\s+hội|Ủy\s+ban\s+Thường\s+vụ\s+Quốc\s+hội|Ban\s+Chỉ\s+đạo[^,;.]{0,150}?|Bộ\s+[^,;.]{0,150}?|Ban\s+[^,;.]{0,150}?))(?=\s+về|\s*[,;.]|$)/u;

const KIND_BY_CODE: Record<string, string> = {
  KL: 'Kết luận',
  NQ: 'Nghị quyết',
  CT: 'Chỉ thị',
  QĐ: 'Quyết định',
  QĐi: 'Quy định',
  HD: 'Hướng dẫn',
  TB: 'Thông báo',
  KH: 'Kế hoạch',
  NĐ: 'Nghị định',
  TT: 'Thông tư',
  QH: 'Luật hoặc Nghị quyết của Quốc hội',
};

export interface DocumentMention {
  index: number;
  /** Kind, number, date and issuer as written, for the citation. */
  text: string;
  number: string;
  kind: string | null;
  issuedOn: string | null;
  issuer: string | null;
}

/** The number as filed: spaces removed ("57- KL/TW" → "57-KL/TW"). */
export const normaliseNumber = (number: string) => number.replace(/\s+/g, '');

export function findDocuments(text: string): DocumentMention[] {
  const found: DocumentMention[] = [];
  for (const m of text.matchAll(NUMBER_RE)) {
    const [whole, kindWord, rawNumber] = m;
    const number = normaliseNumber(rawNumber);
    let end = m.index + whole.length;
    let issuedOn: string | null = null;
    const date = DATE_AFTER.exec(text.slice(end));
    if (date) {
      issuedOn = isoDate(Number(date[4]), Number(date[3]), Number(date[1]));
      end += date[0].length;
    }
    let issuer: string | null = null;
    const by = ISSUER_AFTER.exec(text.slice(end));
    if (by) {
      issuer = by[1];
      end += by[0].length;
    }
    const code =
      /-(KL|NQ|CT|QĐi|QĐ|HD|TB|KH)\//u.exec(number)?.[1] ??
      /\/(NQ|QĐ|NĐ|CT|TT|KH|HD|TB)-/u.exec(number)?.[1] ??
      (/\/QH\d/u.test(number) ? 'QH' : null);
    found.push({
      index: m.index,
      text: text.slice(m.index, end),
      number,
      kind: kindWord ? kindWord.replace(/\s+/g, ' ') : code ? KIND_BY_CODE[code] : null,
      issuedOn,
      issuer,
    });
  }
  return found;
}
