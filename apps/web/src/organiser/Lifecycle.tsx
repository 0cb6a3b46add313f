import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Modal, Popconfirm } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../shared/api/client';
import { errorMessage } from '../shared/api/problem';
import { sessionWrites, useSessionWrite, type SessionDetail } from './queries';

type Status = 'draft' | 'scheduled' | 'registration_open' | 'in_progress' | 'completed' | 'cancelled';

/** The moves the API allows from each state (its LEGAL_TRANSITIONS), each with the words on its button. */
const MOVES: Record<Status, { to: Status; label: string }[]> = {
  draft: [{ to: 'scheduled', label: 'Công bố (lên lịch)' }],
  scheduled: [
    { to: 'registration_open', label: 'Mở đăng ký' },
    { to: 'in_progress', label: 'Bắt đầu hội nghị' },
    { to: 'draft', label: 'Chuyển về bản nháp' },
  ],
  registration_open: [
    { to: 'scheduled', label: 'Đóng đăng ký' },
    { to: 'in_progress', label: 'Bắt đầu hội nghị' },
  ],
  in_progress: [{ to: 'completed', label: 'Kết thúc hội nghị' }],
  completed: [],
  cancelled: [],
};
const CANCELLABLE: Status[] = ['draft', 'scheduled', 'registration_open', 'in_progress'];

export function Lifecycle({ session }: { session: SessionDetail }) {
  const status = session.status as Status;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const change = useSessionWrite(session.id, sessionWrites.status(session.id));
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const move = async (to: Status, text: string, why?: string) => {
    setError(null);
    setDone(null);
    try {
      await change.mutateAsync({ status: to, ...(why ? { reason: why } : {}) });
      setDone(text);
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    }
  };

  const remove = async () => {
    setError(null);
    try {
      await unwrap(api.DELETE('/api/v1/sessions/{id}', { params: { path: { id: session.id } } }));
      queryClient.removeQueries({ queryKey: ['session', session.id] });
      void queryClient.invalidateQueries({ queryKey: ['organiser-sessions'] });
      await navigate('/quan-ly');
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <section className="section" aria-labelledby="vong-doi">
      <h2 id="vong-doi">Chuyển trạng thái</h2>
      {done && <Alert type="success" showIcon role="status" title={`Đã thực hiện: ${done}.`} />}
      {error !== null && <Alert type="error" showIcon role="alert" title={errorMessage(error)} />}
      <div className="toolbar">
        {MOVES[status].map((m) => (
          <Button key={m.to} type={m.to === 'draft' ? 'default' : 'primary'} onClick={() => void move(m.to, m.label)}>
            {m.label}
          </Button>
        ))}
        {CANCELLABLE.includes(status) && (
          <Button danger onClick={() => setCancelling(true)}>
            Hủy hội nghị
          </Button>
        )}
        {(status === 'draft' || status === 'cancelled') && (
          <Popconfirm
            title="Xóa hẳn hội nghị này?"
            description="Không thể hoàn tác."
            okText="Xóa"
            cancelText="Không"
            onConfirm={() => remove()}
          >
            <Button danger>Xóa hội nghị</Button>
          </Popconfirm>
        )}
        {MOVES[status].length === 0 && !CANCELLABLE.includes(status) && <span>Hội nghị đã kết thúc hoặc đã hủy.</span>}
      </div>
      <Modal
        open={cancelling}
        title="Hủy hội nghị"
        okText="Hủy hội nghị"
        cancelText="Quay lại"
        okButtonProps={{ danger: true, loading: change.isPending }}
        onCancel={() => setCancelling(false)}
        onOk={async () => {
          if (!reason.trim()) {
            setReasonMissing(true);
            return;
          }
          if (await move('cancelled', 'Hủy hội nghị', reason.trim())) setCancelling(false);
        }}
      >
        <label className="stack-label" htmlFor="ly-do-huy">
          Lý do hủy (bắt buộc, các tỉnh được mời sẽ thấy)
        </label>
        <Input.TextArea
          id="ly-do-huy"
          value={reason}
          aria-invalid={reasonMissing}
          aria-describedby={reasonMissing ? 'ly-do-huy-loi' : undefined}
          onChange={(event) => {
            setReason(event.target.value);
            setReasonMissing(false);
          }}
        />
        {reasonMissing && (
          <p id="ly-do-huy-loi" className="field-error">
            Vui lòng nhập lý do hủy.
          </p>
        )}
      </Modal>
    </section>
  );
}
