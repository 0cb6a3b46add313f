import { Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError } from '../shared/api/problem';
import { formatDate, yearOf } from '../shared/format';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { NotFoundPage } from '../shared/ui/NotFoundPage';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { Cites } from './Cite';
import { usePerson } from './queries';

/** A presenter: posts over time (each attested at a date, with its source) and what they presented. */
export default function PersonPage() {
  const id = Number(useParams().id);
  const person = usePerson(id);
  const p = person.data;
  usePageTitle(p?.fullName);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (person.isError) {
    if (person.error instanceof ApiError && person.error.status === 404) return <NotFoundPage />;
    return <ErrorState error={person.error} onRetry={() => void person.refetch()} />;
  }
  if (!p) return <Loading />;
  return (
    <article>
      <Typography.Title level={1}>
        {[p.academicTitle, p.militaryRank, p.fullName].filter(Boolean).join(' ')}
      </Typography.Title>
      <section className="section" aria-labelledby="chuc-vu">
        <h2 id="chuc-vu">Chức vụ theo thời gian</h2>
        {p.positions.length === 0 ? (
          <p>Chưa có thông tin chức vụ.</p>
        ) : (
          <ul>
            {p.positions.map((pos, index) => (
              <li key={index}>
                {[pos.title, pos.organisationName].filter(Boolean).join(', ')}
                {pos.attestedOn && <span> (ghi nhận ngày {formatDate(pos.attestedOn)})</span>}
                {pos.validFrom && <span> từ {formatDate(pos.validFrom)}</span>}
                {pos.validTo && <span> đến {formatDate(pos.validTo)}</span>} <Cites citations={pos.citations} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="section" aria-labelledby="trinh-bay">
        <h2 id="trinh-bay">Đã trình bày tại</h2>
        <ul>
          {p.presentations.map((item) => (
            <li key={item.agendaItemId}>
              <Link to={`/phien/${item.sessionId}`}>{item.sessionTitle}</Link> ({yearOf(item.startsOn)}):{' '}
              {item.agendaItemTitle}
              {item.positionsThen.length > 0 && (
                <span> — khi đó là {item.positionsThen.map((x) => x.title).join('; ')}</span>
              )}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
