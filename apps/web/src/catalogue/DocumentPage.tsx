import { Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError } from '../shared/api/problem';
import { formatDate, yearOf } from '../shared/format';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { NotFoundPage } from '../shared/ui/NotFoundPage';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { Cites } from './Cite';
import { useDocument } from './queries';

/** A guiding document (Nghị quyết, Kết luận, Chỉ thị…): its number, kind, date, and the sessions that covered it. */
export default function DocumentPage() {
  const id = Number(useParams().id);
  const doc = useDocument(id);
  const d = doc.data;
  const heading = d ? [d.kind, d.number ? `số ${d.number}` : null].filter(Boolean).join(' ') : undefined;
  usePageTitle(heading);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (doc.isError) {
    if (doc.error instanceof ApiError && doc.error.status === 404) return <NotFoundPage />;
    return <ErrorState error={doc.error} onRetry={() => void doc.refetch()} />;
  }
  if (!d) return <Loading />;
  return (
    <article>
      <Typography.Title level={1}>{heading}</Typography.Title>
      <p>{d.title}</p>
      <dl className="facts">
        <div>
          <dt>Loại văn bản:</dt>
          <dd>{d.kind}</dd>
        </div>
        <div>
          <dt>Số, ký hiệu:</dt>
          <dd>{d.number ?? 'chưa rõ'}</dd>
        </div>
        <div>
          <dt>Ngày ban hành:</dt>
          <dd>{d.issuedOn ? formatDate(d.issuedOn) : 'chưa rõ'}</dd>
        </div>
        {d.issuerName && (
          <div>
            <dt>Cơ quan ban hành:</dt>
            <dd>{d.issuerId ? <Link to={`/to-chuc/${d.issuerId}`}>{d.issuerName}</Link> : d.issuerName}</dd>
          </div>
        )}
      </dl>
      {d.note && <p>{d.note}</p>}
      {d.citations.length > 0 && (
        <p>
          Nguồn: <Cites citations={d.citations} />
        </p>
      )}
      <section className="section" aria-labelledby="duoc-quan-triet-tai">
        <h2 id="duoc-quan-triet-tai">Được quán triệt tại</h2>
        {d.coveredBy.length === 0 ? (
          <p>Chưa có hội nghị nào trong danh mục.</p>
        ) : (
          <ul>
            {d.coveredBy.map((c) => (
              <li key={`${c.sessionId}-${c.agendaItemId ?? 'all'}`}>
                <Link to={`/phien/${c.sessionId}`}>{c.sessionTitle}</Link> ({yearOf(c.startsOn)})
                {c.agendaItemTitle && <span>: {c.agendaItemTitle}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
