import { AgendaKind } from '../proposal';
import { findPeople, PersonMention } from './people';
import { OrgMention, splitOrganisations } from './organisations';

/** An agenda item read from one paragraph, before linking names to the catalogue. */
export interface ItemMention {
  kind: AgendaKind;
  title: string;
  /** Where the title (or the phrase standing for it) is in the paragraph, for the citation. */
  quote: string;
  people: PersonMention[];
  organisations: OrgMention[];
}

const SPEECH_KIND: Record<string, AgendaKind> = {
  'khai mạc': 'opening_speech',
  'chỉ đạo': 'directing_speech',
  'kết luận': 'concluding_speech',
  'bế mạc': 'concluding_speech',
  'tổng kết': 'concluding_speech',
};
const speechKind = (qualifier: string | undefined): AgendaKind =>
  qualifier ? (SPEECH_KIND[qualifier.toLowerCase().replace(/\s+/g, ' ')] ?? 'directing_speech') : 'directing_speech';

/** Names, posts and subjects sit within a sentence: windows of this size keep long texts linear. */
const WINDOW = 600;
/** The text before `index`, within the window (the speaker named right before a verb). */
const textBefore = (text: string, index: number) => text.slice(Math.max(0, index - WINDOW), index);

const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const SPEECH =
  '(?:phát\\s+biểu|diễn\\s+văn)(?:\\s+(khai\\s+mạc|chỉ\\s+đạo|kết\\s+luận|bế\\s+mạc|tổng\\s+kết))?(?:\\s+(?:tại|tổng\\s+kết))?\\s+(?:Hội|hội)\\s+(?:nghị|thảo)';

/** The list of contents after "truyền đạt các nội dung chính:" or "trình bày các báo cáo về": split
 * on semicolons; a piece that only continues the previous one ("thực hiện Kết luận …") is joined. */
function splitContents(list: string): string[] {
  const pieces = list
    .split(/\s*;\s*/u)
    .map((p) => p.trim())
    .filter(Boolean);
  const items: string[] = [];
  for (const piece of pieces) {
    if (items.length && /^(?:thực\s+hiện|triển\s+khai|và|gắn\s+với)\s/u.test(piece))
      items[items.length - 1] += `; ${piece}`;
    else items.push(piece);
  }
  return items;
}

export function findItems(text: string): ItemMention[] {
  const items: ItemMention[] = [];

  // "Chuyên đề thứ nhất do đồng chí X, <posts> trình bày, tập trung vào <subject>."
  for (const m of text.matchAll(
    /(?<![\p{L}])(?:Chuyên|chuyên)\s+đề(?:\s+thứ\s+\p{L}+|\s+\d+)?\s+do\s+([^.;]{1,300}?)\s+(?:trình\s+bày|truyền\s+đạt|báo\s+cáo|giới\s+thiệu)\s*,?\s*(?:(?:đã\s+)?(?:tập\s+trung\s+vào|tập\s+trung|làm\s+rõ|đề\s+cập|về|với\s+nội\s+dung)\s+)?([^.;]{0,600})/gu,
  )) {
    const presenter = m[1];
    const people = findPeople(presenter);
    const organisations = people.length ? [] : splitOrganisations(presenter);
    const subject = m[2].replace(/^đã\s+/u, '').trim();
    items.push({
      kind: 'topic',
      title: subject
        ? upperFirst(subject.replace(/^(?:làm\s+rõ|tập\s+trung\s+vào)\s+/u, ''))
        : `Chuyên đề do ${presenter}`,
      quote: m[0].trim(),
      people,
      organisations,
    });
  }

  // "<person> (cũng) (đã) trình bày (nội dung) chuyên đề / báo cáo / tham luận “<title>”" or, unquoted,
  // "… trình bày chuyên đề về <subject>": the presenter is the person named right before the verb.
  for (const m of text.matchAll(
    /(?:trình\s+bày|báo\s+cáo|truyền\s+đạt)\s+(?:nội\s+dung\s+)?(chuyên\s+đề|báo\s+cáo|tham\s+luận|bài\s+giảng)\s*(?:với\s+chủ\s+đề\s+|về\s+)?(?:[“"]([^”"]{1,600})[”"]|([^.;“"]{8,600}))/gu,
  )) {
    const before = textBefore(text, m.index);
    const person = findPeople(before).pop();
    const adjacent =
      person && /^\s*(?:(?:cũng|đã|lần\s+lượt|tiếp\s+tục)\s+)*$/u.test(before.slice(person.index + person.text.length));
    const people = person && adjacent ? [person] : [];
    const quoted = m[2] !== undefined;
    // An unquoted subject is only an item when someone is named presenting it.
    if (!quoted && !people.length) continue;
    const title = (quoted ? m[2] : m[3]).trim();
    items.push({
      kind: /chuyên|giảng/u.test(m[1]) ? 'topic' : 'report',
      title: upperFirst(title),
      quote: m[0].trim(),
      people,
      organisations: [],
    });
  }

  // "Phát biểu kết luận Hội nghị, đồng chí X, <posts> …" (speech first, speaker after).
  for (const m of text.matchAll(
    new RegExp(
      `(?:^|[.;]\\s*)(?:Phát|phát)\\s+biểu(?:\\s+(khai\\s+mạc|chỉ\\s+đạo|kết\\s+luận|bế\\s+mạc))?(?:(?:\\s+tại)?\\s+(?:Hội|hội)\\s+(?:nghị|thảo)|\\s+tại\\s+lớp\\s+(?:học|tập\\s+huấn|bồi\\s+dưỡng))?\\s*,\\s*`,
      'gu',
    ),
  )) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + WINDOW);
    const person = findPeople(after)[0];
    if (!person || person.index > 0) continue;
    const phrase = m[0].replace(/^[.;]\s*/u, '').replace(/\s*,\s*$/u, '');
    items.push({
      kind: speechKind(m[1]),
      title: upperFirst(phrase),
      quote: `${m[0].replace(/^[.;]\s*/u, '')}${person.text}`.trim(),
      people: [person],
      organisations: [],
    });
  }

  // "Đồng chí X, <posts> phát biểu chỉ đạo Hội nghị" (speaker first; also photo captions).
  for (const m of text.matchAll(new RegExp(SPEECH, 'gu'))) {
    const before = textBefore(text, m.index);
    const person = findPeople(before).pop();
    if (!person) continue;
    // The speaker's mention must run up to the verb (nothing but spaces between).
    if (before.slice(person.index + person.text.length).trim() !== '') continue;
    const phrase = m[0];
    items.push({
      kind: speechKind(m[1]),
      title: upperFirst(phrase.replace(/^diễn\s+văn/u, 'Diễn văn')),
      quote: before.slice(person.index) + phrase,
      people: [person],
      organisations: [],
    });
  }

  // "(Đại diện lãnh đạo | lãnh đạo | các giảng viên thuộc) A, B, C (đã) trình bày / truyền đạt
  // <contents>": bodies present, the contents are listed after the verb.
  for (const m of text.matchAll(
    /(?:(?:Đại\s+diện|đại\s+diện)\s+(?:[Ll]ãnh\s+đạo\s+)?|(?:^|\s)(?:[Ll]ãnh\s+đạo)\s+|(?:các\s+)?(?:giảng\s+viên|báo\s+cáo\s+viên)\s+(?:thuộc|của|đến\s+từ)\s+)((?:Ban|Bộ|Sở|Văn\s+phòng|Cục|Học\s+viện|Viện|Trường|Ủy\s+ban|Hội\s+đồng|Tổng\s+cục|Vụ|Trung\s+tâm)\s[^.;:]{0,300}?)\s+(?:đã\s+)?(trình\s+bày|truyền\s+đạt|báo\s+cáo|giới\s+thiệu)\s+((?:các\s+)?(?:báo\s+cáo|tham\s+luận)(?:\s*,\s*(?:báo\s+cáo|tham\s+luận))*(?:\s+chuyên\s+đề)?\s+(?:về\s+)?|(?:các\s+)?nội\s+dung(?:\s+chính)?\s*:\s*)?([^.]{0,1500})/gu,
  )) {
    const organisations = splitOrganisations(m[1], m.index + m[0].indexOf(m[1]));
    if (!organisations.length) continue;
    const verb = m[2];
    const lead = m[3] ?? '';
    const kind: AgendaKind =
      /báo\s+cáo|tham\s+luận/u.test(lead) || /trình\s+bày|báo\s+cáo/u.test(verb) ? 'report' : 'topic';
    const contents = splitContents(m[4]);
    for (const content of contents) {
      const title = content.replace(/^(?:về\s+)/u, '');
      items.push({
        kind: /truyền\s+đạt/u.test(verb) ? 'topic' : kind,
        title: upperFirst(title),
        quote: content.length > 160 ? content.slice(0, 160).replace(/\s+\S*$/u, '') : content,
        people: [],
        organisations,
      });
    }
  }

  // "Dự và phát biểu khai mạc lớp tập huấn có đồng chí X, <posts>": the speaker after "có".
  for (const m of text.matchAll(
    /(?:[Dd]ự\s+và\s+)?[Pp]hát\s+biểu(?:\s+(khai\s+mạc|chỉ\s+đạo|kết\s+luận|bế\s+mạc))?(?:\s+(?:tại\s+)?(?:[Hh]ội\s+nghị|[Hh]ội\s+thảo|lớp\s+(?:học|tập\s+huấn|bồi\s+dưỡng)))?\s+có\s+/gu,
  )) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + WINDOW);
    const person = findPeople(after)[0];
    if (!person || person.index > 0) continue;
    const phrase = m[0].replace(/^[Dd]ự\s+và\s+/u, '').replace(/\s+có\s+$/u, '');
    items.push({
      kind: speechKind(m[1]),
      title: upperFirst(phrase),
      quote: m[0] + person.text,
      people: [person],
      organisations: [],
    });
  }

  // "<person>, <posts> (đã) giới thiệu / truyền đạt / trình bày <subject>" without the word chuyên đề.
  for (const person of findPeople(text)) {
    const after = text.slice(person.index + person.text.length, person.index + person.text.length + WINDOW);
    const m =
      /^\s+(?:(?:cũng|đã|tiếp\s+tục)\s+)*(giới\s+thiệu|truyền\s+đạt|trình\s+bày|báo\s+cáo)\s+(?!(?:nội\s+dung\s+)?(?:chuyên\s+đề|báo\s+cáo|tham\s+luận|bài\s+giảng)(?![\p{L}]))(?:về\s+)?([^.;]{8,600})/u.exec(
        after,
      );
    if (!m) continue;
    items.push({
      kind: /báo\s+cáo|trình\s+bày/u.test(m[1]) ? 'report' : 'topic',
      title: upperFirst(m[2].trim()),
      quote: person.text + m[0],
      people: [person],
      organisations: [],
    });
  }

  // "(một số | các) đại biểu (cũng) (đã) chia sẻ / thảo luận / trao đổi …": the floor's contributions.
  const floor =
    /(?:[Mm]ột\s+số|[Cc]ác|[Nn]hiều)\s+đại\s+biểu\s+(?:cũng\s+)?(?:đã\s+)?(chia\s+sẻ|thảo\s+luận|trao\s+đổi|tham\s+luận|phát\s+biểu\s+ý\s+kiến|đóng\s+góp\s+ý\s+kiến)\s+[^.;]{0,300}/u.exec(
      text,
    );
  if (floor) {
    items.push({
      kind: 'discussion',
      title: 'Ý kiến của đại biểu',
      quote: floor[0].slice(0, 160).replace(/\s+\S*$/u, ''),
      people: [],
      organisations: [],
    });
  }
  return items;
}
