import { Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError } from '../shared/api/problem';
import { ORGANISATION_KINDS, ORGANISER_ROLES, formatDate, label, yearOf } from '../shared/format';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { NotFoundPage } from '../shared/ui/NotFoundPage';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { Cites } from './Cite';
import { useOrganisation } from './queries';

/** An organisation: its names over time (renames and variant spellings) and the sessions it took part in. */
export default function OrganisationPage() {
  const id = Number(useParams().id);
  const organisation = useOrganisation(id);
  const o = organisation.data;
  usePageTitle(o?.name);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (organisation.isError) {
    if (organisation.error instanceof ApiError && organisation.error.status === 404) return <NotFoundPage />;
    return <ErrorState error={organisation.error} onRetry={() => void organisation.refetch()} />;
  }
  if (!o) return <Loading />;
  const official = o.names.filter((n) => !n.isAlias);
  const aliases = o.names.filter((n) => n.isAlias);
  return (
    <article>
      <Typography.Title level={1}>{o.name}</Typography.Title>
      <p>
        {label(ORGANISATION_KINDS, o.kind)}
        {o.shortName && <span> · viết tắt: {o.shortName}</span>}
      </p>
      {o.note && <p>{o.note}</p>}
      <section className="section" aria-labelledby="ten-goi">
        <h2 id="ten-goi">Tên gọi theo thời gian</h2>
        {official.length === 0 ? (
          <p>Chưa có thông tin về các tên gọi trước đây.</p>
        ) : (
          <ul>
            {official.map((n, index) => (
              <li key={index}>
                {n.name}
                {n.validFrom && <span> từ {formatDate(n.validFrom)}</span>}
                {n.validTo ? <span> đến {formatDate(n.validTo)}</span> : <span> (tên hiện nay)</span>}{' '}
                <Cites citations={n.citations} />
              </li>
            ))}
          </ul>
        )}
        {aliases.length > 0 && (
          <p>
            Cách gọi khác trong nguồn tin:{' '}
            {aliases.map((n, index) => (
              <span key={index}>
                {index > 0 && '; '}
                {n.name} <Cites citations={n.citations} />
              </span>
            ))}
          </p>
        )}
      </section>
      {o.children.length > 0 && (
        <section className="section" aria-labelledby="don-vi-truc-thuoc">
          <h2 id="don-vi-truc-thuoc">Đơn vị trực thuộc</h2>
          <ul>
            {o.children.map((child) => (
              <li key={child.id}>
                <Link to={`/to-chuc/${child.id}`}>{child.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="section" aria-labelledby="hoi-nghi-da-to-chuc">
        <h2 id="hoi-nghi-da-to-chuc">Hội nghị đã tổ chức hoặc tham gia</h2>
        {o.sessions.length === 0 ? (
          <p>Chưa có hội nghị nào trong danh mục.</p>
        ) : (
          <ul>
            {o.sessions.map((s) => (
              <li key={`${s.sessionId}-${s.role}`}>
                <Link to={`/phien/${s.sessionId}`}>{s.title}</Link> ({yearOf(s.startsOn)}):{' '}
                {label(ORGANISER_ROLES, s.role)}
                {s.nameThen !== o.name && <span>, khi đó mang tên {s.nameThen}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
