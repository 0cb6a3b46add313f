import type { Language } from './language';

/** A message in both languages; templates take the problem's parameters. */
export type Localised<P = Record<string, unknown>> = Record<Language, (params: P) => string>;

const text = (vi: string, en: string): Localised => ({ vi: () => vi, en: () => en });

/** Titles by HTTP status (RFC 9457 `title`: short, the same for every problem of that status). */
export const STATUS_TITLES: Record<number, { vi: string; en: string }> = {
  400: { vi: 'Yêu cầu không hợp lệ', en: 'Bad Request' },
  401: { vi: 'Chưa đăng nhập', en: 'Unauthorized' },
  403: { vi: 'Không có quyền', en: 'Forbidden' },
  404: { vi: 'Không tìm thấy', en: 'Not Found' },
  405: { vi: 'Phương thức không được hỗ trợ', en: 'Method Not Allowed' },
  406: { vi: 'Không có định dạng phù hợp', en: 'Not Acceptable' },
  408: { vi: 'Hết thời gian chờ yêu cầu', en: 'Request Timeout' },
  409: { vi: 'Xung đột dữ liệu', en: 'Conflict' },
  413: { vi: 'Dữ liệu gửi lên quá lớn', en: 'Payload Too Large' },
  414: { vi: 'Đường dẫn quá dài', en: 'URI Too Long' },
  415: { vi: 'Định dạng tệp không được hỗ trợ', en: 'Unsupported Media Type' },
  422: { vi: 'Không thể xử lý', en: 'Unprocessable Entity' },
  429: { vi: 'Quá nhiều yêu cầu', en: 'Too Many Requests' },
  431: { vi: 'Phần đầu yêu cầu quá lớn', en: 'Request Header Fields Too Large' },
  500: { vi: 'Lỗi hệ thống', en: 'Internal Server Error' },
  503: { vi: 'Dịch vụ tạm thời không sẵn sàng', en: 'Service Unavailable' },
};

/** Names of things in `not-found` problems. */
const NOUNS: Record<string, string> = {
  Session: 'Hội nghị, lớp tập huấn',
  Registration: 'Đăng ký',
  'Registration settings of session': 'Cấu hình đăng ký của hội nghị, lớp tập huấn',
  Province: 'Tỉnh, thành phố',
  Organisation: 'Cơ quan, tổ chức',
  Person: 'Người',
  Document: 'Văn bản',
  Part: 'Buổi',
  User: 'Tài khoản',
  Source: 'Nguồn',
  'Reported count': 'Số liệu được đưa tin',
  Delegation: 'Đoàn đại biểu',
  Role: 'Vai trò',
  Award: 'Khen thưởng',
  Position: 'Chức vụ',
  Import: 'Bản đề xuất nhập từ bài báo',
};

type P = Record<string, unknown>;
const list = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

/**
 * `detail` by problem code (the last part of `type`), for the problems a delegate, organiser
 * or coordinator meets. Parameters are the problem's extension members (and its hidden
 * params). A code without an entry keeps the English detail it was raised with.
 */
export const PROBLEM_DETAILS: Record<string, Localised<P>> = {
  'validation-failed': {
    vi: (p) => `Dữ liệu gửi lên chưa hợp lệ: ${p.summary}. Sửa các trường được nêu rồi gửi lại.`,
    en: (p) => `${p.summary}. Correct the fields listed and send again.`,
  },
  'not-found': {
    vi: (p) => `${NOUNS[String(p.what)] ?? String(p.what)} ${p.id} không tồn tại (hoặc bạn không được xem).`,
    en: (p) => `${p.what} ${p.id} does not exist`,
  },
  'route-not-found': text(
    'Không có chức năng này ở địa chỉ đã gọi. Kiểm tra lại đường dẫn (bắt đầu bằng /api/v1).',
    'No route matches this method and path; check the URL (API routes start with /api/v1).',
  ),
  forbidden: text(
    'Vai trò của bạn không được làm việc này. Liên hệ ban tổ chức nếu bạn cần quyền.',
    'Your role does not allow this. Ask the organisers if you need access.',
  ),
  unauthenticated: text(
    'Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.',
    'You are not signed in, or your session expired. Sign in again.',
  ),
  'invalid-credentials': text('Email hoặc mật khẩu không đúng.', 'The email or password is wrong.'),
  'rate-limited': text(
    'Bạn đã gửi quá nhiều yêu cầu. Hãy chờ một chút rồi thử lại.',
    'Too many requests; wait a moment and try again.',
  ),
  'internal-error': text(
    'Đã có lỗi ngoài dự kiến và lỗi đã được ghi lại. Khi báo lỗi, hãy gửi kèm mã yêu cầu (requestId).',
    'An unexpected error occurred. It has been logged; quote the request id when reporting it.',
  ),
  'database-unavailable': text(
    'Cơ sở dữ liệu đang bận hoặc tạm ngừng; chưa có gì bị thay đổi. Hãy thử lại sau ít phút.',
    'The database is unavailable or busy; nothing was changed. Retry shortly.',
  ),
  'duplicate-person': {
    vi: (p) =>
      p.existingRegistrationId
        ? `Người này đã có đăng ký số ${p.existingRegistrationId} cho hội nghị này. Sửa đăng ký đó thay vì tạo mới.`
        : 'Người này đã được một tỉnh, thành phố khác đăng ký cho hội nghị này.',
    en: (p) =>
      p.existingRegistrationId
        ? `This person already holds registration ${p.existingRegistrationId} for this session; edit that one instead.`
        : 'This person is already registered for this session by another province.',
  },
  'registration-closed': text(
    'Hội nghị này hiện không nhận đăng ký (chưa mở hoặc đã đóng). Liên hệ ban tổ chức nếu cần bổ sung.',
    'Registration for this session is not open (not yet, or no longer); contact the organisers to add someone.',
  ),
  'quota-below-confirmed': text(
    'Chỉ tiêu không thể thấp hơn số người đã được xác nhận. Tăng chỉ tiêu hoặc rút bớt đăng ký trước.',
    'A quota cannot be below the places already confirmed; raise it, or withdraw registrations first.',
  ),
  'capacity-below-confirmed': text(
    'Tổng số chỗ không thể thấp hơn số người đã được xác nhận.',
    'The capacity cannot be below the places already confirmed.',
  ),
  'quota-has-confirmed': {
    vi: (p) =>
      `Không thể bỏ chỉ tiêu của ${list((p.provinces as { provinceName: string }[] | undefined)?.map((x) => x.provinceName))} vì đã có người được xác nhận. Giữ chỉ tiêu, hoặc rút/từ chối các đăng ký đó trước.`,
    en: (p) =>
      `Cannot remove the quota of ${list((p.provinces as { provinceName: string }[] | undefined)?.map((x) => x.provinceName))}: people of it are confirmed. Keep its quota, or withdraw or reject those registrations first.`,
  },
  'no-place': text(
    'Không còn chỗ trong chỉ tiêu của tỉnh; đăng ký vẫn ở danh sách chờ.',
    "No place is free in the province's quota; the registration stays waitlisted.",
  ),
  'illegal-transition': text(
    'Trạng thái hiện tại của đăng ký không cho phép thao tác này.',
    'The current status does not allow this action.',
  ),
  'stale-version': text(
    'Bản ghi đã được người khác sửa trong lúc bạn xem. Tải lại rồi sửa lại.',
    'Someone changed this meanwhile; reload it and apply your change again.',
  ),
  'import-already-accepted': {
    vi: (p) =>
      `Bản đề xuất này đã được chấp nhận (hội nghị, lớp tập huấn ${p.sessionId}); mở hội nghị đó để chỉnh sửa tiếp.`,
    en: (p) => `This import was already accepted (session ${p.sessionId}); edit that session instead.`,
  },
  'slug-taken': text(
    'Đường dẫn rút gọn (slug) này đã được dùng. Chọn slug khác hoặc để trống để hệ thống tự đặt.',
    'This slug is taken; choose another, or leave it out to have one derived.',
  ),
  'bulk-rows-invalid': {
    vi: (p) =>
      `Tệp có ${(p.rowErrors as unknown[] | undefined)?.length ?? 0} lỗi; chưa ai được đăng ký. Sửa các dòng được nêu rồi tải lại cả tệp.`,
    en: (p) =>
      `${(p.rowErrors as unknown[] | undefined)?.length ?? 0} problem(s) in the uploaded file; nothing was registered. Correct the rows listed and upload the whole file again.`,
  },
  'csv-malformed': {
    vi: (p) =>
      p.csvError === 'CSV_QUOTE_NOT_CLOSED'
        ? `Dấu ngoặc kép (") mở ở dòng ${p.line} không được đóng. Đóng hoặc xóa dấu ngoặc đó rồi tải lên lại.`
        : `Không đọc được tệp CSV ở dòng ${p.line}. Lưu lại dưới dạng CSV UTF-8 hoặc .xlsx rồi tải lên lại.`,
    en: (p) =>
      p.csvError === 'CSV_QUOTE_NOT_CLOSED'
        ? `The quote (") opened in the row starting on line ${p.line} is never closed; close it or remove it, then upload again.`
        : `The CSV file cannot be read at line ${p.line}; save it as "CSV UTF-8" or .xlsx and upload it again.`,
  },
  'file-encoding-unsupported': {
    vi: (p) =>
      p.encoding === 'UTF-16'
        ? 'Tệp được mã hóa UTF-16 ("Unicode text" của Excel). Lưu lại dưới dạng CSV UTF-8 hoặc .xlsx rồi tải lên lại.'
        : 'Tệp không phải văn bản UTF-8 (có thể là Windows-1258, TCVN3 hoặc bảng mã khác). Lưu lại dưới dạng CSV UTF-8 hoặc .xlsx rồi tải lên lại.',
    en: (p) =>
      p.encoding === 'UTF-16'
        ? 'This file is encoded as UTF-16 (Excel\'s "Unicode text"). Save it as "CSV UTF-8" or as .xlsx, then upload it again.'
        : 'This file is not UTF-8 text (probably Windows-1258, TCVN3 or another Vietnamese code page). Save it as "CSV UTF-8" or as .xlsx, then upload it again.',
  },
  'xls-not-supported': text(
    'Đây là tệp Excel 97-2003 (.xls), hệ thống không đọc được. Mở bằng Excel, lưu lại dưới dạng CSV UTF-8 hoặc .xlsx rồi tải lên lại.',
    'This is an Excel 97-2003 workbook (.xls), which cannot be read. Open it in Excel and save it as .xlsx or as "CSV UTF-8", then upload it again.',
  ),
  'file-unreadable': text(
    'Không đọc được tệp như một bảng tính Excel. Lưu lại dưới dạng .xlsx hoặc CSV UTF-8 rồi tải lên lại.',
    'The file cannot be read as an Excel workbook; save it again as .xlsx or as "CSV UTF-8".',
  ),
  'file-too-large-unpacked': text(
    'Tệp Excel khi giải nén quá lớn so với một danh sách đăng ký. Chỉ giữ trang danh sách (theo mẫu) rồi tải lên lại.',
    'The workbook unpacks to far more than a list of delegates; keep only the list sheet (the template) and upload it again.',
  ),
  'too-many-rows': {
    vi: (p) => `Tệp có hơn ${p.maxRows} dòng dữ liệu. Chia thành nhiều tệp, mỗi tệp tối đa ${p.maxRows} dòng.`,
    en: (p) => `The file has more than ${p.maxRows} data rows; split it into files of at most ${p.maxRows} rows.`,
  },
  'too-many-columns': {
    vi: (p) => `Dòng tiêu đề có hơn ${p.maxColumns} cột. Dùng đúng các cột của tệp mẫu.`,
    en: (p) => `The header row has more than ${p.maxColumns} columns; use the template's columns.`,
  },
  'uploads-busy': text(
    'Hệ thống đang đọc nhiều tệp cùng lúc. Hãy tải lên lại sau vài giây.',
    'Too many files are being read right now; upload again in a few seconds.',
  ),
};

/**
 * Field messages by validation constraint (class-validator's names), with the decorator's
 * arguments. `constraint:property` entries say more where a field has a known format.
 * English keeps class-validator's wording unless an entry here says what to do instead.
 */
export const FIELD_MESSAGES: Record<
  string,
  Partial<Localised<{ args: unknown[] }>> & { vi: (p: { args: unknown[] }) => string }
> = {
  isDefined: { vi: () => 'là bắt buộc' },
  isString: { vi: () => 'phải là chuỗi ký tự' },
  isInt: { vi: () => 'phải là số nguyên' },
  isBoolean: { vi: () => 'phải là true hoặc false' },
  isArray: { vi: () => 'phải là một danh sách' },
  isEmail: { vi: () => 'phải là địa chỉ email, ví dụ ten@coquan.gov.vn' },
  isUrl: { vi: () => 'phải là một địa chỉ đầy đủ, bắt đầu bằng http:// hoặc https://' },
  min: { vi: ({ args }) => `không được nhỏ hơn ${args[0]}` },
  max: { vi: ({ args }) => `không được lớn hơn ${args[0]}` },
  minLength: { vi: ({ args }) => `phải có ít nhất ${args[0]} ký tự` },
  maxLength: { vi: ({ args }) => `không được dài quá ${args[0]} ký tự` },
  arrayMaxSize: { vi: ({ args }) => `có tối đa ${args[0]} phần tử` },
  arrayMinSize: { vi: ({ args }) => `phải có ít nhất ${args[0]} phần tử` },
  arrayUnique: { vi: () => 'không được có phần tử trùng nhau' },
  isIn: { vi: ({ args }) => `phải là một trong các giá trị: ${list(args[0])}` },
  matches: { vi: () => 'không đúng định dạng' },
  isDateString: {
    vi: () => 'phải là ngày theo định dạng YYYY-MM-DD, ví dụ 2026-03-10',
    en: () => 'must be a date in the format YYYY-MM-DD, e.g. 2026-03-10',
  },
  isISO8601: {
    vi: () => 'phải là ngày giờ theo định dạng YYYY-MM-DDTHH:mm kèm múi giờ, ví dụ 2026-03-10T08:00:00+07:00',
    en: () => 'must be a date-time in the format YYYY-MM-DDTHH:mm with an offset, e.g. 2026-03-10T08:00:00+07:00',
  },
  whitelistValidation: { vi: () => 'không phải trường được chấp nhận; bỏ trường này đi' },
  nestedValidation: { vi: () => 'phải là một đối tượng hoặc danh sách' },
  unknownValue: { vi: () => 'không hợp lệ' },
  'matches:phone': { vi: () => 'phải là số điện thoại, ví dụ 0912 345 678 hoặc +84 912 345 678' },
  'matches:slug': { vi: () => 'phải gồm chữ thường không dấu, số và dấu gạch nối, ví dụ tap-huan-2026' },
  'matches:startsAt': { vi: () => 'phải là giờ theo định dạng HH:MM, ví dụ 08:00' },
  'matches:endsAt': { vi: () => 'phải là giờ theo định dạng HH:MM, ví dụ 11:30' },
  'matches:code': { vi: () => 'không phải mã điểm danh hợp lệ' },
  'matches:action': { vi: () => 'phải là tên thao tác, ví dụ session.updated, hoặc một loại, ví dụ session.' },
  required: { vi: () => 'là bắt buộc', en: () => 'is required' },
  'phone-or-email': { vi: () => 'cần có số điện thoại hoặc email', en: () => 'phone or email is required' },
};

Object.assign(FIELD_MESSAGES, {
  'not-clearable': {
    vi: () => 'không thể để trống: bỏ trường này ra khỏi yêu cầu để giữ giá trị cũ',
    en: () => 'cannot be cleared: leave it out to keep it',
  },
  'same-person-as-row': {
    vi: ({ args }: { args: unknown[] }) => `trùng người với dòng ${args[0]}; xóa một trong hai dòng`,
    en: ({ args }: { args: unknown[] }) => `the same person as row ${args[0]}`,
  },
  'already-registered': {
    vi: () => 'người này đã được đăng ký cho hội nghị này; xóa dòng này',
    en: () => 'this person is already registered for this session',
  },
  'column-missing': {
    vi: () => 'thiếu cột này ở dòng tiêu đề; dùng tệp mẫu',
    en: () => 'column is missing from the header row',
  },
  'province-merged': {
    vi: ({ args }: { args: unknown[] }) => `${args[0]} đã hợp nhất vào ${args[1]} từ ${args[2]}; dùng ${args[1]}`,
    en: ({ args }: { args: unknown[] }) => `${args[0]} was merged into ${args[1]} on ${args[3]}; use ${args[1]}`,
  },
  'province-not-invited': {
    vi: ({ args }: { args: unknown[] }) => `${args[0]} chưa được mời dự hội nghị này; mời tỉnh trước rồi đặt chỉ tiêu`,
    en: ({ args }: { args: unknown[] }) => `province ${args[0]} is not invited to this session; invite it first`,
  },
  'file-empty': { vi: () => 'tệp không có dữ liệu', en: () => 'the file is empty' },
  'nobody-listed': { vi: () => 'tệp không có ai để đăng ký', en: () => 'the file lists nobody to register' },
  'example-row': { vi: () => 'dòng ví dụ của tệp mẫu', en: () => 'example row of the template' },
  'file-missing': {
    vi: () => 'gửi tệp CSV hoặc XLSX: làm nội dung yêu cầu, hoặc trong trường "file" của biểu mẫu multipart/form-data',
    en: () =>
      'send a CSV (text/csv) or XLSX file, as the request body or as the "file" field of a multipart/form-data form',
  },
});

// Citations (issue 16): a quote is checked against the paragraph of the source it cites.
Object.assign(FIELD_MESSAGES, {
  'source-unknown': {
    vi: ({ args }: { args: unknown[] }) => `nguồn ${args[0]} không tồn tại; thêm nguồn trước (POST /sources)`,
    en: ({ args }: { args: unknown[] }) => `source ${args[0]} does not exist; add it first (POST /sources)`,
  },
  'paragraph-out-of-range': {
    vi: ({ args }: { args: unknown[] }) => `nguồn ${args[0]} chỉ có ${args[1]} đoạn`,
    en: ({ args }: { args: unknown[] }) => `source ${args[0]} has ${args[1]} paragraphs`,
  },
  'quote-required': {
    vi: () => 'là bắt buộc: nguồn này có văn bản, hãy chép nguyên văn câu trích',
    en: () => 'is required: the source text is on file, copy the words it says',
  },
  'quote-not-in-paragraph': {
    vi: ({ args }: { args: unknown[] }) =>
      `không có trong đoạn ${args[0]} của nguồn ${args[1]}; chép đúng nguyên văn từ đoạn đó`,
    en: ({ args }: { args: unknown[] }) =>
      `is not in paragraph ${args[0]} of source ${args[1]}; copy the words exactly`,
  },
});

// Organiser grants bound to an organisation (issue 16, item 8).
Object.assign(FIELD_MESSAGES, {
  'organisation-unknown': {
    vi: ({ args }: { args: unknown[] }) => `tổ chức ${args[0]} không tồn tại`,
    en: ({ args }: { args: unknown[] }) => `organisation ${args[0]} does not exist`,
  },
  'organisation-only-for-organisers': {
    vi: () => 'chỉ dùng cho quyền ban tổ chức (organiser), không kèm sessionId',
    en: () => 'is only allowed for an organiser grant, without sessionId',
  },
  'own-organisation-kept': {
    vi: ({ args }: { args: unknown[] }) => `phải giữ tổ chức của bạn (${args[0]}) trong ban tổ chức`,
    en: ({ args }: { args: unknown[] }) => `must keep your organisation (${args[0]}) among the organisers`,
  },
});

// Accepting an imported report (issue 20): the review points at facts of the stored proposal.
Object.assign(FIELD_MESSAGES, {
  'exclude-malformed': {
    vi: () => 'phải có dạng <danh sách>/<số thứ tự>, ví dụ presenters/1, hoặc invitation',
    en: () => 'must be <list>/<index>, e.g. presenters/1, or invitation',
  },
  'exclude-missing': {
    vi: () => 'bản đề xuất không có thông tin mời dự',
    en: () => 'the proposal has no invitation',
  },
  'exclude-out-of-range': {
    vi: ({ args }: { args: unknown[] }) => `bản đề xuất chỉ có ${args[0]} mục ${args[1]} (đánh số từ 0)`,
    en: ({ args }: { args: unknown[] }) => `the proposal has ${args[0]} ${args[1]} (numbered from 0)`,
  },
  'ends-before-start': {
    vi: () => 'không được trước ngày bắt đầu (startsOn)',
    en: () => 'must not be before startsOn',
  },
});
