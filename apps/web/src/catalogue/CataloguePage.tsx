import { Input, Pagination, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SESSION_KINDS, formatSchedule, label } from '../shared/format';
import { ErrorState } from '../shared/ui/ErrorState';
import { Loading } from '../shared/ui/Loading';
import { usePageTitle } from '../shared/ui/usePageTitle';
import { useDebounced } from '../shared/useDebounced';
import { CatalogueFilter } from './CatalogueFilter';
import { useFilterChoices, useProvinces, useRegions, useSessions, type SessionQuery } from './queries';

const PAGE_SIZE = 10;
const FIRST_YEAR = 2015;

const numberParam = (value: string | null) => (value && /^\d+$/.test(value) ? Number(value) : undefined);

/** The public catalogue: search as you type, a few filters, all kept in the address (shareable, back works). */
export default function CataloguePage() {
  usePageTitle('Danh mục hội nghị');
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const q = useDebounced(text.trim(), 300);

  const year = numberParam(params.get('nam'));
  const hostProvince = numberParam(params.get('tinh'));
  // A region: sessions that invited it whole, or hosted in or inviting one of its provinces.
  const region = numberParam(params.get('vung'));
  const kind = params.get('loai') ?? undefined;
  const documentId = numberParam(params.get('van-ban'));
  const presenter = numberParam(params.get('nguoi'));
  const organisation = numberParam(params.get('to-chuc'));
  const page = numberParam(params.get('trang')) ?? 1;

  const update = (changes: Record<string, string | number | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        if (!('trang' in changes)) next.delete('trang');
        return next;
      },
      { replace: true },
    );

  // The settled search text goes to the address too (replace: typing does not fill the history).
  useEffect(() => {
    if ((params.get('q') ?? '') !== q) update({ q: q || undefined });
  }, [q]);

  const query: SessionQuery = {
    q: q || undefined,
    year,
    hostProvince,
    region,
    kind: kind as SessionQuery['kind'],
    document: documentId,
    presenter,
    organisation,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const sessions = useSessions(query);
  const provinces = useProvinces();
  const regions = useRegions();
  const choices = useFilterChoices();

  const thisYear = new Date().getFullYear();
  const yearOptions = useMemo(
    () =>
      Array.from({ length: thisYear + 2 - FIRST_YEAR }, (_, i) => thisYear + 1 - i).map((y) => ({
        value: y,
        label: `Năm ${y}`,
      })),
    [thisYear],
  );
  const provinceOptions = useMemo(() => {
    const items = provinces.data?.items ?? [];
    const current = items.filter((p) => !p.validTo);
    const former = items.filter((p) => p.validTo);
    return [
      { label: 'Từ 01/07/2025 (34 tỉnh, thành phố)', options: current.map((p) => ({ value: p.id, label: p.name })) },
      {
        label: 'Đến 30/06/2025 (63 tỉnh, thành phố)',
        options: former.map((p) => ({ value: p.id, label: `${p.name} (cũ)` })),
      },
    ];
  }, [provinces.data]);
  const documentOptions = (choices.documents.data?.items ?? []).map((d) => ({
    value: d.id,
    label: [d.kind, d.number ? `số ${d.number}` : null, d.number ? null : d.title].filter(Boolean).join(' '),
  }));
  const presenterOptions = (choices.people.data?.items ?? []).map((p) => ({ value: p.id, label: p.fullName }));
  const organisationOptions = (choices.organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }));

  return (
    <>
      <Typography.Title level={1}>Danh mục hội nghị</Typography.Title>
      <Input.Search
        aria-label="Tìm hội nghị"
        placeholder="Tìm theo tên, nơi tổ chức, người trình bày… (không cần dấu)"
        allowClear
        size="large"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onSearch={(value) => setText(value)}
      />
      <div className="filters">
        <CatalogueFilter
          label="Năm"
          placeholder="Tất cả các năm"
          options={yearOptions}
          value={year}
          onChange={(value) => update({ nam: value })}
        />
        <CatalogueFilter
          label="Tỉnh, thành phố đăng cai"
          searchable
          options={provinceOptions}
          loading={provinces.isPending}
          value={hostProvince}
          onChange={(value) => update({ tinh: value })}
        />
        <CatalogueFilter
          label="Vùng"
          searchable
          options={(regions.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          loading={regions.isPending}
          value={region}
          onChange={(value) => update({ vung: value })}
        />
        <CatalogueFilter
          label="Loại hội nghị"
          options={Object.entries(SESSION_KINDS).map(([value, text]) => ({ value, label: text }))}
          value={kind}
          onChange={(value) => update({ loai: value })}
        />
        <CatalogueFilter
          label="Văn bản được quán triệt"
          searchable
          options={documentOptions}
          loading={choices.documents.isPending}
          value={documentId}
          onChange={(value) => update({ 'van-ban': value })}
        />
        <CatalogueFilter
          label="Người trình bày"
          searchable
          options={presenterOptions}
          loading={choices.people.isPending}
          value={presenter}
          onChange={(value) => update({ nguoi: value })}
        />
        <CatalogueFilter
          label="Đơn vị tổ chức, trình bày"
          searchable
          options={organisationOptions}
          loading={choices.organisations.isPending}
          value={organisation}
          onChange={(value) => update({ 'to-chuc': value })}
        />
      </div>

      {sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : !sessions.data ? (
        <Loading />
      ) : (
        <>
          <p role="status" aria-live="polite">
            {sessions.data.page.total === 0
              ? 'Không tìm thấy hội nghị nào phù hợp.'
              : `Tìm thấy ${sessions.data.page.total} hội nghị`}
          </p>
          <ul className="session-list" aria-label="Kết quả tìm kiếm">
            {sessions.data.items.map((session) => (
              <li key={session.id} className="session-card">
                <h2>
                  <Link to={`/phien/${session.id}`}>{session.title}</Link>
                </h2>
                <dl className="facts">
                  <div>
                    <dt>Thời gian:</dt>
                    <dd>{formatSchedule(session.schedule)}</dd>
                  </div>
                  {session.venueName && (
                    <div>
                      <dt>Địa điểm:</dt>
                      <dd>{session.venueName}</dd>
                    </div>
                  )}
                  {session.hostProvince && (
                    <div>
                      <dt>Đăng cai:</dt>
                      <dd>{session.hostProvince.name}</dd>
                    </div>
                  )}
                  {matchedFields(session.highlights) && (
                    <div>
                      <dt>Khớp:</dt>
                      <dd>{matchedFields(session.highlights)}</dd>
                    </div>
                  )}
                  <div>
                    <dt className="visually-hidden">Loại:</dt>
                    <dd>
                      <Tag>{label(SESSION_KINDS, session.kind)}</Tag>
                    </dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
          {sessions.data.page.total > PAGE_SIZE && (
            <nav className="pager" aria-label="Phân trang">
              <Pagination
                current={page}
                pageSize={PAGE_SIZE}
                total={sessions.data.page.total}
                showSizeChanger={false}
                onChange={(next) => update({ trang: next === 1 ? undefined : next })}
              />
            </nav>
          )}
        </>
      )}
    </>
  );
}

/** What a search matched besides the title (which the card shows anyway), e.g. "Kết luận 57-KL/TW". */
function matchedFields(highlights: { field: string; text: string }[] | undefined): string | undefined {
  const shown = (highlights ?? []).filter((h) => h.field !== 'title').map((h) => h.text);
  return shown.length > 0 ? [...new Set(shown)].join(' · ') : undefined;
}
