import { CountField, ProposedCount } from '../proposal';

/** Numbers written as words in reports ("hai chuyên đề", "mười lăm tỉnh"). */
const NUMBER_WORDS: Record<string, number> = {
  một: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  tư: 4,
  năm: 5,
  sáu: 6,
  bảy: 7,
  tám: 8,
  chín: 9,
  mười: 10,
  'mười một': 11,
  'mười hai': 12,
  'mười ba': 13,
  'mười bốn': 14,
  'mười lăm': 15,
  'hai mươi': 20,
};
const UNITS: [string, CountField][] = [
  ['đại biểu', 'participant_count'],
  ['học viên', 'participant_count'],
  ['cán bộ', 'participant_count'],
  ['người', 'participant_count'],
  ['điểm cầu', 'bridge_point_count'],
  ['chuyên đề', 'topic_count'],
  ['tỉnh, thành phố', 'invited_province_count'],
  ['tỉnh, thành', 'invited_province_count'],
  ['tỉnh thành', 'invited_province_count'],
  ['địa phương', 'invited_province_count'],
  ['tỉnh', 'invited_province_count'],
  ['đoàn', 'delegation_count'],
];
const QUALIFIERS: Record<string, ProposedCount['qualifier']> = {
  hơn: 'more_than',
  trên: 'more_than',
  'gần như': 'nearly',
  gần: 'nearly',
  khoảng: 'about',
  'xấp xỉ': 'about',
  chừng: 'about',
  'lên tới': 'up_to',
  'lên đến': 'up_to',
  tới: 'up_to',
  hàng: 'about',
};

const alt = (words: string[]) =>
  words
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/ /g, '\\s+'))
    .join('|');
const COUNT_RE = new RegExp(
  `(?<![\\p{L}\\d.,])(?:(${alt(Object.keys(QUALIFIERS))})\\s+)?(\\d{1,3}(?:\\.\\d{3})+|\\d{1,6}|${alt(Object.keys(NUMBER_WORDS))})\\s+(${alt(UNITS.map(([u]) => u))})(?![\\p{L}])(?!\\s+(?:ủy|uỷ|trưởng|đoàn|bộ))`,
  'giu',
);

export interface CountMention {
  index: number;
  text: string;
  field: CountField;
  value: number;
  qualifier: ProposedCount['qualifier'];
  unit: string;
}

/** "hơn 300 đại biểu", "63 điểm cầu", "khoảng 200 học viên", "hai chuyên đề", "14 tỉnh, thành phố". */
export function findCounts(text: string): CountMention[] {
  const found: CountMention[] = [];
  for (const m of text.matchAll(COUNT_RE)) {
    const [whole, qualifier, number, unit] = m;
    const word = NUMBER_WORDS[number.toLowerCase().replace(/\s+/g, ' ')];
    const value = word ?? Number(number.replace(/\./g, ''));
    if (!Number.isFinite(value) || value <= 0) continue;
    const unitKey = unit.toLowerCase().replace(/\s+/g, ' ');
    const field = UNITS.find(([u]) => u === unitKey)?.[1];
    if (!field) continue;
    found.push({
      index: m.index,
      text: whole,
      field,
      value,
      qualifier: qualifier ? QUALIFIERS[qualifier.toLowerCase().replace(/\s+/g, ' ')] : 'exact',
      unit: unitKey,
    });
  }
  return found;
}
