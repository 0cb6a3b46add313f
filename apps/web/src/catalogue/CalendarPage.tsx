import { Button, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { components } from '../shared/api/schema';
import { SESSION_KINDS, formatSchedule, label } from '../shared/format';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { useSessions } from './queries';

type Summary = components['schemas']['SessionListItemDto'];

const ICAL_PATH = '/api/v1/sessions.ics';

/**
 * Sessions of one year listed month by month. A session known only to the year is not put in a
 * month it may not belong to: it is listed apart, as "chưa rõ tháng", and a month-only date shows
 * no day.
 */
export default function CalendarPage() {
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const asked = Number(params.get('nam'));
  const year = Number.isInteger(asked) && asked >= 1945 && asked <= 2100 ? asked : thisYear;
  usePageTitle(`Lịch hội nghị năm ${year}`);
  // One year's sessions fit in a page: the catalogue holds a handful of sessions a year.
  const sessions = useSessions({ from: `${year}-01-01`, to: `${year}-12-31`, sort: 'date', order: 'asc', limit: 100 });
  const icalUrl = `${window.location.origin}${ICAL_PATH}`;
  const go = (y: number) => setParams({ nam: String(y) });

  return (
    <article>
      <Typography.Title level={1}>Lịch hội nghị năm {year}</Typography.Title>
      <nav aria-label="Chọn năm" className="year-nav">
        <Button onClick={() => go(year - 1)}>← Năm {year - 1}</Button>
        <Button onClick={() => go(year + 1)}>Năm {year + 1} →</Button>
      </nav>
      <section className="section" aria-labelledby="theo-doi-lich">
        <h2 id="theo-doi-lich">Theo dõi lịch trên điện thoại, máy tính</h2>
        <p>
          Thêm địa chỉ sau vào ứng dụng lịch (Google Calendar, Outlook, Lịch của iPhone) bằng chức năng “Đăng ký lịch
          theo URL”: hội nghị mới sẽ tự hiện. Lịch chỉ gồm các hội nghị đã biết ngày cụ thể.
        </p>
        <p className="ical-url">
          <a href={ICAL_PATH}>{icalUrl}</a>
        </p>
      </section>
      {sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : !sessions.data ? (
        <Loading />
      ) : (
        <Months year={year} items={sessions.data.items.filter((s) => s.schedule.startsOn?.startsWith(String(year)))} />
      )}
    </article>
  );
}

function Months({ year, items }: { year: number; items: Summary[] }) {
  if (items.length === 0) return <p role="status">Không có hội nghị nào trong năm {year}.</p>;
  const unknownMonth = items.filter((s) => s.schedule.precision === 'year');
  const byMonth = new Map<number, Summary[]>();
  for (const s of items) {
    if (s.schedule.precision === 'year') continue;
    const month = Number(s.schedule.startsOn?.slice(5, 7));
    byMonth.set(month, [...(byMonth.get(month) ?? []), s]);
  }
  return (
    <>
      <p role="status">
        Năm {year} có {items.length} hội nghị
      </p>
      {[...byMonth.entries()].map(([month, list]) => (
        <MonthSection key={month} id={`thang-${month}`} title={`Tháng ${month}/${year}`} items={list} />
      ))}
      {unknownMonth.length > 0 && (
        <MonthSection id="chua-ro-thang" title={`Năm ${year}, chưa rõ tháng`} items={unknownMonth} />
      )}
    </>
  );
}

function MonthSection({ id, title, items }: { id: string; title: string; items: Summary[] }) {
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul>
        {items.map((s) => (
          <li key={s.id}>
            <strong>{formatSchedule(s.schedule)}</strong>: <Link to={`/phien/${s.id}`}>{s.title}</Link>
            <span> ({[label(SESSION_KINDS, s.kind), s.hostProvince?.name].filter(Boolean).join(', ')})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
