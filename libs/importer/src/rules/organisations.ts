/**
 * Organisation mentions in a list such as "Ban Tuyên giáo Trung ương và Ban Chỉ đạo nhân quyền của
 * Chính phủ" or "Bộ Ngoại giao, Bộ Thông tin và Truyền thông, Văn phòng Thường trực …". Names
 * themselves contain commas and "và" ("Bộ Văn hóa, Thể thao và Du lịch", "Ban Tuyên giáo và Dân
 * vận Trung ương"), so a list is split only where a separator is followed by the head noun that
 * starts an organisation's name.
 */
export const ORG_HEADS = [
  'Ban Chấp hành',
  'Ban Chỉ đạo',
  'Ban Tuyên giáo',
  'Ban Dân vận',
  'Ban Đối ngoại',
  'Ban Tổ chức',
  'Ban Nội chính',
  'Ban Kinh tế',
  'Ban Bí thư',
  'Ban',
  'Bộ Chính trị',
  'Bộ Tư lệnh',
  'Bộ',
  'Sở',
  'Thành ủy',
  'Thành uỷ',
  'Tỉnh ủy',
  'Tỉnh uỷ',
  'Huyện ủy',
  'Đảng ủy',
  'Đảng uỷ',
  'Đảng đoàn',
  'Ban cán sự',
  'UBND',
  'Ủy ban',
  'Uỷ ban',
  'HĐND',
  'Hội đồng',
  'Tổng cục',
  'Cục',
  'Vụ',
  'Văn phòng',
  'Học viện',
  'Tạp chí',
  'Báo',
  'Đài',
  'Hội',
  'Trung tâm',
  'Công an',
  'Trường',
  'Đại học',
  'Viện',
  'Mặt trận',
  'Thông tấn xã',
  'TTXVN',
  'Liên hiệp',
  'Tổng Liên đoàn',
  'Trung ương Đoàn',
  'Đoàn',
  'Quân khu',
  'Tòa án',
  'Viện kiểm sát',
  'Chính phủ',
  'Quốc hội',
  'Văn phòng Chính phủ',
  'Tập đoàn',
  'Tổng công ty',
  'Công ty',
  'Đại sứ quán',
  'Lãnh sự quán',
  'Thủ tướng Chính phủ',
];

const headAlternation = ORG_HEADS.sort((a, b) => b.length - a.length)
  .map((h) => h.replace(/ /g, '\\s+'))
  .join('|');
/** A head noun at the very start of a text (case-sensitive: names are capitalised). */
// "Hội nghị", "Hội thảo", "Hội trường" name events and halls, not bodies.
const NOT_A_BODY = '(?!Hội\\s+(?:nghị|thảo|trường|viên)(?![\\p{L}]))';
export const STARTS_WITH_HEAD = new RegExp(`^${NOT_A_BODY}(?:${headAlternation})(?![\\p{L}])`, 'u');
const SPLIT = new RegExp(`(?:\\s*,\\s*|\\s+và\\s+|\\s*;\\s*)(?=${NOT_A_BODY}(?:${headAlternation})(?![\\p{L}]))`, 'gu');

export interface OrgMention {
  index: number;
  text: string;
}

/** Splits a list of organisation names; `offset` is the list's index in its paragraph. */
export function splitOrganisations(list: string, offset = 0): OrgMention[] {
  const mentions: OrgMention[] = [];
  let start = 0;
  const cut = (end: number) => {
    const raw = list.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim().replace(/[,.;:]+$/, '');
    if (text && STARTS_WITH_HEAD.test(text)) mentions.push({ index: offset + start + lead, text });
  };
  for (const m of list.matchAll(SPLIT)) {
    cut(m.index);
    start = m.index + m[0].length;
  }
  cut(list.length);
  // "Cục Thông tin đối ngoại, Bộ Thông tin và Truyền thông" is one body (a department, then its
  // ministry), not two: a department-level name followed after a comma by a ministry-level one.
  const merged: OrgMention[] = [];
  for (const mention of mentions) {
    const previous = merged[merged.length - 1];
    if (previous && SUB_UNIT.test(previous.text) && PARENT.test(mention.text)) {
      const between = list.slice(previous.index - offset + previous.text.length, mention.index - offset);
      if (/^\s*,\s*$/u.test(between)) {
        previous.text = list.slice(previous.index - offset, mention.index - offset + mention.text.length);
        continue;
      }
    }
    merged.push({ ...mention });
  }
  return merged;
}

const SUB_UNIT = /^(?:Cục|Vụ|Văn\s+phòng|Viện|Trung\s+tâm|Tổng\s+cục)\s/u;
const PARENT = /^(?:Bộ|Ban|Tổng\s+cục|Ủy\s+ban|Uỷ\s+ban|Thông\s+tấn\s+xã)\s/u;

export interface OrganiserClause {
  lead: OrgMention[];
  partners: OrgMention[];
  /** The clause that names them, quoted as the citation. */
  quote: { index: number; text: string };
}

/**
 * "A chủ trì, phối hợp với B (và C) tổ chức", "A và B phối hợp với C tổ chức", "A tổ chức",
 * "Hội nghị do A chủ trì, phối hợp với B tổ chức": the bodies before "phối hợp với" lead (the first
 * one leads when several are named), those after it co-organise. `from` is where the organiser
 * clause may start (after the date and the venue).
 */
export function findOrganisers(paragraph: string, from = 0): OrganiserClause | null {
  // "tổ chức", "đã tổ chức", "vừa long trọng tổ chức", "phối hợp tổ chức", "khai giảng".
  const verb =
    /(?:\s+(?:đã|vừa|sẽ|cũng))?(?:\s+long\s+trọng)?(?:\s+phối\s+hợp)?\s+(?:đồng\s+)?(?:tổ\s+chức|khai\s+giảng)(?![\p{L}])/u.exec(
      paragraph.slice(from),
    );
  if (!verb) return null;
  const verbAt = from + verb.index;
  let start = from;
  const doAt = paragraph.slice(from, verbAt).search(/(?<![\p{L}])do\s+/u);
  if (doAt >= 0) start = from + doAt + paragraph.slice(from + doAt).match(/^do\s+/u)![0].length;
  const clause = paragraph.slice(start, verbAt);
  const partnerMatch = /,?\s*(?:phối\s+hợp\s+với|cùng\s+với|phối\s+hợp\s+cùng)\s+/u.exec(clause);
  const leadPart = partnerMatch ? clause.slice(0, partnerMatch.index) : clause;
  const leadText = leadPart.replace(/\s*(?:chủ\s+trì|là\s+đơn\s+vị\s+chủ\s+trì)\s*,?\s*$/u, '');
  // The organiser list is the tail of the clause that starts with a head noun.
  const leadStart = lastListStart(leadText);
  if (leadStart < 0) return null;
  const lead = splitOrganisations(leadText.slice(leadStart), start + leadStart);
  const partners = partnerMatch
    ? splitOrganisations(
        clause.slice(partnerMatch.index + partnerMatch[0].length),
        start + partnerMatch.index + partnerMatch[0].length,
      )
    : [];
  if (!lead.length) return null;
  const quoteStart = start + leadStart;
  return {
    lead,
    partners,
    quote: { index: quoteStart, text: paragraph.slice(quoteStart, verbAt + verb[0].length).trim() },
  };
}

/** Index where the organisation list begins: after the last ", " that is followed by a head noun
 * and not itself inside a list of names (date and venue come first in a lead sentence). */
function lastListStart(text: string): number {
  if (STARTS_WITH_HEAD.test(text)) return 0;
  const boundaries = [...text.matchAll(/,\s*/gu)].map((m) => m.index + m[0].length);
  // The earliest boundary after which the rest reads as an organisation list.
  for (const at of boundaries) {
    if (STARTS_WITH_HEAD.test(text.slice(at))) return at;
  }
  return -1;
}
