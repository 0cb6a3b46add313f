import { Tag, Typography } from 'antd';
import { Fragment, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import type { components } from '../shared/api/schema';
import {
  AGENDA_KINDS,
  FORMATS,
  REPORTED_FIELDS,
  SESSION_KINDS,
  SESSION_STATUSES,
  formatDate,
  formatSchedule,
  label,
} from '../shared/format';
import { ApiError } from '../shared/api/problem';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { NotFoundPage } from '../shared/ui/NotFoundPage';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { Cites } from './Cite';
import { useProvinces, useSession } from './queries';

type Session = components['schemas']['SessionDetailDto'];
type Position = components['schemas']['PositionDto'];

export default function SessionPage() {
  const id = Number(useParams().id);
  const session = useSession(id);
  usePageTitle(session.data?.title);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (session.isError) {
    if (session.error instanceof ApiError && session.error.status === 404) return <NotFoundPage />;
    return <ErrorState error={session.error} onRetry={() => void session.refetch()} />;
  }
  if (!session.data) return <Loading />;
  return <SessionView session={session.data} />;
}

function positionText(position: Position): string {
  return [position.title, position.organisationName].filter(Boolean).join(', ');
}

function SessionView({ session }: { session: Session }) {
  const lead = session.organisers.filter((o) => o.role === 'lead');
  const partners = session.organisers.filter((o) => o.role !== 'lead');
  return (
    <article>
      <Typography.Title level={1}>{session.title}</Typography.Title>
      <dl className="facts">
        <div>
          <dt>Thời gian:</dt>
          <dd>{formatSchedule(session.schedule)}</dd>
        </div>
        {session.venueName && (
          <div>
            <dt>Địa điểm:</dt>
            <dd>
              {session.venueName}
              {session.venueAddress ? `, ${session.venueAddress}` : ''}
            </dd>
          </div>
        )}
        {session.hostProvince && (
          <div>
            <dt>Đăng cai:</dt>
            <dd>{session.hostProvince.name}</dd>
          </div>
        )}
        <div>
          <dt>Hình thức:</dt>
          <dd>{label(FORMATS, session.format)}</dd>
        </div>
        <div>
          <dt className="visually-hidden">Loại và trạng thái:</dt>
          <dd>
            <Tag>{label(SESSION_KINDS, session.kind)}</Tag>
            <Tag>{label(SESSION_STATUSES, session.status)}</Tag>
          </dd>
        </div>
      </dl>
      {session.citations.length > 0 && (
        <p>
          Nguồn: <Cites citations={session.citations} />
        </p>
      )}
      {session.audience && <p>Thành phần: {session.audience}</p>}

      {session.organisers.length > 0 && (
        <section className="section" aria-labelledby="don-vi-to-chuc">
          <h2 id="don-vi-to-chuc">Đơn vị tổ chức</h2>
          {[
            ['Chủ trì', lead],
            ['Phối hợp', partners],
          ].map(([title, list]) =>
            (list as Session['organisers']).length === 0 ? null : (
              <Fragment key={title as string}>
                <h3>{title as string}</h3>
                <ul>
                  {(list as Session['organisers']).map((o) => (
                    <li key={o.organisationId}>
                      <Link to={`/to-chuc/${o.organisationId}`}>{o.name}</Link>
                      {o.currentName !== o.name && <span> (nay là {o.currentName})</span>}{' '}
                      <Cites citations={o.citations} />
                    </li>
                  ))}
                </ul>
              </Fragment>
            ),
          )}
        </section>
      )}

      {session.reportedCounts.length > 0 && <ReportedCounts session={session} />}

      <Appearances session={session} />

      {session.agenda.length > 0 && (
        <section className="section" aria-labelledby="chuong-trinh">
          <h2 id="chuong-trinh">Chương trình</h2>
          <ol>
            {session.agenda.map((item) => (
              <li key={item.id}>
                {item.day !== null && <span>Ngày thứ {item.day}: </span>}
                <strong>{item.title}</strong> <Tag>{label(AGENDA_KINDS, item.kind)}</Tag>
                {item.startsAt && (
                  <span>
                    {' '}
                    {item.startsAt}
                    {item.endsAt ? `–${item.endsAt}` : ''}
                  </span>
                )}
                {item.presenters.length > 0 && (
                  <ul aria-label="Người trình bày">
                    {item.presenters.map((p, index) => (
                      <li key={`${p.personId ?? p.organisationId ?? index}`}>
                        {p.type === 'person' && p.personId ? (
                          <Link to={`/nguoi/${p.personId}`}>
                            {[p.academicTitle, p.militaryRank, p.name].filter(Boolean).join(' ')}
                          </Link>
                        ) : (
                          p.name
                        )}
                        {p.positions.length > 0 && <span> — {p.positions.map(positionText).join('; ')}</span>}
                      </li>
                    ))}
                  </ul>
                )}
                {item.summary && <p>{item.summary}</p>}
                {item.documents.length > 0 && (
                  <p>
                    Văn bản:{' '}
                    {item.documents.map((d, index) => (
                      <Fragment key={d.id}>
                        {index > 0 && ', '}
                        <Link to={`/van-ban/${d.id}`}>{d.number ?? d.title}</Link>
                      </Fragment>
                    ))}
                  </p>
                )}
                {item.citations.length > 0 && (
                  <p>
                    Nguồn: <Cites citations={item.citations} />
                  </p>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}

      {session.documents.length > 0 && (
        <section className="section" aria-labelledby="van-ban">
          <h2 id="van-ban">Văn bản được quán triệt</h2>
          <ul>
            {session.documents.map((d) => (
              <li key={d.id}>
                <Link to={`/van-ban/${d.id}`}>
                  {[d.kind, d.number ? `số ${d.number}` : null].filter(Boolean).join(' ')}
                </Link>{' '}
                {d.issuedOn ? `ngày ${formatDate(d.issuedOn)}` : ''}
                {' — '}
                {d.title}
              </li>
            ))}
          </ul>
        </section>
      )}

      <InvitedProvinces session={session} />

      {session.bridgePoints.length > 0 && (
        <section className="section" aria-labelledby="diem-cau">
          <h2 id="diem-cau">Điểm cầu</h2>
          <ul>
            {session.bridgePoints.map((b) => (
              <li key={b.id}>
                {b.name}
                {b.province ? ` (${b.province.name})` : ''}
                {b.abroad ? ' — ở nước ngoài' : ''} <Cites citations={b.citations} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {session.sources.length > 0 && (
        <section className="section" aria-labelledby="nguon">
          <h2 id="nguon">Nguồn tin</h2>
          <ul>
            {session.sources.map((s) => (
              <li key={s.key}>
                <strong>{s.key}</strong> — {s.title}
                {s.publisher ? `, ${s.publisher}` : ''}
                {s.publishedOn ? `, ${formatDate(s.publishedOn)}` : ''}
                {s.url && (
                  <>
                    {' '}
                    <a href={s.url} rel="noreferrer noopener" target="_blank">
                      (bài gốc)
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

const QUALIFIER_WORDS: Record<string, string> = { at_least: 'hơn ', about: 'khoảng ', at_most: 'tối đa ' };
const ROLE_WORDS: Record<string, string> = {
  chair: 'Chủ trì',
  guest: 'Khách mời',
  speaker: 'Phát biểu',
  lecturer: 'Giảng viên',
  award_recipient: 'Được khen thưởng',
};

/** Delegations as the report lists them (by agency, with headcounts), and who did what at the event. */
function Appearances({ session }: { session: Session }) {
  if (session.reportedDelegations.length === 0 && session.roles.length === 0 && session.awards.length === 0) {
    return null;
  }
  return (
    <section className="section" aria-labelledby="thanh-phan">
      <h2 id="thanh-phan">Thành phần tham dự</h2>
      <ul>
        {session.roles.map((r) => (
          <li key={`role-${r.id}`}>
            {ROLE_WORDS[r.role] ?? r.role}:{' '}
            {r.personId ? (
              <Link to={`/nguoi/${r.personId}`}>{r.name}</Link>
            ) : (
              <Link to={`/to-chuc/${r.organisationId}`}>{r.name}</Link>
            )}
            {r.statedAs ? `, ${r.statedAs}` : ''} <Cites citations={r.citations} />
          </li>
        ))}
        {session.reportedDelegations.map((d) => (
          <li key={`delegation-${d.id}`}>
            Đoàn {d.province.name}
            {d.organisationName ? `: ${d.organisationName}` : ''}
            {d.headcount ? ` (${d.headcount} người)` : ''} <Cites citations={d.citations} />
          </li>
        ))}
        {session.awards.map((a) => (
          <li key={`award-${a.id}`}>
            {a.title}
            {a.recipients.length > 0 ? `: ${a.recipients.map((r) => r.name).join(', ')}` : ''}{' '}
            <Cites citations={a.citations} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Counts as the sources report them; disagreeing sources are shown side by side, not resolved. */
function ReportedCounts({ session }: { session: Session }) {
  return (
    <section className="section" aria-labelledby="so-lieu">
      <h2 id="so-lieu">Số liệu được báo cáo</h2>
      <ul>
        {session.reportedCounts.map((count) => {
          const field = REPORTED_FIELDS[count.field] ?? { label: count.field, unit: '' };
          return (
            <li key={count.field}>
              {field.label}:{' '}
              {count.claims.map((claim, index) => (
                <Fragment key={index}>
                  {index > 0 && ' · '}
                  <span>
                    {QUALIFIER_WORDS[claim.qualifier] ?? ''}
                    {claim.value}
                    {field.unit ? ` ${field.unit}` : ''}
                  </span>{' '}
                  <Cites citations={claim.citations} />
                </Fragment>
              ))}
              {count.conflict && <Tag className="conflict">Các nguồn không thống nhất</Tag>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function InvitedProvinces({ session }: { session: Session }) {
  const provinces = useProvinces();
  const groups = useMemo(() => {
    const regionOf = new Map((provinces.data?.items ?? []).map((p) => [p.id, p.regionName]));
    const byRegion = new Map<string, string[]>();
    for (const p of session.invitedProvinces) {
      const region = regionOf.get(p.id) ?? 'Khác';
      byRegion.set(region, [...(byRegion.get(region) ?? []), p.name]);
    }
    return [...byRegion.entries()];
  }, [provinces.data, session.invitedProvinces]);

  if (session.invitationScope === null && session.invitedRegions.length === 0 && groups.length === 0) return null;
  return (
    <section className="section" aria-labelledby="duoc-moi">
      <h2 id="duoc-moi">Tỉnh, thành phố được mời</h2>
      {session.invitationScope === 'nationwide' && <p>Toàn quốc</p>}
      {session.invitedRegions.length > 0 && (
        <p>Khu vực: {session.invitedRegions.map((r) => (r.inPart ? `${r.name} (một phần)` : r.name)).join(', ')}</p>
      )}
      {groups.map(([region, names]) => (
        <Fragment key={region}>
          <h3>
            {region} ({names.length})
          </h3>
          <p>{names.join(', ')}</p>
        </Fragment>
      ))}
      {session.invitationScope !== 'nationwide' && groups.length === 0 && (
        <p>Nguồn tin không nêu danh sách tỉnh, thành phố cụ thể.</p>
      )}
    </section>
  );
}
