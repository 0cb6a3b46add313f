import { Alert, Button, Form, Input, Modal, Popconfirm, Select } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../shared/api/problem';
import { AGENDA_KINDS } from '../shared/format';
import { NewPersonDialog } from './NewPersonDialog';
import { sessionWrites, useSessionWrite, type AgendaItem, type NewAgendaItem, type SessionDetail } from './queries';
import { RemotePicker, type Choice } from './RemotePicker';

const KINDS = ['topic', 'report', 'opening_speech', 'directing_speech', 'concluding_speech', 'discussion'] as const;

interface ItemValues {
  kind: NewAgendaItem['kind'];
  title: string;
  startsAt?: string;
  endsAt?: string;
  people?: number[];
  organisations?: number[];
  documentIds?: number[];
}

function toBody(values: ItemValues): NewAgendaItem {
  const body: NewAgendaItem = {
    kind: values.kind,
    title: values.title.trim(),
    presenters: [
      ...(values.people ?? []).map((personId) => ({ personId })),
      ...(values.organisations ?? []).map((organisationId) => ({ organisationId })),
    ],
    documentIds: values.documentIds ?? [],
  };
  if (values.startsAt) body.startsAt = values.startsAt;
  if (values.endsAt) body.endsAt = values.endsAt;
  return body;
}

function toValues(item: AgendaItem): ItemValues {
  return {
    kind: item.kind as NewAgendaItem['kind'],
    title: item.title,
    startsAt: item.startsAt ?? undefined,
    endsAt: item.endsAt ?? undefined,
    people: item.presenters.filter((p) => p.type === 'person' && p.personId).map((p) => p.personId!),
    organisations: item.presenters
      .filter((p) => p.type === 'organisation' && p.organisationId)
      .map((p) => p.organisationId!),
    documentIds: item.documents.map((d) => d.id),
  };
}

function presenterText(item: AgendaItem): string {
  return item.presenters
    .map((p) => {
      const post = p.positions[0];
      const name = [p.academicTitle, p.militaryRank, p.name].filter(Boolean).join(' ');
      return post ? `${name} (${[post.title, post.organisationName].filter(Boolean).join(', ')})` : name;
    })
    .join('; ');
}

/** The agenda in order: add, edit, remove, and move items by drag or with the "Lên"/"Xuống" buttons. */
export function AgendaEditor({ session }: { session: SessionDetail }) {
  const add = useSessionWrite(session.id, sessionWrites.addAgendaItem(session.id));
  const change = useSessionWrite(session.id, sessionWrites.updateAgendaItem(session.id));
  const remove = useSessionWrite(session.id, sessionWrites.removeAgendaItem(session.id));
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<AgendaItem | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  const agenda = [...session.agenda].sort((a, b) => a.position - b.position);

  const move = async (item: AgendaItem, position: number, direction?: 'up' | 'down') => {
    if (position < 1 || position > agenda.length || position === item.position) return;
    setError(null);
    try {
      await change.mutateAsync({ itemId: item.id, changes: { position } });
      setAnnouncement(`Đã chuyển «${item.title}» đến vị trí ${position} trên ${agenda.length}.`);
      if (direction) {
        // Keep the keyboard where it was: on the same button of the moved item (or its other one at an end).
        requestAnimationFrame(() => {
          const same = document.getElementById(`agenda-${direction}-${item.id}`) as HTMLButtonElement | null;
          const other = document.getElementById(
            `agenda-${direction === 'up' ? 'down' : 'up'}-${item.id}`,
          ) as HTMLButtonElement | null;
          (same && !same.disabled ? same : other)?.focus();
        });
      }
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section aria-labelledby="chuong-trinh">
      <h2 id="chuong-trinh">Chương trình ({agenda.length} nội dung)</h2>
      <p className="hint">Kéo thả để đổi thứ tự, hoặc dùng nút Lên/Xuống bằng bàn phím.</p>
      <div role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </div>
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      {agenda.length === 0 ? (
        <p>Chương trình chưa có nội dung nào.</p>
      ) : (
        <ol className="agenda-editor" aria-label="Nội dung chương trình">
          {agenda.map((item, index) => (
            <li
              key={item.id}
              className={`agenda-row${dragged === item.id ? ' dragging' : ''}`}
              draggable
              data-testid={`agenda-item-${item.id}`}
              onDragStart={(event) => {
                setDragged(item.id);
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData('text/plain', String(item.id));
              }}
              onDragEnd={() => setDragged(null)}
              onDragOver={(event) => event.preventDefault()}
              onDrop={(event) => {
                event.preventDefault();
                const from = agenda.find((a) => a.id === Number(event.dataTransfer.getData('text/plain')));
                setDragged(null);
                if (from) void move(from, item.position);
              }}
            >
              <span className="agenda-handle" aria-hidden="true">
                ⠿
              </span>
              <div className="agenda-text">
                <strong>
                  {index + 1}. {AGENDA_KINDS[item.kind] ?? item.kind}: {item.title}
                </strong>
                {(item.startsAt || item.endsAt) && (
                  <div>
                    {item.startsAt ?? ''}
                    {item.endsAt ? ` – ${item.endsAt}` : ''}
                  </div>
                )}
                {item.presenters.length > 0 && <div>Trình bày: {presenterText(item)}</div>}
                {item.documents.length > 0 && (
                  <div>Văn bản: {item.documents.map((d) => d.number ?? d.title).join(', ')}</div>
                )}
              </div>
              <div className="agenda-actions">
                <Button
                  id={`agenda-up-${item.id}`}
                  size="small"
                  disabled={index === 0}
                  aria-label={`Đưa «${item.title}» lên`}
                  onClick={() => void move(item, item.position - 1, 'up')}
                >
                  Lên
                </Button>
                <Button
                  id={`agenda-down-${item.id}`}
                  size="small"
                  disabled={index === agenda.length - 1}
                  aria-label={`Đưa «${item.title}» xuống`}
                  onClick={() => void move(item, item.position + 1, 'down')}
                >
                  Xuống
                </Button>
                <Button size="small" aria-label={`Sửa «${item.title}»`} onClick={() => setEditing(item)}>
                  Sửa
                </Button>
                <Popconfirm
                  title={`Xóa «${item.title}» khỏi chương trình?`}
                  okText="Xóa"
                  cancelText="Không"
                  onConfirm={() =>
                    remove.mutateAsync(item.id).then(
                      () => setAnnouncement(`Đã xóa «${item.title}».`),
                      (failure: unknown) => setError(failure),
                    )
                  }
                >
                  <Button size="small" danger aria-label={`Xóa «${item.title}»`}>
                    Xóa
                  </Button>
                </Popconfirm>
              </div>
            </li>
          ))}
        </ol>
      )}
      <div className="section">
        <h3>Thêm nội dung</h3>
        <ItemForm
          submitLabel="Thêm vào chương trình"
          onSubmit={async (values) => {
            await add.mutateAsync(toBody(values));
            setAnnouncement(`Đã thêm «${values.title.trim()}».`);
          }}
        />
      </div>
      <Modal
        open={editing !== null}
        title="Sửa nội dung chương trình"
        footer={null}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        {editing && (
          <ItemForm
            item={editing}
            submitLabel="Lưu nội dung"
            onSubmit={async (values) => {
              await change.mutateAsync({ itemId: editing.id, changes: toBody(values) });
              setEditing(null);
            }}
          />
        )}
      </Modal>
    </section>
  );
}

function ItemForm({
  item,
  submitLabel,
  onSubmit,
}: {
  item?: AgendaItem;
  submitLabel: string;
  onSubmit: (values: ItemValues) => Promise<void>;
}) {
  const [form] = Form.useForm<ItemValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Choice[]>([]);
  const knownPeople: Choice[] = [
    ...created,
    ...(item?.presenters ?? [])
      .filter((p) => p.type === 'person' && p.personId)
      .map((p) => ({ value: p.personId!, label: p.name })),
  ];
  const knownOrganisations: Choice[] = (item?.presenters ?? [])
    .filter((p) => p.type === 'organisation' && p.organisationId)
    .map((p) => ({ value: p.organisationId!, label: p.name }));
  const knownDocuments: Choice[] = (item?.documents ?? []).map((d) => ({
    value: d.id,
    label: [d.number, d.title].filter(Boolean).join(' – '),
  }));

  const submit = async (values: ItemValues) => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
      if (!item) {
        form.resetFields();
        setCreated([]);
      }
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Form
        form={form}
        layout="vertical"
        name={item ? `sua-${item.id}` : 'them-noi-dung'}
        initialValues={item ? toValues(item) : { kind: 'topic' }}
        onFinish={submit}
      >
        {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
        <div className="form-grid">
          <Form.Item label="Loại nội dung" name="kind">
            <Select options={KINDS.map((k) => ({ value: k, label: AGENDA_KINDS[k] }))} />
          </Form.Item>
          <Form.Item label="Bắt đầu lúc" name="startsAt">
            <Input type="time" />
          </Form.Item>
          <Form.Item label="Kết thúc lúc" name="endsAt">
            <Input type="time" />
          </Form.Item>
        </div>
        <Form.Item
          label="Tên nội dung"
          name="title"
          rules={[{ required: true, whitespace: true, min: 2, message: 'Vui lòng nhập tên nội dung.' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="Người trình bày" name="people">
          <RemotePicker kind="people" multiple known={knownPeople} placeholder="Gõ tên để tìm" />
        </Form.Item>
        <Button onClick={() => setCreating(true)} className="inline-create">
          Thêm người trình bày mới…
        </Button>
        <Form.Item label="Cơ quan trình bày (khi không nêu tên người)" name="organisations">
          <RemotePicker kind="organisations" multiple known={knownOrganisations} placeholder="Gõ tên cơ quan" />
        </Form.Item>
        <Form.Item label="Văn bản hướng dẫn" name="documentIds">
          <RemotePicker kind="documents" multiple known={knownDocuments} placeholder="Gõ số hoặc tên văn bản" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {submitLabel}
        </Button>
      </Form>
      <NewPersonDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(person) => {
          setCreated((before) => [...before, person]);
          form.setFieldValue('people', [
            ...((form.getFieldValue('people') as number[] | undefined) ?? []),
            person.value,
          ]);
        }}
      />
    </>
  );
}
