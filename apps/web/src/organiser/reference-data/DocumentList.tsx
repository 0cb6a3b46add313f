import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/problem';
import type { components } from '../../shared/api/schema';
import { formatDate } from '../../shared/format';
import { useDebounced } from '../../shared/useDebounced';
import { useDocumentSearch } from '../queries';
import { RemotePicker } from '../RemotePicker';
import { clean, EditDialog, useRecordForm } from './record-forms';
import { RecordList } from './RecordList';

const DOC_LABELS = {
  number: 'Số hiệu',
  kind: 'Loại văn bản',
  title: 'Trích yếu',
  issuerId: 'Cơ quan ban hành',
  issuedOn: 'Ngày ban hành',
};

type DocumentSummary = components['schemas']['DocumentSummaryDto'];

export function DocumentList() {
  const [q, setQ] = useState('');
  const documents = useDocumentSearch(useDebounced(q, 250));
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<DocumentSummary | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['document-search'] });
  const create = useRecordForm<Record<string, string>>(DOC_LABELS, async (values) => {
    await unwrap(api.POST('/api/v1/documents', { body: clean(values) as never }));
    await refresh();
  });
  return (
    <RecordList
      kind="van-ban"
      title="Văn bản"
      searchLabel="Tìm theo số hiệu hoặc trích yếu"
      listLabel="Danh sách văn bản"
      q={q}
      onSearch={setQ}
      result={documents}
      row={(d) => {
        const name = [d.kind, d.number].filter(Boolean).join(' ');
        return {
          content: (
            <span>
              <Link to={`/van-ban/${d.id}`}>{name}</Link>: {d.title}
              {d.issuedOn ? ` (${formatDate(d.issuedOn)})` : ''}
            </span>
          ),
          name,
          actions: (
            <Button size="small" aria-label={`Sửa ${name}`} onClick={() => setEditing(d)}>
              Sửa
            </Button>
          ),
        };
      }}
      remove={async (d) => {
        await unwrap(api.DELETE('/api/v1/documents/{id}', { params: { path: { id: d.id } } }));
        await refresh();
      }}
    >
      <h3>Thêm văn bản</h3>
      {create.error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(create.error)} />}
      <Form form={create.form} layout="vertical" name="them-van-ban" onFinish={create.submit}>
        <div className="form-grid">
          <Form.Item
            label={DOC_LABELS.kind}
            name="kind"
            rules={[{ required: true, whitespace: true, message: 'Ví dụ: Kết luận, Chỉ thị.' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item label={DOC_LABELS.number} name="number">
            <Input placeholder="57-KL/TW" />
          </Form.Item>
          <Form.Item label={DOC_LABELS.issuedOn} name="issuedOn">
            <Input type="date" />
          </Form.Item>
          <Form.Item label={DOC_LABELS.issuerId} name="issuerId">
            <RemotePicker kind="organisations" />
          </Form.Item>
        </div>
        <Form.Item
          label={DOC_LABELS.title}
          name="title"
          rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập trích yếu.' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Button htmlType="submit" type="primary" loading={create.busy}>
          Thêm văn bản
        </Button>
      </Form>
      {editing && (
        <EditDialog
          title={`Sửa ${[editing.kind, editing.number].filter(Boolean).join(' ')}`}
          labels={DOC_LABELS}
          initial={{
            kind: editing.kind,
            number: editing.number ?? undefined,
            title: editing.title,
            issuedOn: editing.issuedOn ?? undefined,
            issuerId: editing.issuerId ?? undefined,
          }}
          onClose={() => setEditing(null)}
          onSave={async (values) => {
            await unwrap(
              api.PATCH('/api/v1/documents/{id}', { params: { path: { id: editing.id } }, body: clean(values) }),
            );
            await refresh();
            setEditing(null);
          }}
          fields={
            <>
              <Form.Item
                label={DOC_LABELS.kind}
                name="kind"
                rules={[{ required: true, whitespace: true, message: 'Ví dụ: Kết luận, Chỉ thị.' }]}
              >
                <Input />
              </Form.Item>
              <Form.Item label={DOC_LABELS.number} name="number">
                <Input />
              </Form.Item>
              <Form.Item
                label={DOC_LABELS.title}
                name="title"
                rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập trích yếu.' }]}
              >
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
              <Form.Item label={DOC_LABELS.issuedOn} name="issuedOn">
                <Input type="date" />
              </Form.Item>
              <Form.Item label={DOC_LABELS.issuerId} name="issuerId">
                <RemotePicker
                  kind="organisations"
                  known={
                    editing.issuerId && editing.issuerName
                      ? [{ value: editing.issuerId, label: editing.issuerName }]
                      : []
                  }
                />
              </Form.Item>
            </>
          }
        />
      )}
    </RecordList>
  );
}
