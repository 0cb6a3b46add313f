import '../coordinator.css';
import { Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { RequireRole } from '../../registration/RequireRole';
import { ErrorState } from '../../shared/ui/ErrorState';
import { Loading } from '../../shared/ui/Loading';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { useAuth } from '../../shared/auth/AuthProvider';
import { DESK_ROLES, hasUnscopedGrant, useDeskSession, useSessionStatistics } from '../queries';
import { BarsWithTable } from './BarsWithTable';

const percent = (rate: unknown) => (typeof rate === 'number' ? `${Math.round(rate * 1000) / 10}%` : '—');
/** Agencies beyond these are summed in one row: a chart of 200 bars says nothing. */
const TOP_AGENCIES = 15;

export default function SessionStatisticsPage() {
  return (
    <RequireRole role={DESK_ROLES}>
      <SessionStatistics sessionId={Number(useParams().id)} />
    </RequireRole>
  );
}

function SessionStatistics({ sessionId }: { sessionId: number }) {
  const { me } = useAuth();
  const session = useDeskSession(sessionId);
  const statistics = useSessionStatistics(sessionId, 30_000);
  usePageTitle(session.data ? `Thống kê: ${session.data.title}` : 'Thống kê');
  const failed = session.error ?? statistics.error;
  if (failed) return <ErrorState error={failed} onRetry={() => void statistics.refetch()} />;
  if (!session.data || !statistics.data) return <Loading />;
  const stats = statistics.data;
  const agencies = [...stats.byAgency].sort((a, b) => b.confirmed - a.confirmed || a.key.localeCompare(b.key, 'vi'));
  const rest = agencies.slice(TOP_AGENCIES);
  const agencyRows = [
    ...agencies.slice(0, TOP_AGENCIES).map((a) => ({ name: a.key, confirmed: a.confirmed, attended: a.attended })),
    ...(rest.length
      ? [
          {
            name: `${rest.length} cơ quan khác`,
            confirmed: rest.reduce((n, a) => n + a.confirmed, 0),
            attended: rest.reduce((n, a) => n + a.attended, 0),
          },
        ]
      : []),
  ];
  return (
    <>
      <Typography.Title level={1}>Thống kê hội nghị</Typography.Title>
      <p>
        {session.data.title} · <Link to={`/dieu-phoi/phien/${sessionId}/diem-danh`}>Bàn điểm danh</Link> ·{' '}
        <Link to={`/dieu-phoi/phien/${sessionId}/danh-sach`}>Danh sách điểm danh</Link>
        {hasUnscopedGrant(me) && (
          <>
            {' '}
            · <Link to="/thong-ke">Theo tỉnh qua các năm</Link>
          </>
        )}
      </p>
      {stats.cancelled && <p role="status">Hội nghị đã hủy: không tính điểm danh.</p>}
      <dl className="counter-grid" aria-label="Tổng hợp">
        <div className="counter">
          <dt>Tỉnh, thành phố được mời</dt>
          <dd>{stats.invitedProvinces}</dd>
        </div>
        <div className="counter">
          <dt>Đăng ký</dt>
          <dd>{stats.totals.registered}</dd>
        </div>
        <div className="counter">
          <dt>Đã xác nhận</dt>
          <dd>{stats.totals.confirmed}</dd>
        </div>
        <div className="counter">
          <dt>Có mặt (ít nhất một buổi)</dt>
          <dd>{stats.totals.attended}</dd>
        </div>
        <div className="counter">
          <dt>Tỉ lệ có mặt</dt>
          <dd>{percent(stats.totals.attendanceRate)}</dd>
        </div>
      </dl>
      <BarsWithTable
        id="theo-buoi"
        title="Theo buổi"
        nameHeader="Buổi"
        rows={stats.parts.map((p) => ({
          name: p.label,
          present: p.present,
          walkIns: p.walkIns,
          excused: p.excused,
          absent: p.absent,
          headcount: p.bridgePointHeadcount,
        }))}
        series={[
          { key: 'present', label: 'Có mặt', color: '#1d4f91' },
          { key: 'walkIns', label: 'Khách không đăng ký', color: '#6a3d9a' },
          { key: 'excused', label: 'Vắng có phép', color: '#b15928' },
          { key: 'absent', label: 'Vắng', color: '#b42318' },
          { key: 'headcount', label: 'Tại điểm cầu', color: '#33691e' },
        ]}
      />
      <BarsWithTable
        id="theo-tinh"
        title="Theo tỉnh, thành phố (cả tỉnh được mời chưa có ai)"
        nameHeader="Tỉnh, thành phố"
        rows={stats.byProvince.map((p) => ({ name: p.key, confirmed: p.confirmed, attended: p.attended }))}
        series={[
          { key: 'confirmed', label: 'Đã xác nhận', color: '#7aa6d8' },
          { key: 'attended', label: 'Có mặt', color: '#1d4f91' },
        ]}
      />
      <BarsWithTable
        id="theo-co-quan"
        title="Theo cơ quan"
        nameHeader="Cơ quan"
        rows={agencyRows}
        series={[
          { key: 'confirmed', label: 'Đã xác nhận', color: '#7aa6d8' },
          { key: 'attended', label: 'Có mặt', color: '#1d4f91' },
        ]}
      />
    </>
  );
}
