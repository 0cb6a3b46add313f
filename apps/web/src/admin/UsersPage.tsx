import { Alert, Button, Form, Input, Modal, Pagination, Popconfirm, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { RequireRole } from '../registration/RequireRole';
import { ApiError, errorMessage, fieldMessage } from '../shared/api/problem';
import { useDebounced } from '../shared/useDebounced';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { GrantsEditor, grantText } from './GrantsEditor';
import {
  generatePassword,
  ROLE_LABELS,
  useCreateUser,
  useCurrentProvinces,
  useUpdateUser,
  useUsers,
  type Grant,
  type Role,
  type User,
} from './queries';

export default function UsersPage() {
  usePageTitle('Người dùng');
  return (
    <RequireRole role="admin">
      <Users />
    </RequireRole>
  );
}

const PAGE = 20;

/** A new password, shown once: the administrator passes it on; the API keeps only its hash. */
function OncePassword({ who, password, onClose }: { who: string; password: string; onClose: () => void }) {
  return (
    <Modal
      open
      title={`Mật khẩu của ${who}`}
      onCancel={onClose}
      onOk={onClose}
      okText="Đã ghi lại"
      cancelButtonProps={{ hidden: true }}
    >
      <p>Mật khẩu chỉ hiện một lần. Hãy chuyển cho người dùng qua kênh an toàn.</p>
      <p>
        <code className="once-password" aria-label="Mật khẩu mới">
          {password}
        </code>
      </p>
      <Button onClick={() => void navigator.clipboard?.writeText(password)}>Sao chép</Button>
    </Modal>
  );
}

function Users() {
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role>();
  const [offset, setOffset] = useState(0);
  const users = useUsers({ q: useDebounced(q, 300) || undefined, role, limit: PAGE, offset });
  const provinces = useCurrentProvinces();
  const provinceName = (id: number) => provinces.data?.items.find((p) => p.id === id)?.name ?? `#${id}`;
  const update = useUpdateUser();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [shown, setShown] = useState<{ who: string; password: string } | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const change = async (user: User, changes: Parameters<typeof update.mutateAsync>[0]['changes'], done: string) => {
    setError(null);
    setOutcome(null);
    try {
      await update.mutateAsync({ id: user.id, changes });
      setOutcome(done);
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    }
  };

  return (
    <>
      <Typography.Title level={1}>Người dùng</Typography.Title>
      <div className="toolbar">
        <Button type="primary" onClick={() => setCreating(true)}>
          Tạo người dùng
        </Button>
      </div>
      <div className="filters">
        <label>
          Tìm theo tên hoặc email
          <Input
            value={q}
            allowClear
            onChange={(e) => {
              setQ(e.target.value);
              setOffset(0);
            }}
          />
        </label>
        <label>
          Vai trò
          <Select<Role>
            allowClear
            value={role}
            options={(Object.keys(ROLE_LABELS) as Role[]).map((value) => ({ value, label: ROLE_LABELS[value] }))}
            onChange={(value) => {
              setRole(value);
              setOffset(0);
            }}
          />
        </label>
      </div>
      {outcome && <Alert type="success" showIcon role="status" title={outcome} />}
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      {users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : !users.data ? (
        <Loading />
      ) : (
        <>
          <ul className="registration-list" aria-label="Danh sách người dùng">
            {users.data.items.map((user) => (
              <li key={user.id} className="registration-row">
                <div>
                  <strong>{user.displayName}</strong> <span>{user.email}</span>
                  <div>
                    {user.roles.map((g, i) => (
                      <Tag key={i}>{grantText(g, provinceName)}</Tag>
                    ))}
                    {!user.active && <Tag className="status-rejected">Đã khóa</Tag>}
                    {user.lockedUntil && <Tag className="status-pending">Tạm khóa do đăng nhập sai</Tag>}
                  </div>
                </div>
                <div className="registration-status">
                  <Button
                    size="small"
                    aria-label={`Sửa quyền của ${user.displayName}`}
                    onClick={() => setEditing(user)}
                  >
                    Sửa quyền
                  </Button>
                  <Popconfirm
                    title={`Đặt lại mật khẩu của ${user.displayName}?`}
                    okText="Đặt lại"
                    cancelText="Không"
                    onConfirm={async () => {
                      const password = generatePassword();
                      if (
                        await change(user, { password, unlock: true }, `Đã đặt lại mật khẩu của ${user.displayName}.`)
                      )
                        setShown({ who: user.displayName, password });
                    }}
                  >
                    <Button size="small" aria-label={`Đặt lại mật khẩu của ${user.displayName}`}>
                      Đặt lại mật khẩu
                    </Button>
                  </Popconfirm>
                  {user.active ? (
                    <Popconfirm
                      title={`Khóa tài khoản ${user.displayName}?`}
                      description="Người này sẽ bị đăng xuất và không đăng nhập được nữa."
                      okText="Khóa"
                      cancelText="Không"
                      onConfirm={() => change(user, { active: false }, `Đã khóa tài khoản ${user.displayName}.`)}
                    >
                      <Button size="small" danger aria-label={`Khóa tài khoản ${user.displayName}`}>
                        Khóa
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button
                      size="small"
                      aria-label={`Mở lại tài khoản ${user.displayName}`}
                      onClick={() => void change(user, { active: true }, `Đã mở lại tài khoản ${user.displayName}.`)}
                    >
                      Mở lại
                    </Button>
                  )}
                </div>
              </li>
            ))}
          </ul>
          <Pagination
            className="pager"
            current={offset / PAGE + 1}
            pageSize={PAGE}
            total={users.data.page.total}
            showSizeChanger={false}
            onChange={(n) => setOffset((n - 1) * PAGE)}
          />
        </>
      )}
      {creating && (
        <CreateUserDialog
          onClose={() => setCreating(false)}
          onCreated={(user, password) => {
            setCreating(false);
            setOutcome(`Đã tạo tài khoản ${user.displayName}.`);
            setShown({ who: user.displayName, password });
          }}
        />
      )}
      {editing && (
        <EditGrantsDialog
          user={editing}
          onClose={() => setEditing(null)}
          onSave={async (roles) => {
            if (await change(editing, { roles }, `Đã lưu quyền của ${editing.displayName}.`)) setEditing(null);
          }}
        />
      )}
      {shown && <OncePassword who={shown.who} password={shown.password} onClose={() => setShown(null)} />}
    </>
  );
}

const FIELD_LABELS: Record<string, string> = { email: 'Email', displayName: 'Họ và tên', roles: 'Quyền' };

function CreateUserDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (user: User, password: string) => void;
}) {
  const [form] = Form.useForm<{ email: string; displayName: string }>();
  const [grants, setGrants] = useState<Grant[]>([{ role: 'province_delegate', sessionId: null, provinceId: null }]);
  const [error, setError] = useState<unknown>(null);
  const create = useCreateUser();
  const submit = async (values: { email: string; displayName: string }) => {
    setError(null);
    const password = generatePassword();
    try {
      const user = await create.mutateAsync({
        email: values.email.trim(),
        displayName: values.displayName.trim(),
        password,
        roles: grants,
      });
      onCreated(user, password);
    } catch (failure) {
      const fields = failure instanceof ApiError ? failure.fieldErrors.filter((f) => f.path in FIELD_LABELS) : [];
      if (failure instanceof ApiError && fields.length > 0) {
        form.setFields(
          fields
            .filter((f) => f.path !== 'roles')
            .map((f) => ({
              name: f.path as 'email',
              errors: [fieldMessage(f, failure.inVietnamese, FIELD_LABELS[f.path])],
            })),
        );
      }
      setError(failure);
    }
  };
  return (
    <Modal
      open
      title="Tạo người dùng"
      okText="Tạo tài khoản"
      cancelText="Hủy"
      okButtonProps={{ loading: create.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={640}
    >
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      <Form form={form} layout="vertical" name="nguoi-dung-moi" onFinish={submit}>
        <Form.Item
          label="Email"
          name="email"
          rules={[{ required: true, type: 'email', message: 'Vui lòng nhập email hợp lệ.' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="Họ và tên"
          name="displayName"
          rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập họ và tên.' }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
      <GrantsEditor idPrefix="moi" value={grants} onChange={setGrants} />
      <p>Mật khẩu được tạo ngẫu nhiên và hiện một lần sau khi tạo.</p>
    </Modal>
  );
}

function EditGrantsDialog({
  user,
  onClose,
  onSave,
}: {
  user: User;
  onClose: () => void;
  onSave: (grants: Grant[]) => Promise<void>;
}) {
  const [grants, setGrants] = useState<Grant[]>(user.roles);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={`Quyền của ${user.displayName}`}
      okText="Lưu quyền"
      cancelText="Hủy"
      okButtonProps={{ loading: busy }}
      onCancel={onClose}
      onOk={async () => {
        setBusy(true);
        await onSave(grants);
        setBusy(false);
      }}
      width={640}
    >
      <GrantsEditor idPrefix={`sua-${user.id}`} value={grants} onChange={setGrants} />
    </Modal>
  );
}
