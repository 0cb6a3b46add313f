import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/problem';
import type { components } from '../../shared/api/schema';
import { ORGANISATION_KINDS } from '../../shared/format';
import { useDebounced } from '../../shared/useDebounced';
import { useOrganisationSearch } from '../queries';
import { RemotePicker } from '../RemotePicker';
import { clean, EditDialog, useRecordForm } from './record-forms';
import { RecordList } from './RecordList';

const ORG_LABELS = {
  name: 'Tên chính thức',
  kind: 'Loại',
  shortName: 'Tên viết tắt',
  parentId: 'Trực thuộc',
  effectiveFrom: 'Từ ngày',
};
const ORG_KIND_OPTIONS = Object.entries(ORGANISATION_KINDS).map(([value, label]) => ({ value, label }));

type OrganisationSummary = components['schemas']['OrganisationSummaryDto'];

export function OrganisationList() {
  const [q, setQ] = useState('');
  const organisations = useOrganisationSearch(useDebounced(q, 250));
  const queryClient = useQueryClient();
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  const [editing, setEditing] = useState<OrganisationSummary | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['organisation-search'] });
  const create = useRecordForm<Record<string, string>>(ORG_LABELS, async (values) => {
    await unwrap(api.POST('/api/v1/organisations', { body: clean(values) as never }));
    await refresh();
  });
  return (
    <RecordList
      kind="to-chuc"
      title="Cơ quan, tổ chức"
      searchLabel="Tìm theo tên hiện nay hoặc tên cũ"
      listLabel="Danh sách cơ quan, tổ chức"
      q={q}
      onSearch={setQ}
      result={organisations}
      row={(o) => ({
        content: (
          <span>
            <Link to={`/to-chuc/${o.id}`}>{o.name}</Link> – {ORGANISATION_KINDS[o.kind] ?? o.kind}
          </span>
        ),
        name: o.name,
        actions: (
          <>
            <Button size="small" aria-label={`Sửa ${o.name}`} onClick={() => setEditing(o)}>
              Sửa
            </Button>
            <Button size="small" aria-label={`Đổi tên ${o.name}`} onClick={() => setRenaming(o)}>
              Đổi tên
            </Button>
          </>
        ),
      })}
      remove={async (o) => {
        await unwrap(api.DELETE('/api/v1/organisations/{id}', { params: { path: { id: o.id } } }));
        await refresh();
      }}
    >
      <h3>Thêm cơ quan, tổ chức</h3>
      {create.error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(create.error)} />}
      <Form
        form={create.form}
        layout="vertical"
        name="them-to-chuc"
        onFinish={create.submit}
        initialValues={{ kind: 'state_body' }}
      >
        <div className="form-grid">
          <Form.Item
            label={ORG_LABELS.name}
            name="name"
            rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập tên.' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item label={ORG_LABELS.kind} name="kind">
            <Select options={ORG_KIND_OPTIONS} />
          </Form.Item>
          <Form.Item label={ORG_LABELS.shortName} name="shortName">
            <Input />
          </Form.Item>
          <Form.Item label={ORG_LABELS.parentId} name="parentId">
            <RemotePicker kind="organisations" />
          </Form.Item>
        </div>
        <Button htmlType="submit" type="primary" loading={create.busy}>
          Thêm tổ chức
        </Button>
      </Form>
      {editing && (
        <EditDialog
          title={`Sửa ${editing.name}`}
          labels={ORG_LABELS}
          initial={{
            kind: editing.kind,
            shortName: editing.shortName ?? undefined,
            parentId: editing.parentId ?? undefined,
          }}
          onClose={() => setEditing(null)}
          onSave={async (values) => {
            await unwrap(
              api.PATCH('/api/v1/organisations/{id}', {
                params: { path: { id: editing.id } },
                body: clean(values) as components['schemas']['UpdateOrganisationDto'],
              }),
            );
            await refresh();
            setEditing(null);
          }}
          fields={
            <>
              <p>Đổi tên dùng nút «Đổi tên», để tên cũ vẫn được lưu.</p>
              <Form.Item label={ORG_LABELS.kind} name="kind">
                <Select options={ORG_KIND_OPTIONS} />
              </Form.Item>
              <Form.Item label={ORG_LABELS.shortName} name="shortName">
                <Input />
              </Form.Item>
              <Form.Item label={ORG_LABELS.parentId} name="parentId">
                <RemotePicker
                  kind="organisations"
                  known={(organisations.data?.items ?? [])
                    .filter((o) => o.id === editing.parentId)
                    .map((o) => ({ value: o.id, label: o.name }))}
                />
              </Form.Item>
            </>
          }
        />
      )}
      {renaming && (
        <EditDialog
          title={`Đổi tên ${renaming.name}`}
          labels={{ name: 'Tên mới', effectiveFrom: 'Có hiệu lực từ ngày' }}
          initial={{}}
          onClose={() => setRenaming(null)}
          onSave={async (values) => {
            await unwrap(
              api.POST('/api/v1/organisations/{id}/renames', {
                params: { path: { id: renaming.id } },
                body: clean(values) as { name: string; effectiveFrom: string },
              }),
            );
            await refresh();
            setRenaming(null);
          }}
          fields={
            <>
              <p>Tên cũ vẫn được lưu và tìm được; các hội nghị trước ngày đổi tên vẫn hiện tên cũ.</p>
              <Form.Item
                label="Tên mới"
                name="name"
                rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập tên mới.' }]}
              >
                <Input />
              </Form.Item>
              <Form.Item
                label="Có hiệu lực từ ngày"
                name="effectiveFrom"
                rules={[{ required: true, message: 'Vui lòng chọn ngày.' }]}
              >
                <Input type="date" />
              </Form.Item>
            </>
          }
        />
      )}
    </RecordList>
  );
}
