import { useQuery } from '@tanstack/react-query';
import { Button, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useSession } from '../catalogue/queries';
import { api, unwrap } from '../shared/api/client';
import { formatSchedule } from '../shared/format';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { RequireRole } from './RequireRole';
import { useMyRegistrations, type Registration } from './queries';

export default function QrCardsPage() {
  return (
    <RequireRole role="province_delegate">
      <QrCards sessionId={Number(useParams().id)} />
    </RequireRole>
  );
}

/**
 * A printable page of check-in cards for my province's confirmed people: name, agency, session
 * and QR. Only confirmed registrations have a check-in code. The QR images need the bearer token,
 * so they are fetched by the API client and shown as data: URLs (the CSP allows data: images,
 * not blob:), which also serve as the per-person PNG download.
 */
function QrCards({ sessionId }: { sessionId: number }) {
  const session = useSession(sessionId);
  const registrations = useMyRegistrations(sessionId);
  usePageTitle(session.data ? `Thẻ QR: ${session.data.title}` : 'Thẻ QR');
  const failed = session.error ?? registrations.error;
  if (failed) {
    return (
      <ErrorState
        error={failed}
        onRetry={() => {
          void session.refetch();
          void registrations.refetch();
        }}
      />
    );
  }
  if (!session.data || !registrations.data) return <Loading />;
  const confirmed = registrations.data.items.filter((r) => r.status === 'confirmed');
  return (
    <article>
      <Typography.Title level={1}>Thẻ QR điểm danh</Typography.Title>
      <p className="no-print">
        {session.data.title} ({formatSchedule(session.data.schedule)}).{' '}
        <Link to={`/dai-bieu/phien/${sessionId}`}>Quay lại danh sách đăng ký</Link>
      </p>
      {confirmed.length === 0 ? (
        <p role="status">Chưa có người nào được xác nhận: thẻ QR chỉ có cho người đã được xác nhận.</p>
      ) : (
        <>
          <p role="status" className="no-print">
            {confirmed.length} thẻ cho người đã được xác nhận. In trang này (khổ A4) hoặc tải ảnh QR của từng người.
          </p>
          <Button type="primary" className="no-print" onClick={() => window.print()}>
            In các thẻ
          </Button>
          <ul className="qr-cards" aria-label="Thẻ QR">
            {confirmed.map((r) => (
              <QrCard key={r.id} registration={r} sessionTitle={session.data.title} />
            ))}
          </ul>
        </>
      )}
    </article>
  );
}

function useQrDataUrl(registrationId: number) {
  return useQuery({
    queryKey: ['qr', registrationId],
    staleTime: Infinity,
    queryFn: async () => {
      const blob = await unwrap(
        api.GET('/api/v1/registrations/{id}/qr.png', { params: { path: { id: registrationId } }, parseAs: 'blob' }),
      );
      return new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as string);
        reader.onerror = () => reject(reader.error ?? new Error('QR'));
        reader.readAsDataURL(blob as Blob);
      });
    },
  });
}

function QrCard({ registration, sessionTitle }: { registration: Registration; sessionTitle: string }) {
  const qr = useQrDataUrl(registration.id);
  const fileName = `qr-${registration.fullName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-')}.png`;
  return (
    <li className="qr-card" aria-label={registration.fullName}>
      <p className="qr-name">{registration.fullName}</p>
      <p>{registration.agency}</p>
      <p>{registration.provinceName}</p>
      <p className="qr-session">{sessionTitle}</p>
      {qr.isError ? (
        <ErrorState error={qr.error} onRetry={() => void qr.refetch()} />
      ) : qr.data ? (
        <>
          <img src={qr.data} alt={`Mã QR điểm danh của ${registration.fullName}`} width={160} height={160} />
          <a className="no-print" href={qr.data} download={fileName}>
            Tải ảnh QR của {registration.fullName}
          </a>
        </>
      ) : (
        <Loading />
      )}
    </li>
  );
}
