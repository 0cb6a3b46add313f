import './coordinator.css';
import { Input, Select, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { RequireRole } from '../registration/RequireRole';
import { formatInstant } from '../shared/format';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { refusalText } from './desk/useScanQueue';
import { ExportButtons } from './ExportButtons';
import { PartPicker, pickDefaultPart } from './PartPicker';
import {
  DESK_ROLES,
  RECORD_STATUSES,
  standingByRegistration,
  useDeskSession,
  usePartAttendance,
  useParts,
  useRoster,
  type PartAttendance,
  type Registration,
} from './queries';
import { byGivenName, matches, text } from './search';

export default function AttendancePage() {
  return (
    <RequireRole role={DESK_ROLES}>
      <Attendance sessionId={Number(useParams().id)} />
    </RequireRole>
  );
}

interface Row {
  key: string;
  fullName: string;
  province: string;
  provinceId: number | null;
  agency: string;
  status: string;
  walkIn: boolean;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  note: string;
}

function rowsOf(roster: Registration[], attendance: PartAttendance | undefined): Row[] {
  const records = attendance?.records ?? [];
  const standing = standingByRegistration(records);
  const registered: Row[] = roster.map((person) => {
    const record = standing.get(person.id);
    return {
      key: `r${person.id}`,
      fullName: person.fullName,
      province: person.provinceName,
      provinceId: person.provinceId,
      agency: person.agency,
      status: record?.status ?? 'not_recorded',
      walkIn: false,
      checkedInAt: text(record?.checkedInAt) || null,
      checkedOutAt: text(record?.checkedOutAt) || null,
      note: text(record?.reason),
    };
  });
  const walkIns: Row[] = records
    .filter((record) => record.walkInId != null && !record.undoneAt)
    .map((record) => ({
      key: `w${record.id}`,
      fullName: record.fullName,
      province: '',
      provinceId: null,
      agency: '',
      status: record.status,
      walkIn: true,
      checkedInAt: text(record.checkedInAt) || null,
      checkedOutAt: text(record.checkedOutAt) || null,
      note: 'Khách không đăng ký trước',
    }));
  return [...registered, ...walkIns].sort(
    (a, b) => a.province.localeCompare(b.province, 'vi') || byGivenName(a.fullName, b.fullName),
  );
}

function Attendance({ sessionId }: { sessionId: number }) {
  const session = useDeskSession(sessionId);
  const parts = useParts(sessionId);
  const roster = useRoster(sessionId);
  const [search, setSearch] = useSearchParams();
  const chosen = Number(search.get('buoi')) || (parts.data ? pickDefaultPart(parts.data)?.id : undefined);
  const attendance = usePartAttendance(sessionId, chosen);
  const [province, setProvince] = useState<number | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [query, setQuery] = useState('');
  usePageTitle(session.data ? `Danh sách điểm danh: ${session.data.title}` : 'Danh sách điểm danh');
  const rows = useMemo(() => rowsOf(roster.data ?? [], attendance.data), [roster.data, attendance.data]);

  const failed = session.error ?? parts.error ?? roster.error ?? attendance.error;
  if (failed) return <ErrorState error={failed} onRetry={() => void attendance.refetch()} />;
  // Without the chosen part's records every row would read "Chưa điểm danh": wait for them too.
  if (!session.data || !parts.data || !roster.data || (chosen !== undefined && !attendance.data)) return <Loading />;

  const provinces = [...new Map(rows.filter((r) => r.provinceId).map((r) => [r.provinceId!, r.province]))];
  const shown = rows.filter(
    (row) =>
      (!province || row.provinceId === province) &&
      (!status || (status === 'walk_in' ? row.walkIn : row.status === status)) &&
      matches(query, [row.fullName, row.agency, row.province]),
  );
  const failedScans = attendance.data?.failedScans ?? [];
  const columns: ColumnsType<Row> = [
    { title: 'Họ và tên', dataIndex: 'fullName', render: (name: string) => <strong>{name}</strong> },
    { title: 'Tỉnh, thành phố', dataIndex: 'province' },
    { title: 'Cơ quan', dataIndex: 'agency' },
    {
      title: 'Trạng thái',
      dataIndex: 'status',
      render: (value: string, row) => (
        <Tag className={`attendance-${value}`}>
          {RECORD_STATUSES[value] ?? value}
          {row.walkIn ? ' (khách)' : ''}
        </Tag>
      ),
    },
    { title: 'Giờ đến', dataIndex: 'checkedInAt', render: (at: string | null) => (at ? formatInstant(at) : '') },
    { title: 'Giờ về', dataIndex: 'checkedOutAt', render: (at: string | null) => (at ? formatInstant(at) : '') },
    { title: 'Ghi chú', dataIndex: 'note' },
  ];

  return (
    <>
      <Typography.Title level={1}>Danh sách điểm danh</Typography.Title>
      <p>
        {session.data.title} · <Link to={`/dieu-phoi/phien/${sessionId}/diem-danh`}>Bàn điểm danh</Link> ·{' '}
        <Link to={`/dieu-phoi/phien/${sessionId}/thong-ke`}>Thống kê</Link>
      </p>
      {parts.data.length > 0 && (
        <PartPicker
          parts={parts.data}
          value={chosen}
          onChange={(id) => setSearch({ buoi: String(id) }, { replace: true })}
        />
      )}
      <section className="section" aria-labelledby="xuat-file">
        <h2 id="xuat-file">Xuất danh sách</h2>
        <p className="muted">Cả hội nghị (mọi buổi), theo bộ lọc tỉnh và trạng thái đang chọn.</p>
        <ExportButtons
          label="Xuất cả hội nghị"
          sessionId={sessionId}
          provinceId={province}
          status={status === 'walk_in' ? undefined : status}
        />
        {chosen && (
          <>
            <p className="muted">Chỉ buổi đang chọn:</p>
            <ExportButtons
              label="Xuất buổi đang chọn"
              sessionId={sessionId}
              partId={chosen}
              provinceId={province}
              status={status === 'walk_in' ? undefined : status}
            />
          </>
        )}
      </section>
      <Tabs
        items={[
          {
            key: 'records',
            label: `Điểm danh (${rows.length})`,
            children: (
              <>
                <div className="filters">
                  <label>
                    Tỉnh, thành phố
                    <Select
                      allowClear
                      aria-label="Lọc theo tỉnh, thành phố"
                      value={province}
                      onChange={setProvince}
                      options={provinces.map(([id, name]) => ({ value: id, label: name }))}
                      placeholder="Tất cả"
                    />
                  </label>
                  <label>
                    Trạng thái
                    <Select
                      allowClear
                      aria-label="Lọc theo trạng thái"
                      value={status}
                      onChange={setStatus}
                      placeholder="Tất cả"
                      options={[
                        ...Object.entries(RECORD_STATUSES).map(([value, label]) => ({ value, label })),
                        { value: 'walk_in', label: 'Khách không đăng ký' },
                      ]}
                    />
                  </label>
                  <label>
                    Tìm
                    <Input
                      allowClear
                      aria-label="Tìm trong danh sách theo tên hoặc cơ quan"
                      value={query}
                      onChange={(event) => setQuery(event.target.value)}
                    />
                  </label>
                </div>
                <p role="status" className="muted">
                  {shown.length} / {rows.length} người
                </p>
                <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng điểm danh">
                  <Table<Row>
                    size="small"
                    rowKey="key"
                    columns={columns}
                    dataSource={shown}
                    pagination={{ pageSize: 50, hideOnSinglePage: true }}
                    aria-label="Danh sách điểm danh của buổi"
                  />
                </div>
              </>
            ),
          },
          {
            key: 'failed',
            label: `Lượt quét bị từ chối (${failedScans.length})`,
            children:
              failedScans.length === 0 ? (
                <p>Không có lượt quét nào bị từ chối.</p>
              ) : (
                <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng lượt quét bị từ chối">
                  <table className="number-table" aria-label="Lượt quét bị từ chối">
                    <thead>
                      <tr>
                        <th scope="col">Lúc</th>
                        <th scope="col">Mã (đầu)</th>
                        <th scope="col">Lý do</th>
                      </tr>
                    </thead>
                    <tbody>
                      {failedScans.map((scan, index) => (
                        <tr key={index}>
                          <td>{formatInstant(text(scan.scannedAt) || scan.recordedAt)}</td>
                          <td>
                            <code>{scan.presented}…</code>
                          </td>
                          <td>{refusalText(scan.reason)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ),
          },
        ]}
      />
    </>
  );
}
