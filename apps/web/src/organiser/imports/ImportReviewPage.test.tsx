import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The API client builds requests to '/api/…'; Node's Request (under jsdom) takes absolute URLs
// only: resolved against the page, as a browser does. Before the client module is loaded.
vi.hoisted(() => {
  const NodeRequest = globalThis.Request;
  globalThis.Request = class extends NodeRequest {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      super(typeof input === 'string' ? new URL(input, window.location.href) : input, init);
    }
  };
});
import { Review } from './ImportReviewPage';
import { proposal } from './proposal.fixture';
import type { StoredImport } from './types';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The review of `p` against a fake API: provinces, and an accept that records its body. */
function renderReview(p: StoredImport) {
  const accepted: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      if (url.pathname === '/api/v1/provinces')
        return json(200, {
          items: [{ id: 12, name: 'Phú Thọ', kind: 'province', regionId: 1, regionName: 'Bắc' }],
          page: { total: 1, limit: 100, offset: 0 },
        });
      if (url.pathname === `/api/v1/imports/${p.id}/accept`) {
        accepted.push(await input.json());
        return json(200, {
          ...p,
          status: 'accepted',
          sessionId: 41,
          acceptedAs: 'further_source',
          acceptedAt: p.createdAt,
        });
      }
      return json(404, { status: 404 });
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(['import', p.id], p);
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <Review proposal={p} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return accepted;
}

const sameEvent: StoredImport['sameEventAs'] = {
  session: { id: '41', slug: 'hn-41', name: 'Hội nghị tập huấn tháng 11', isNew: false },
  score: 0.85,
  adds: ['counts'],
  agrees: ['date'],
  conflicts: ['venue'],
};

describe('the review of an imported report', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('marks the quotes in the numbered article and says what the report does not give', () => {
    renderReview(proposal({ bridgePoints: [] }));
    const article = screen.getByRole('region', { name: 'Bài báo' });
    const marks = [...article.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toContain('Sáng 9/11');
    expect(marks).toContain('hơn 150 đại biểu');
    expect(within(screen.getByRole('region', { name: 'Điểm cầu' })).getByText('Không có trong bài')).toBeVisible();
    expect(screen.queryByText(/độ tin cậy thấp|không tả một hội nghị/)).toBeNull();
  });

  it('warns about a report that is not a training, or read with little confidence', () => {
    renderReview(proposal({ isTraining: false, confidence: 0.3 }));
    expect(screen.getByText('Bài này có vẻ không tả một hội nghị tập huấn')).toBeVisible();
  });

  it('offers the existing session, lists what the report adds and contradicts, and a new draft sends null', async () => {
    const accepted = renderReview(proposal({ sameEventAs: sameEvent }));
    expect(screen.getByText(/Bài này có vẻ tả phiên đã có/)).toBeVisible();
    expect(screen.getByRole('link', { name: 'Hội nghị tập huấn tháng 11' })).toHaveAttribute(
      'href',
      '/quan-ly/phien/41',
    );
    expect(screen.getByText(/Bài bổ sung/)).toHaveTextContent('Số liệu');
    expect(screen.getByText(/Khác với phiên/)).toHaveTextContent('Địa điểm');
    fireEvent.click(screen.getByRole('radio', { name: 'Tạo phiên nháp mới' }));
    fireEvent.click(screen.getByRole('checkbox', { name: /^Giữ: Số đại biểu/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Chấp nhận' }));
    await waitFor(() => expect(accepted).toEqual([{ exclude: ['counts/0'], mergeIntoSessionId: null }]));
  });

  it('following the proposed session sends no merge field', async () => {
    const accepted = renderReview(proposal({ sameEventAs: sameEvent }));
    fireEvent.click(screen.getByRole('button', { name: 'Chấp nhận' }));
    await waitFor(() => expect(accepted).toEqual([{}]));
  });

  it('an accepted import shows its state and links its session instead of the accept button', () => {
    renderReview(
      proposal({ status: 'accepted', sessionId: 41, acceptedAs: 'new_session', acceptedAt: '2026-11-10T02:00:00Z' }),
    );
    expect(screen.getByText('Đã chấp nhận: đã tạo phiên nháp mới từ bài.')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Mở phiên trong trang quản lý' })).toHaveAttribute(
      'href',
      '/quan-ly/phien/41',
    );
    expect(screen.queryByRole('button', { name: 'Chấp nhận' })).toBeNull();
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
  });
});
