import { Spin } from 'antd';

export function Loading({ label = 'Đang tải…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <Spin />
      <span>{label}</span>
    </div>
  );
}
