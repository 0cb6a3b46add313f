import type { Settings } from './queries';

/** My province's quota and where it stands; "còn lại" is what a new registration can still take. */
export function QuotaSummary({ settings, provinceId }: { settings: Settings; provinceId: number | null }) {
  const quota = settings.quotas.find((q) => q.provinceId === provinceId);
  if (!quota) return <p>Tỉnh của bạn chưa được phân chỉ tiêu cho hội nghị này.</p>;
  const left = Math.max(0, quota.quota - quota.confirmed - quota.pending);
  return (
    <dl className="facts quota" aria-label="Chỉ tiêu của tỉnh">
      <div>
        <dt>Chỉ tiêu:</dt>
        <dd>{quota.quota}</dd>
      </div>
      <div>
        <dt>Đã xác nhận:</dt>
        <dd>{quota.confirmed}</dd>
      </div>
      <div>
        <dt>Danh sách chờ:</dt>
        <dd>{quota.waitlisted}</dd>
      </div>
      <div>
        <dt>Chờ duyệt:</dt>
        <dd>{quota.pending}</dd>
      </div>
      <div>
        <dt>Còn lại:</dt>
        <dd>{left}</dd>
      </div>
    </dl>
  );
}
