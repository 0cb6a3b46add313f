import { Alert, Button, Checkbox, Form, Input, Popconfirm, Select } from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage } from '../shared/api/problem';
import { formatDate, matchesFolded } from '../shared/format';
import { Loading } from '../shared/ui/Loading';
import { ErrorState } from '../shared/ui/ErrorState';
import { sessionWrites, useProvincesOn, useSessionWrite, type Province, type SessionDetail } from './queries';

interface RegionGroup {
  id: number;
  name: string;
  provinces: Province[];
}

function groupByRegion(provinces: Province[]): RegionGroup[] {
  const groups = new Map<number, RegionGroup>();
  for (const p of provinces) {
    const group = groups.get(p.regionId) ?? { id: p.regionId, name: p.regionName, provinces: [] };
    group.provinces.push(p);
    groups.set(p.regionId, group);
  }
  return [...groups.values()].sort((a, b) => a.id - b.id);
}

/**
 * Whole regions and single provinces on one grouped checklist. The units listed are those in
 * force on the session's first day: 63 before 1/7/2025, 34 from then (the API resolves a region
 * to the same units when it saves).
 */
/** The session's first day; for a session whose date is not known (yet), today's units. */
const unitsDay = (session: SessionDetail) => session.schedule.startsOn ?? new Date().toISOString().slice(0, 10);

export function InvitationsEditor({ session }: { session: SessionDetail }) {
  const provinces = useProvincesOn(unitsDay(session));
  if (provinces.isError) return <ErrorState error={provinces.error} onRetry={() => void provinces.refetch()} />;
  if (!provinces.data) return <Loading />;
  return (
    <>
      <Checklist session={session} provinces={provinces.data.items} />
      <BridgePoints session={session} provinces={provinces.data.items} />
    </>
  );
}

function Checklist({ session, provinces }: { session: SessionDetail; provinces: Province[] }) {
  const day = unitsDay(session);
  const save = useSessionWrite(session.id, sessionWrites.invitations(session.id));
  const groups = useMemo(() => groupByRegion(provinces), [provinces]);
  const [regions, setRegions] = useState<Set<number>>(() => new Set(session.invitedRegions.map((r) => r.id)));
  const [singles, setSingles] = useState<Set<number>>(() => {
    const regionIds = new Set(session.invitedRegions.map((r) => r.id));
    const inRegions = new Set(provinces.filter((p) => regionIds.has(p.regionId)).map((p) => p.id));
    return new Set(session.invitedProvinces.map((p) => p.id).filter((id) => !inRegions.has(id)));
  });
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const invited = new Set([
    ...singles,
    ...groups.filter((g) => regions.has(g.id)).flatMap((g) => g.provinces.map((p) => p.id)),
  ]);
  const toggle = (set: Set<number>, id: number, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };

  const submit = async () => {
    setSaved(false);
    setError(null);
    try {
      await save.mutateAsync({
        regionIds: [...regions],
        provinceIds: [...singles].filter(
          (id) => !groups.some((g) => regions.has(g.id) && g.provinces.some((p) => p.id === id)),
        ),
      });
      setSaved(true);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section aria-labelledby="moi-du">
      <h2 id="moi-du">Tỉnh, thành phố được mời</h2>
      <p>
        Danh sách theo đơn vị hành chính có hiệu lực ngày {formatDate(day)} ({provinces.length} tỉnh, thành phố). Đang
        chọn: <strong>{invited.size} tỉnh</strong>.
      </p>
      {saved && <Alert type="success" showIcon role="status" title={`Đã lưu: mời ${invited.size} tỉnh, thành phố.`} />}
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      <div className="region-groups">
        {groups.map((group) => (
          <fieldset key={group.id} className="region-group">
            <legend>
              <Checkbox
                checked={regions.has(group.id)}
                onChange={(event) => setRegions(toggle(regions, group.id, event.target.checked))}
              >
                Cả vùng {group.name} ({group.provinces.length} tỉnh)
              </Checkbox>
            </legend>
            <ul className="province-checklist" aria-label={`Các tỉnh vùng ${group.name}`}>
              {group.provinces.map((p) => (
                <li key={p.id}>
                  <Checkbox
                    checked={regions.has(group.id) || singles.has(p.id)}
                    disabled={regions.has(group.id)}
                    onChange={(event) => setSingles(toggle(singles, p.id, event.target.checked))}
                  >
                    {p.name}
                  </Checkbox>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
      </div>
      <Button type="primary" onClick={() => void submit()} loading={save.isPending}>
        Lưu danh sách mời
      </Button>
    </section>
  );
}

function BridgePoints({ session, provinces }: { session: SessionDetail; provinces: Province[] }) {
  const add = useSessionWrite(session.id, sessionWrites.addBridgePoint(session.id));
  const remove = useSessionWrite(session.id, sessionWrites.removeBridgePoint(session.id));
  const [form] = Form.useForm<{ name: string; provinceId?: number; abroad?: boolean }>();
  const [error, setError] = useState<unknown>(null);
  return (
    <section className="section" aria-labelledby="diem-cau">
      <h2 id="diem-cau">Điểm cầu ({session.bridgePoints.length})</h2>
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      {session.bridgePoints.length === 0 ? (
        <p>Chưa có điểm cầu nào.</p>
      ) : (
        <ul className="plain-list" aria-label="Danh sách điểm cầu">
          {session.bridgePoints.map((point) => (
            <li key={point.id} className="registration-row">
              <span>
                {point.name}
                {point.province ? ` – ${point.province.name}` : ''}
                {point.abroad ? ' (nước ngoài)' : ''}
              </span>
              <Popconfirm
                title={`Bỏ điểm cầu ${point.name}?`}
                okText="Bỏ"
                cancelText="Không"
                onConfirm={() => remove.mutateAsync(point.id).then(() => setError(null), setError)}
              >
                <Button size="small" danger aria-label={`Bỏ điểm cầu ${point.name}`}>
                  Bỏ
                </Button>
              </Popconfirm>
            </li>
          ))}
        </ul>
      )}
      <Form
        form={form}
        layout="vertical"
        name="diem-cau-moi"
        onFinish={async (values) => {
          setError(null);
          try {
            await add.mutateAsync({
              name: values.name.trim(),
              provinceId: values.provinceId,
              abroad: values.abroad ?? false,
              isGroup: false,
            });
            form.resetFields();
          } catch (failure) {
            setError(failure);
          }
        }}
      >
        <div className="form-grid">
          <Form.Item
            label="Tên điểm cầu"
            name="name"
            rules={[{ required: true, whitespace: true, min: 2, message: 'Vui lòng nhập tên điểm cầu.' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item label="Tỉnh của điểm cầu" name="provinceId">
            <Select
              allowClear
              showSearch={{ filterOption: matchesFolded }}
              options={provinces.map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
        </div>
        <Form.Item name="abroad" valuePropName="checked">
          <Checkbox>Điểm cầu ở nước ngoài</Checkbox>
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending}>
          Thêm điểm cầu
        </Button>
      </Form>
    </section>
  );
}
