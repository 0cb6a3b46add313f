/**
 * People as the press names them: "đồng chí Thiếu tướng Nguyễn Văn A, Phó Cục trưởng Cục X, Bộ Y",
 * "PGS.TS Trần Thị B, Viện trưởng …", "ông Lê C cho biết". A name is two to five capitalised words
 * starting with a Vietnamese family name; it counts as a person when a form of address, rank or
 * academic title comes before it, or a post follows it.
 */
const SURNAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Lại',
  'Đào',
  'Đoàn',
  'Vương',
  'Trịnh',
  'Trương',
  'Đinh',
  'Lâm',
  'Phùng',
  'Mai',
  'Tô',
  'Hà',
  'Tạ',
  'Lưu',
  'Kiều',
  'Lương',
  'Thái',
  'Cao',
  'Chu',
  'Triệu',
  'Quách',
  'Hứa',
  'Tăng',
  'Lã',
  'Châu',
  'Từ',
  'Thân',
  'Khổng',
  'Mạc',
  'Giang',
  'Nông',
  'Lò',
  'Vi',
  'Hầu',
  'La',
  'Điểu',
  'Thạch',
  'Kim',
  'Danh',
  'Lục',
  'Tống',
  'Khúc',
  'Bế',
  'Mông',
  'Sùng',
  'Giàng',
  'Nghiêm',
  'Quan',
  'Doãn',
  'Âu',
  'Cù',
  'Diệp',
  'Kha',
  'Ninh',
  'Tiêu',
  'Bạch',
  'Cấn',
  'Đàm',
  'Đồng',
  'Hàn',
  'Khuất',
  'Lạc',
  'Mã',
  'Nhữ',
  'Phí',
  'Tôn',
  'Trình',
  'Ung',
  'Viên',
  'Văn',
  'Y',
  'Ksor',
  'Rơ',
  'Siu',
  'Rah',
  'Nay',
  'Lữ',
  'Ông',
  'Lầu',
  'Thào',
  'Vừ',
  'Mùa',
  'Hờ',
];
const HONORIFIC = '(?:đồng\\s+chí|Đồng\\s+chí|đ/c|Đ/c|ông|Ông|bà|Bà)';
const RANK =
  '(?:Đại\\s+tướng|Thượng\\s+tướng|Trung\\s+tướng|Thiếu\\s+tướng|Đại\\s+tá|Thượng\\s+tá|Trung\\s+tá|Thiếu\\s+tá|Đại\\s+úy|Thượng\\s+úy|Chuẩn\\s+Đô\\s+đốc|Phó\\s+Đô\\s+đốc|Đô\\s+đốc)';
const ACADEMIC =
  '(?:GS\\.\\s?TSKH|GS\\.\\s?TS|PGS\\.\\s?TS|TS\\.\\s?BS|GS|PGS|TSKH|TS|ThS|NCS|Giáo\\s+sư|Phó\\s+Giáo\\s+sư|Tiến\\s+sĩ|Thạc\\s+sĩ|Nhà\\s+báo|Luật\\s+sư|Đại\\s+sứ)\\.?';
const WORD = '\\p{Lu}\\p{Ll}*';
const NAME = `(?:${SURNAMES.map((s) => s.replace(/ /g, '\\s+')).join('|')})(?:\\s+${WORD}){1,4}`;

const PERSON = new RegExp(
  `(?<![\\p{L}])(?:(${HONORIFIC})\\s+)?(?:(${RANK})\\s+)?(?:(${ACADEMIC})\\s+)?(${NAME})(?![\\p{L}])`,
  'gu',
);

/** Words that start a post: "Phó Trưởng Ban …", "Ủy viên dự khuyết Trung ương Đảng", "Thứ trưởng …". */
const POST_START =
  /^(?:Phó\s|Ủy\s+viên|Uỷ\s+viên|Bí\s+thư|Trưởng|Thứ\s+trưởng|Bộ\s+trưởng|Chủ\s+tịch|Giám\s+đốc|Tổng\s|Chánh|Cục\s+trưởng|Vụ\s+trưởng|Viện\s+trưởng|Hiệu\s+trưởng|Đại\s+sứ|Chủ\s+nhiệm|Tư\s+lệnh|Chính\s+ủy|Người\s+phát\s+ngôn|Thường\s+trực|Tổng\s+Biên\s+tập|Trợ\s+lý|Giảng\s+viên|Nguyên\s|Đại\s+biểu\s+Quốc\s+hội|Chuyên\s+viên)/u;

/** Verbs and connectives that end the run of posts after a name. */
const POSTS_END =
  /\s+(?:đã|đang|sẽ|cũng|trình\s+bày|phát\s+biểu|cho\s+biết|đề\s+nghị|nhấn\s+mạnh|khẳng\s+định|đánh\s+giá|chủ\s+trì|tham\s+dự|chia\s+sẻ|truyền\s+đạt|báo\s+cáo|giới\s+thiệu|quán\s+triệt|yêu\s+cầu|lưu\s+ý|chỉ\s+rõ|kết\s+luận|chỉ\s+đạo|trao\s+đổi|làm\s+rõ|phân\s+tích|và\s+(?:các|đồng\s+chí|ông|bà)|cùng)(?![\p{L}])|[.;:!?()|]/u;

export interface PersonMention {
  index: number;
  /** From the form of address to the end of the posts. */
  text: string;
  fullName: string;
  honorific: string | null;
  militaryRank: string | null;
  academicTitle: string | null;
  posts: string[];
}

export function findPeople(text: string): PersonMention[] {
  const found: PersonMention[] = [];
  for (const m of text.matchAll(PERSON)) {
    const [whole, honorific, rank, academic, name] = m;
    // Posts follow within a sentence: a bounded window keeps long texts linear.
    const after = text.slice(m.index + whole.length, m.index + whole.length + 600);
    const posts = readPosts(after);
    if (!honorific && !rank && !academic && !posts.list.length) continue;
    found.push({
      index: m.index,
      text: whole + posts.raw,
      fullName: name.replace(/\s+/g, ' '),
      honorific: honorific ? honorific.toLowerCase() : null,
      militaryRank: rank ?? null,
      academicTitle: academic ? academic.replace(/\s+/g, '').replace(/\.$/, '') : null,
      posts: posts.list,
    });
  }
  return found;
}

/** ", Post, Post, …" after a name; pieces that do not start a post belong to the previous one
 * ("Phó Cục trưởng Cục Đối ngoại, Bộ Công an"). */
function readPosts(after: string): { raw: string; list: string[] } {
  if (!/^\s*,\s*/u.test(after)) return { raw: '', list: [] };
  const end = POSTS_END.exec(after);
  const raw = (end ? after.slice(0, end.index) : after).replace(/\s*,?\s*$/u, '');
  const pieces = raw.replace(/^\s*,\s*/u, '').split(/\s*,\s*/u);
  if (!pieces.length || !POST_START.test(pieces[0])) return { raw: '', list: [] };
  const list: string[] = [];
  for (const piece of pieces) {
    if (POST_START.test(piece) || list.length === 0) list.push(piece);
    else list[list.length - 1] += `, ${piece}`;
  }
  return { raw, list };
}
