import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Popconfirm } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../shared/api/client';
import { errorMessage } from '../shared/api/problem';
import { formatDate } from '../shared/format';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';

/** "Phó Trưởng ban – Ban Tuyên giáo (từ 01/03/2024)": a post as the catalogue records it. */
function postText(p: {
  title: string;
  organisationName?: string | null;
  validFrom?: string | null;
  attestedOn?: string | null;
}) {
  const when = p.validFrom
    ? ` (từ ${formatDate(p.validFrom)})`
    : p.attestedOn
      ? ` (ghi nhận ${formatDate(p.attestedOn)})`
      : '';
  return `${p.title}${p.organisationName ? ` – ${p.organisationName}` : ''}${when}`;
}

/** A person's recorded posts, each removable (a post entered by mistake, or wrongly attributed). */
export function PersonPostsDialog({
  person,
  onClose,
}: {
  person: { id: number; fullName: string };
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const detail = useQuery({
    queryKey: ['person', person.id],
    queryFn: () => unwrap(api.GET('/api/v1/people/{id}', { params: { path: { id: String(person.id) } } })),
  });
  const remove = async (positionId: number) => {
    setError(null);
    try {
      await unwrap(
        api.DELETE('/api/v1/people/{id}/positions/{positionId}', { params: { path: { id: person.id, positionId } } }),
      );
      await queryClient.invalidateQueries({ queryKey: ['person', person.id] });
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Modal open title={`Chức vụ của ${person.fullName}`} footer={null} onCancel={onClose}>
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      {detail.isError ? (
        <ErrorState error={detail.error} />
      ) : !detail.data ? (
        <Loading />
      ) : detail.data.positions.length === 0 ? (
        <p>Chưa ghi nhận chức vụ nào.</p>
      ) : (
        <ul className="registration-list" aria-label="Chức vụ đã ghi nhận">
          {detail.data.positions.map((p) => (
            <li key={p.id} className="registration-row">
              <span>{postText(p)}</span>
              <Popconfirm
                title={`Bỏ chức vụ ${p.title}?`}
                okText="Bỏ"
                cancelText="Không"
                onConfirm={() => remove(p.id)}
              >
                <Button size="small" danger aria-label={`Bỏ chức vụ ${p.title}`}>
                  Bỏ
                </Button>
              </Popconfirm>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
