import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { RequireRole } from '../registration/RequireRole';
import { api, unwrap } from '../shared/api/client';
import { ApiError, errorMessage, fieldMessage } from '../shared/api/problem';
import type { components } from '../shared/api/schema';
import { ORGANISATION_KINDS, formatDate } from '../shared/format';
import { useDebounced } from '../shared/useDebounced';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { useDocumentSearch, useOrganisationSearch, usePeopleSearch } from './queries';
import { PersonPostsDialog } from './PersonPostsDialog';
import { RemotePicker } from './RemotePicker';
import { ORGANISER_ROLES } from './SessionsPage';

type Kind = 'nguoi' | 'to-chuc' | 'van-ban';
const KINDS: { key: Kind; label: string }[] = [
  { key: 'nguoi', label: 'Người' },
  { key: 'to-chuc', label: 'Cơ quan, tổ chức' },
  { key: 'van-ban', label: 'Văn bản' },
];

interface Reference {
  what: string;
  count: number;
}

/** What still points at a record, in words, each with where to see it. */
function referenceLinks(kind: Kind, id: number, references: Reference[]) {
  const words: Record<string, string> = {
    'agenda presenters': 'lần trình bày trong chương trình hội nghị',
    'session organisers': 'hội nghị do đơn vị này tổ chức',
    'person positions': 'chức vụ của người thuộc đơn vị này',
    'documents issued': 'văn bản do đơn vị này ban hành',
    'sub-organisations': 'đơn vị trực thuộc',
    'bridge points': 'điểm cầu',
    'reported delegations': 'đoàn đại biểu được báo cáo',
    sessions: 'hội nghị quán triệt văn bản này',
    'agenda items': 'nội dung chương trình về văn bản này',
  };
  const where = (what: string) => {
    if (kind === 'nguoi') return `/?nguoi=${id}`;
    if (kind === 'van-ban') return `/?van-ban=${id}`;
    return what === 'session organisers' || what === 'agenda presenters' ? `/?to-chuc=${id}` : `/to-chuc/${id}`;
  };
  return (
    <ul aria-label="Còn được dùng ở">
      {references.map((r) => (
        <li key={r.what}>
          <Link to={where(r.what)}>
            {r.count} {words[r.what] ?? r.what}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function DeleteOutcome({ kind, id, error }: { kind: Kind; id: number; error: unknown }) {
  const references =
    error instanceof ApiError && error.code === 'still-referenced'
      ? ((error.problem as { referencedBy?: Reference[] } | null)?.referencedBy ?? [])
      : [];
  if (references.length === 0) return <Alert type="error" showIcon role="alert" title={errorMessage(error)} />;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title="Chưa xóa được vì còn được dùng ở:"
      description={referenceLinks(kind, id, references)}
    />
  );
}

export default function ReferenceDataPage() {
  usePageTitle('Người, tổ chức, văn bản');
  const [params] = useSearchParams();
  const kind = (KINDS.find((k) => k.key === params.get('loai'))?.key ?? 'nguoi') as Kind;
  return (
    <RequireRole role={ORGANISER_ROLES}>
      <p>
        <Link to="/quan-ly">← Quản lý hội nghị</Link>
      </p>
      <Typography.Title level={1}>Người, tổ chức, văn bản</Typography.Title>
      <nav aria-label="Loại danh mục" className="editor-nav">
        <ul>
          {KINDS.map((k) => (
            <li key={k.key}>
              <Link to={`?loai=${k.key}`} replace aria-current={k.key === kind ? 'page' : undefined}>
                {k.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="editor-pane">
        {kind === 'nguoi' && <PeopleList />}
        {kind === 'to-chuc' && <OrganisationList />}
        {kind === 'van-ban' && <DocumentList />}
      </div>
    </RequireRole>
  );
}

/** Places the API's field errors beside the fields; false when there are none to place. */
function placeErrors(form: ReturnType<typeof Form.useForm>[0], failure: unknown, labels: Record<string, string>) {
  if (!(failure instanceof ApiError)) return false;
  const fields = failure.fieldErrors.filter((f) => f.path in labels);
  if (fields.length === 0) return false;
  form.setFields(
    fields.map((f) => ({ name: f.path, errors: [fieldMessage(f, failure.inVietnamese, labels[f.path])] })),
  );
  return true;
}

function useRecordForm<T extends object>(labels: Record<string, string>, save: (values: T) => Promise<void>) {
  const [form] = Form.useForm<T>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: T) => {
    setBusy(true);
    setError(null);
    try {
      await save(values);
      form.resetFields();
    } catch (failure) {
      if (!placeErrors(form as never, failure, labels)) setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { form, error, busy, submit };
}

const clean = <T extends Record<string, unknown>>(values: T): T =>
  Object.fromEntries(
    Object.entries(values)
      .map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])
      .filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as T;

const PERSON_LABELS = {
  fullName: 'Họ và tên',
  academicTitle: 'Học hàm, học vị',
  militaryRank: 'Cấp bậc',
  note: 'Ghi chú',
};

function PeopleList() {
  const [q, setQ] = useState('');
  const people = usePeopleSearch(useDebounced(q, 250));
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<{ id: number; fullName: string; academicTitle?: string | null } | null>(null);
  const [posts, setPosts] = useState<{ id: number; fullName: string } | null>(null);
  const [failure, setFailure] = useState<{ id: number; error: unknown } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['people-search'] });
  const create = useRecordForm<Record<string, string>>(PERSON_LABELS, async (values) => {
    await unwrap(api.POST('/api/v1/people', { body: clean(values) as { fullName: string } }));
    await refresh();
  });
  return (
    <section aria-labelledby="ds-nguoi">
      <h2 id="ds-nguoi">Người</h2>
      <SearchBox value={q} onChange={setQ} label="Tìm người (không cần dấu)" />
      {failure && <DeleteOutcome kind="nguoi" id={failure.id} error={failure.error} />}
      {people.isError ? (
        <ErrorState error={people.error} />
      ) : !people.data ? (
        <Loading />
      ) : (
        <ul className="registration-list" aria-label="Danh sách người">
          {people.data.items.map((p) => {
            const name = [p.academicTitle, p.militaryRank, p.fullName].filter(Boolean).join(' ');
            return (
              <li key={p.id} className="registration-row">
                <Link to={`/nguoi/${p.id}`}>{name}</Link>
                <span className="registration-status">
                  <Button size="small" aria-label={`Chức vụ của ${p.fullName}`} onClick={() => setPosts(p)}>
                    Chức vụ
                  </Button>
                  <Button size="small" aria-label={`Sửa ${p.fullName}`} onClick={() => setEditing(p)}>
                    Sửa
                  </Button>
                  <Popconfirm
                    title={`Xóa ${p.fullName}?`}
                    okText="Xóa"
                    cancelText="Không"
                    onConfirm={async () => {
                      setFailure(null);
                      try {
                        await unwrap(api.DELETE('/api/v1/people/{id}', { params: { path: { id: p.id } } }));
                        await refresh();
                      } catch (error) {
                        setFailure({ id: p.id, error });
                      }
                    }}
                  >
                    <Button size="small" danger aria-label={`Xóa ${p.fullName}`}>
                      Xóa
                    </Button>
                  </Popconfirm>
                </span>
              </li>
            );
          })}
        </ul>
      )}
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
    </section>
  );
}

const ORG_LABELS = {
  name: 'Tên chính thức',
  kind: 'Loại',
  shortName: 'Tên viết tắt',
  parentId: 'Trực thuộc',
  effectiveFrom: 'Từ ngày',
};
const ORG_KIND_OPTIONS = Object.entries(ORGANISATION_KINDS).map(([value, label]) => ({ value, label }));

type OrganisationSummary = components['schemas']['OrganisationSummaryDto'];

function OrganisationList() {
  const [q, setQ] = useState('');
  const organisations = useOrganisationSearch(useDebounced(q, 250));
  const queryClient = useQueryClient();
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  const [editing, setEditing] = useState<OrganisationSummary | null>(null);
  const [failure, setFailure] = useState<{ id: number; error: unknown } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['organisation-search'] });
  const create = useRecordForm<Record<string, string>>(ORG_LABELS, async (values) => {
    await unwrap(api.POST('/api/v1/organisations', { body: clean(values) as never }));
    await refresh();
  });
  return (
    <section aria-labelledby="ds-to-chuc">
      <h2 id="ds-to-chuc">Cơ quan, tổ chức</h2>
      <SearchBox value={q} onChange={setQ} label="Tìm theo tên hiện nay hoặc tên cũ" />
      {failure && <DeleteOutcome kind="to-chuc" id={failure.id} error={failure.error} />}
      {organisations.isError ? (
        <ErrorState error={organisations.error} />
      ) : !organisations.data ? (
        <Loading />
      ) : (
        <ul className="registration-list" aria-label="Danh sách cơ quan, tổ chức">
          {organisations.data.items.map((o) => (
            <li key={o.id} className="registration-row">
              <span>
                <Link to={`/to-chuc/${o.id}`}>{o.name}</Link> – {ORGANISATION_KINDS[o.kind] ?? o.kind}
              </span>
              <span className="registration-status">
                <Button size="small" aria-label={`Sửa ${o.name}`} onClick={() => setEditing(o)}>
                  Sửa
                </Button>
                <Button size="small" aria-label={`Đổi tên ${o.name}`} onClick={() => setRenaming(o)}>
                  Đổi tên
                </Button>
                <Popconfirm
                  title={`Xóa ${o.name}?`}
                  okText="Xóa"
                  cancelText="Không"
                  onConfirm={async () => {
                    setFailure(null);
                    try {
                      await unwrap(api.DELETE('/api/v1/organisations/{id}', { params: { path: { id: o.id } } }));
                      await refresh();
                    } catch (error) {
                      setFailure({ id: o.id, error });
                    }
                  }}
                >
                  <Button size="small" danger aria-label={`Xóa ${o.name}`}>
                    Xóa
                  </Button>
                </Popconfirm>
              </span>
            </li>
          ))}
        </ul>
      )}
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
    </section>
  );
}

const DOC_LABELS = {
  number: 'Số hiệu',
  kind: 'Loại văn bản',
  title: 'Trích yếu',
  issuerId: 'Cơ quan ban hành',
  issuedOn: 'Ngày ban hành',
};

type DocumentSummary = components['schemas']['DocumentSummaryDto'];

function DocumentList() {
  const [q, setQ] = useState('');
  const documents = useDocumentSearch(useDebounced(q, 250));
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<{ id: number; error: unknown } | null>(null);
  const [editing, setEditing] = useState<DocumentSummary | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['document-search'] });
  const create = useRecordForm<Record<string, string>>(DOC_LABELS, async (values) => {
    await unwrap(api.POST('/api/v1/documents', { body: clean(values) as never }));
    await refresh();
  });
  return (
    <section aria-labelledby="ds-van-ban">
      <h2 id="ds-van-ban">Văn bản</h2>
      <SearchBox value={q} onChange={setQ} label="Tìm theo số hiệu hoặc trích yếu" />
      {failure && <DeleteOutcome kind="van-ban" id={failure.id} error={failure.error} />}
      {documents.isError ? (
        <ErrorState error={documents.error} />
      ) : !documents.data ? (
        <Loading />
      ) : (
        <ul className="registration-list" aria-label="Danh sách văn bản">
          {documents.data.items.map((d) => {
            const name = [d.kind, d.number].filter(Boolean).join(' ');
            return (
              <li key={d.id} className="registration-row">
                <span>
                  <Link to={`/van-ban/${d.id}`}>{name}</Link>: {d.title}
                  {d.issuedOn ? ` (${formatDate(d.issuedOn)})` : ''}
                </span>
                <span className="registration-status">
                  <Button size="small" aria-label={`Sửa ${name}`} onClick={() => setEditing(d)}>
                    Sửa
                  </Button>
                  <Popconfirm
                    title={`Xóa ${name}?`}
                    okText="Xóa"
                    cancelText="Không"
                    onConfirm={async () => {
                      setFailure(null);
                      try {
                        await unwrap(api.DELETE('/api/v1/documents/{id}', { params: { path: { id: d.id } } }));
                        await refresh();
                      } catch (error) {
                        setFailure({ id: d.id, error });
                      }
                    }}
                  >
                    <Button size="small" danger aria-label={`Xóa ${name}`}>
                      Xóa
                    </Button>
                  </Popconfirm>
                </span>
              </li>
            );
          })}
        </ul>
      )}
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
    </section>
  );
}

function SearchBox({ value, onChange, label }: { value: string; onChange: (value: string) => void; label: string }) {
  return (
    <label className="search-field">
      {label}
      <Input value={value} allowClear onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

function EditDialog({
  title,
  labels,
  initial,
  fields,
  onClose,
  onSave,
}: {
  title: string;
  labels: Record<string, string>;
  initial: Record<string, unknown>;
  fields: React.ReactNode;
  onClose: () => void;
  onSave: (values: Record<string, string>) => Promise<void>;
}) {
  const [form] = Form.useForm<Record<string, string>>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={title}
      okText="Lưu"
      cancelText="Hủy"
      okButtonProps={{ loading: busy }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={async (values) => {
          setBusy(true);
          setError(null);
          try {
            await onSave(values);
          } catch (failure) {
            if (!placeErrors(form as never, failure, labels)) setError(failure);
          } finally {
            setBusy(false);
          }
        }}
      >
        {fields}
      </Form>
    </Modal>
  );
}
