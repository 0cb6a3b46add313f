import '../coordinator.css';
import { Select, Switch, Typography } from 'antd';
import { useId, useState } from 'react';
import { RequireRole } from '../../registration/RequireRole';
import { ErrorState } from '../../shared/ui/ErrorState';
import { Loading } from '../../shared/ui/Loading';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { DESK_ROLES, useProvinceStatistics, type ProvinceYear } from '../queries';

const METRICS = {
  trainingsInvited: 'Số hội nghị được mời',
  trainingsWithRegistrations: 'Số hội nghị có đăng ký',
  peopleConfirmed: 'Số người được xác nhận',
  peopleAttended: 'Số người có mặt',
} as const;
type Metric = keyof typeof METRICS;

/** Five shades, each with a text colour that keeps WCAG AA contrast on it. */
const SHADES = [
  { background: '#ffffff', color: '#1f1f1f' },
  { background: '#deebf7', color: '#1f1f1f' },
  { background: '#9ecae1', color: '#1f1f1f' },
  { background: '#2166ac', color: '#ffffff' },
  { background: '#08306b', color: '#ffffff' },
];

export default function ProvinceYearsPage() {
  usePageTitle('Thống kê theo tỉnh, thành phố qua các năm');
  return (
    <RequireRole role={DESK_ROLES}>
      <ProvinceYears />
    </RequireRole>
  );
}

/** Provinces × years as a heat table: a real table (readable as such), shaded by the value. */
function ProvinceYears() {
  const [rollUp, setRollUp] = useState(true);
  const [metric, setMetric] = useState<Metric>('peopleAttended');
  const switchId = useId();
  const stats = useProvinceStatistics(rollUp);
  return (
    <>
      <Typography.Title level={1}>Thống kê theo tỉnh, thành phố qua các năm</Typography.Title>
      <div className="filters">
        <label>
          Số liệu
          <Select
            aria-label="Số liệu"
            value={metric}
            onChange={setMetric}
            options={Object.entries(METRICS).map(([value, label]) => ({ value, label }))}
          />
        </label>
        <span className="switch-field">
          <Switch id={switchId} checked={rollUp} onChange={setRollUp} />
          <label htmlFor={switchId}>Gộp các đơn vị cũ vào đơn vị hành chính 2025</label>
        </span>
      </div>
      {stats.isError ? (
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      ) : !stats.data ? (
        <Loading />
      ) : (
        <HeatTable rows={stats.data} metric={metric} rollUp={rollUp} />
      )}
    </>
  );
}

function HeatTable({ rows, metric, rollUp }: { rows: ProvinceYear[]; metric: Metric; rollUp: boolean }) {
  const years = [...new Set(rows.map((r) => r.year))].sort();
  const provinces = [...new Map(rows.map((r) => [r.provinceId, r.provinceName]))].sort((a, b) =>
    a[1].localeCompare(b[1], 'vi'),
  );
  const value = new Map(rows.map((r) => [`${r.provinceId}:${r.year}`, r[metric]]));
  const max = Math.max(1, ...rows.map((r) => r[metric]));
  const shade = (n: number) => SHADES[n === 0 ? 0 : Math.min(4, 1 + Math.floor(((n - 1) / max) * 4))];
  if (rows.length === 0) return <p>Chưa có số liệu.</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng theo tỉnh và năm">
      <table className="number-table heat-table">
        <caption>
          {METRICS[metric]} theo tỉnh, thành phố và năm{rollUp ? ' (gộp theo đơn vị 2025)' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Tỉnh, thành phố</th>
            {years.map((year) => (
              <th scope="col" key={year}>
                {year}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {provinces.map(([id, name]) => (
            <tr key={id}>
              <th scope="row">{name}</th>
              {years.map((year) => {
                const n = value.get(`${id}:${year}`) ?? 0;
                return (
                  <td key={year} style={shade(n)}>
                    {n}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
