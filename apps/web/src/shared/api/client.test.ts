import { afterEach, describe, expect, it, vi } from 'vitest';
import { endSession, getAccessToken, onSessionExpired, startSession } from '../auth/session';
import { apiFetch } from './client';
import { ApiError, NetworkError, errorMessage, fieldMessage } from './problem';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('apiFetch', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    endSession();
  });

  it('sends Accept-Language vi and the bearer token', async () => {
    startSession('token-1');
    const fetch = vi.fn(async (_request: Request) => json(200, {}));
    vi.stubGlobal('fetch', fetch);
    await apiFetch(new Request('http://localhost/api/v1/sessions'));
    const sent = fetch.mock.calls[0][0];
    expect(sent.headers.get('accept-language')).toBe('vi');
    expect(sent.headers.get('authorization')).toBe('Bearer token-1');
  });

  it('on a 401 refreshes once by cookie and retries with the new token', async () => {
    startSession('expired');
    const fetch = vi.fn(async (input: Request | string) => {
      const url = typeof input === 'string' ? input : input.url;
      if (url.endsWith('/api/v1/auth/refresh')) return json(200, { accessToken: 'fresh' });
      const auth = (input as Request).headers.get('authorization');
      return auth === 'Bearer fresh' ? json(200, { ok: true }) : json(401, { status: 401 });
    });
    vi.stubGlobal('fetch', fetch);
    const response = await apiFetch(new Request('http://localhost/api/v1/auth/me'));
    expect(response.status).toBe(200);
    expect(getAccessToken()).toBe('fresh');
    expect(
      fetch.mock.calls.filter(([input]) => String(typeof input === 'string' ? input : input.url).endsWith('/refresh')),
    ).toHaveLength(1);
  });

  it('when the refresh fails too, ends the session and says so once', async () => {
    startSession('expired');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(401, { status: 401 })),
    );
    const expired = vi.fn();
    const stop = onSessionExpired(expired);
    const response = await apiFetch(new Request('http://localhost/api/v1/auth/me'));
    stop();
    expect(response.status).toBe(401);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(getAccessToken()).toBeNull();
  });

  it('turns a failed connection into a NetworkError with a Vietnamese message', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const failure = await apiFetch(new Request('http://localhost/api/v1/sessions')).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(NetworkError);
    expect(errorMessage(failure)).toBe('Không kết nối được với máy chủ. Kiểm tra mạng rồi thử lại.');
  });
});

describe('problem messages', () => {
  it('are Vietnamese by status and by type, and use the API text when it answered in Vietnamese', () => {
    expect(errorMessage(new ApiError(403, null, false))).toBe('Bạn không có quyền thực hiện thao tác này.');
    expect(errorMessage(new ApiError(503, null, false))).toMatch(/^Máy chủ đang gặp sự cố/);
    const problem = { type: 'https://x/problems/invalid-credentials', title: 'Unauthorized', status: 401, detail: 'x' };
    expect(errorMessage(new ApiError(401, problem, false))).toBe('Email hoặc mật khẩu không đúng.');
    expect(errorMessage(new ApiError(409, { ...problem, detail: 'Đã có người sửa trước.' }, true))).toBe(
      'Đã có người sửa trước.',
    );
  });

  it('translate the usual field errors', () => {
    expect(fieldMessage({ path: 'email', message: 'email must be an email' }, false, 'Email')).toBe(
      'Địa chỉ email không hợp lệ.',
    );
    expect(fieldMessage({ path: 'phone', message: 'phone or email is required' }, false, 'Điện thoại')).toBe(
      'Cần nhập số điện thoại hoặc email để liên hệ.',
    );
    expect(fieldMessage({ path: 'x', message: 'thông điệp' }, true, 'X')).toBe('thông điệp');
  });
});
