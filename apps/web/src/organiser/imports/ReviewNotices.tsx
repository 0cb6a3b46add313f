import { Alert, Radio, Tag } from 'antd';
import { Link } from 'react-router';
import { formatInstant } from '../../shared/format';
import type { MergeChoice } from './accept-body';
import { FIELD_LABELS, percent } from './facts';
import type { StoredImport } from './types';

/**
 * What the organiser must know before reviewing the fields: what an accepted proposal became, a
 * report that does not look like a training, and a catalogued session it seems to describe (with
 * the choice of adding it as a source there or making a new draft).
 */
export function ReviewNotices({
  proposal: p,
  merge,
  onMerge,
  refusedAgain,
}: {
  proposal: StoredImport;
  merge: MergeChoice;
  onMerge: (choice: MergeChoice) => void;
  refusedAgain: string | null;
}) {
  const accepted = p.status === 'accepted';
  const doubtful = !p.isTraining || p.confidence < 0.5;
  return (
    <>
      {accepted && p.sessionId !== null && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={
            p.acceptedAs === 'further_source'
              ? 'Đã chấp nhận: bài được thêm làm nguồn cho phiên đã có.'
              : 'Đã chấp nhận: đã tạo phiên nháp mới từ bài.'
          }
          description={
            <>
              {p.acceptedAt && <>Lúc {formatInstant(p.acceptedAt)}. </>}
              <Link to={`/quan-ly/phien/${p.sessionId}`}>Mở phiên trong trang quản lý</Link>
            </>
          }
        />
      )}

      {/* Accepted meanwhile (409): said where the accepted state is shown, not at the foot of the form. */}
      {refusedAgain && <Alert type="error" showIcon role="alert" title={refusedAgain} />}

      {doubtful && (
        <Alert
          type="warning"
          showIcon
          title={p.isTraining ? 'Đề xuất có độ tin cậy thấp' : 'Bài này có vẻ không tả một hội nghị tập huấn'}
          description={`Độ tin cậy của đề xuất: ${percent(p.confidence)}. Hãy đối chiếu từng trường với bài trước khi chấp nhận.`}
        />
      )}

      {p.sameEventAs && (
        <Alert
          type="info"
          showIcon
          className="import-same-event"
          title={
            <>
              Bài này có vẻ tả phiên đã có:{' '}
              <Link to={`/quan-ly/phien/${p.sameEventAs.session.id}`}>{p.sameEventAs.session.name}</Link> (mức giống{' '}
              {percent(p.sameEventAs.score)})
            </>
          }
          description={
            <>
              <SameEventFacts title="Bài bổ sung" fields={p.sameEventAs.adds} />
              <SameEventFacts title="Khớp với phiên" fields={p.sameEventAs.agrees} />
              <SameEventFacts title="Khác với phiên" fields={p.sameEventAs.conflicts} />
              <Radio.Group
                aria-label="Cách chấp nhận bài này"
                value={merge}
                disabled={accepted}
                onChange={(event) => onMerge(event.target.value as MergeChoice)}
                options={[
                  { value: 'follow', label: 'Thêm làm nguồn cho phiên đó' },
                  { value: 'new', label: 'Tạo phiên nháp mới' },
                ]}
              />
            </>
          }
        />
      )}
    </>
  );
}

function SameEventFacts({ title, fields }: { title: string; fields: string[] }) {
  if (!fields.length) return null;
  return (
    <p className="import-same-facts">
      {title}:{' '}
      {fields.map((f) => (
        <Tag key={f}>{FIELD_LABELS[f] ?? f}</Tag>
      ))}
    </p>
  );
}
