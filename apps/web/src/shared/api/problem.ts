import type { components } from './schema';

export type Problem = components['schemas']['Problem'];
export interface FieldProblem {
  path: string;
  message: string;
}

/** A refused request: the API's problem+json, kept whole so screens can place field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    /** The API answered in Vietnamese (Content-Language: vi): its own texts can be shown as they are. */
    readonly inVietnamese: boolean,
  ) {
    super(problem?.detail ?? `HTTP ${status}`);
  }

  get code(): string | null {
    const type = this.problem?.type;
    return type ? (type.split('/').pop() ?? null) : null;
  }

  get fieldErrors(): FieldProblem[] {
    const errors = (this.problem?.errors ?? []) as Partial<FieldProblem>[];
    return errors.filter((e): e is FieldProblem => typeof e.path === 'string' && typeof e.message === 'string');
  }
}

/** The request never got an answer (offline, server down, connection cut). */
export class NetworkError extends Error {
  constructor() {
    super('network');
  }
}

const BY_STATUS: Record<number, string> = {
  400: 'Thông tin gửi lên chưa hợp lệ. Vui lòng kiểm tra lại.',
  401: 'Phiên đăng nhập đã hết hạn hoặc thông tin đăng nhập không đúng.',
  403: 'Bạn không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy nội dung yêu cầu.',
  409: 'Thao tác xung đột với dữ liệu hiện có. Vui lòng tải lại và thử lại.',
  413: 'Tệp hoặc dữ liệu gửi lên quá lớn.',
  415: 'Định dạng tệp không được hỗ trợ.',
  422: 'Yêu cầu không thể thực hiện với dữ liệu hiện tại.',
  429: 'Bạn thao tác quá nhanh. Vui lòng chờ một lát rồi thử lại.',
};

const BY_CODE: Record<string, string> = {
  'invalid-credentials': 'Email hoặc mật khẩu không đúng.',
  'invalid-refresh-token': 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
  'quota-full': 'Tỉnh đã hết chỉ tiêu cho hội nghị này.',
  'registration-closed': 'Hội nghị hiện không nhận đăng ký.',
  'rate-limited': 'Bạn thao tác quá nhanh. Vui lòng chờ một lát rồi thử lại.',
};

/** The one Vietnamese sentence shown for a failed request. */
export function errorMessage(error: unknown): string {
  if (error instanceof NetworkError) return 'Không kết nối được với máy chủ. Kiểm tra mạng rồi thử lại.';
  if (error instanceof ApiError) {
    if (error.inVietnamese && error.problem?.detail) return error.problem.detail;
    const code = error.code;
    if (code && BY_CODE[code]) return BY_CODE[code];
    if (error.status >= 500) return 'Máy chủ đang gặp sự cố. Vui lòng thử lại sau ít phút.';
    return BY_STATUS[error.status] ?? 'Yêu cầu không thực hiện được.';
  }
  return 'Đã có lỗi không mong muốn. Vui lòng tải lại trang.';
}

/**
 * A field error in Vietnamese. The API answers in Vietnamese when it can (Accept-Language: vi);
 * until it does, the usual class-validator sentences are translated here and others kept.
 */
export function fieldMessage(field: FieldProblem, inVietnamese: boolean, label: string): string {
  if (inVietnamese) return field.message;
  const m = field.message;
  let match: RegExpMatchArray | null;
  if (/phone or email is required/.test(m)) return 'Cần nhập số điện thoại hoặc email để liên hệ.';
  if (/should not be empty|must not be empty|is required/.test(m)) return `Vui lòng nhập ${label.toLowerCase()}.`;
  if (/must be an email/.test(m)) return 'Địa chỉ email không hợp lệ.';
  if ((match = m.match(/longer than or equal to (\d+)/))) return `${label} cần ít nhất ${match[1]} ký tự.`;
  if ((match = m.match(/shorter than or equal to (\d+)/))) return `${label} không được quá ${match[1]} ký tự.`;
  if (/phone/i.test(m)) return 'Số điện thoại không hợp lệ.';
  if (/must be one of the following values/.test(m)) return `${label}: giá trị không hợp lệ.`;
  if (/should not exist/.test(m)) return `Trường ${label.toLowerCase()} không được phép.`;
  return `${label}: ${m}`;
}
