import { Alert, Button, Form, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../shared/api/client';
import { errorMessage } from '../shared/api/problem';
import type { components } from '../shared/api/schema';
import { PersonFields, showFieldErrors, type PersonValues } from './PersonFields';
import type { Registration } from './queries';

type Changes = Omit<components['schemas']['UpdateRegistrationDto'], 'version'>;

function formValues(registration: Registration): PersonValues {
  return {
    fullName: registration.fullName,
    gender: registration.gender ?? undefined,
    position: registration.position ?? undefined,
    agency: registration.agency,
    phone: registration.phone ?? undefined,
    email: registration.email ?? undefined,
  };
}

/**
 * Only what the delegate changed is sent (the API edits in the PATCH sense). A cleared
 * position is sent as "" so it is cleared; gender, phone and email keep their value when
 * emptied, as the API keeps a field that is left out.
 */
function changes(before: PersonValues, after: PersonValues): Changes {
  const changed: Record<string, string> = {};
  for (const key of Object.keys(before) as (keyof PersonValues)[]) {
    const value = after[key]?.trim() ?? '';
    if (value === (before[key] ?? '')) continue;
    if (value !== '' || key === 'position') changed[key] = value;
  }
  return changed as Changes;
}

/** The dialog for correcting a registration while registration is open (name, agency, contact…). */
export function EditRegistration({
  registration,
  onClose,
  onSaved,
  refresh,
}: {
  registration: Registration;
  onClose: () => void;
  onSaved: (saved: Registration) => void;
  refresh: () => Promise<unknown>;
}) {
  const [form] = Form.useForm<PersonValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // Someone else saved meanwhile (a 409 refreshed the list): show their version to edit again.
  // Keyed on the version, so a refetch of the same data keeps what the delegate is typing.
  const latest = formValues(registration);
  useEffect(() => {
    form.setFieldsValue(latest);
  }, [form, registration.version]);

  const submit = async (values: PersonValues) => {
    const body = changes(formValues(registration), values);
    if (Object.keys(body).length === 0) return onClose();
    setBusy(true);
    setError(null);
    try {
      const saved = await unwrap(
        api.PATCH('/api/v1/registrations/{id}', {
          params: { path: { id: registration.id } },
          body: { ...body, version: registration.version },
        }),
      );
      await refresh();
      onSaved(saved);
    } catch (failure) {
      if (!showFieldErrors(form, failure)) {
        setError(failure);
        // A stale version or a closed window: let the page show what is true now.
        await refresh().catch(() => undefined);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={`Sửa thông tin: ${registration.fullName}`} onCancel={onClose} footer={null} destroyOnHidden>
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      <Form
        form={form}
        name="sua-dang-ky"
        layout="vertical"
        requiredMark="optional"
        initialValues={formValues(registration)}
        onFinish={submit}
      >
        <PersonFields />
        <div className="dialog-buttons">
          <Button onClick={onClose}>Hủy</Button>
          <Button type="primary" htmlType="submit" loading={busy}>
            Lưu thay đổi
          </Button>
        </div>
      </Form>
    </Modal>
  );
}
