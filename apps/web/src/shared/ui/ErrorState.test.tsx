import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError } from '../api/problem';
import { ErrorState } from './ErrorState';

describe('ErrorState', () => {
  it('offers a retry after a network failure', async () => {
    const retry = vi.fn();
    render(<ErrorState error={new NetworkError()} onRetry={retry} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Không kết nối được với máy chủ');
    await userEvent.click(screen.getByRole('button', { name: 'Thử lại' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('offers no retry for a refusal that would be refused again', () => {
    render(<ErrorState error={new ApiError(403, null, false)} onRetry={() => undefined} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Bạn không có quyền');
    expect(screen.queryByRole('button', { name: 'Thử lại' })).toBeNull();
  });
});
