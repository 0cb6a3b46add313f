import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../shared/api/client';
import { errorMessage } from '../../shared/api/problem';
import { useDebounced } from '../../shared/useDebounced';
import { PersonPostsDialog } from '../PersonPostsDialog';
import { usePeopleSearch } from '../queries';
import { clean, EditDialog, useRecordForm } from './record-forms';
import { RecordList } from './RecordList';

const PERSON_LABELS = {
  fullName: 'Họ và tên',
  academicTitle: 'Học hàm, học vị',
  militaryRank: 'Cấp bậc',
  note: 'Ghi chú',
};

export function PeopleList() {
  const [q, setQ] = useState('');
  const people = usePeopleSearch(useDebounced(q, 250));
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ id: number; fullName: string; academicTitle?: string | null } | null>(null);
  const [posts, setPosts] = useState<{ id: number; fullName: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['people-search'] });
  const create = useRecordForm<Record<string, string>>(PERSON_LABELS, async (values) => {
    await unwrap(api.POST('/api/v1/people', { body: clean(values) as { fullName: string } }));
    await refresh();
  });
  return (
    <RecordList
      kind="nguoi"
      title="Người"
      searchLabel="Tìm người (không cần dấu)"
      listLabel="Danh sách người"
      q={q}
      onSearch={setQ}
      result={people}
      row={(p) => ({
        content: (
          <Link to={`/nguoi/${p.id}`}>{[p.academicTitle, p.militaryRank, p.fullName].filter(Boolean).join(' ')}</Link>
        ),
        name: p.fullName,
        actions: (
          <>
            <Button size="small" aria-label={`Chức vụ của ${p.fullName}`} onClick={() => setPosts(p)}>
              Chức vụ
            </Button>
            <Button size="small" aria-label={`Sửa ${p.fullName}`} onClick={() => setEditing(p)}>
              Sửa
            </Button>
          </>
        ),
      })}
      remove={async (p) => {
        await unwrap(api.DELETE('/api/v1/people/{id}', { params: { path: { id: p.id } } }));
        await refresh();
      }}
    >
      <h3>Thêm người</h3>
      {create.error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(create.error)} />}
      <Form form={create.form} layout="vertical" name="them-nguoi" onFinish={create.submit}>
        <div className="form-grid">
          <Form.Item
            label={PERSON_LABELS.fullName}
            name="fullName"
            rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập họ và tên.' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item label={PERSON_LABELS.academicTitle} name="academicTitle">
            <Input />
          </Form.Item>
          <Form.Item label={PERSON_LABELS.militaryRank} name="militaryRank">
            <Input />
          </Form.Item>
        </div>
        <Button htmlType="submit" type="primary" loading={create.busy}>
          Thêm người
        </Button>
      </Form>
      {posts && <PersonPostsDialog person={posts} onClose={() => setPosts(null)} />}
      {editing && (
        <EditDialog
          title={`Sửa ${editing.fullName}`}
          labels={PERSON_LABELS}
          initial={{ fullName: editing.fullName, academicTitle: editing.academicTitle ?? undefined }}
          onClose={() => setEditing(null)}
          onSave={async (values) => {
            await unwrap(
              api.PATCH('/api/v1/people/{id}', { params: { path: { id: editing.id } }, body: clean(values) }),
            );
            await refresh();
            setEditing(null);
          }}
          fields={
            <>
              <Form.Item label={PERSON_LABELS.fullName} name="fullName" rules={[{ required: true, whitespace: true }]}>
                <Input />
              </Form.Item>
              <Form.Item label={PERSON_LABELS.academicTitle} name="academicTitle">
                <Input />
              </Form.Item>
            </>
          }
        />
      )}
    </RecordList>
  );
}
