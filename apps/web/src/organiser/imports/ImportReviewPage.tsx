import { Alert, Button, Form, Input, Select, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { RequireRole } from '../../registration/RequireRole';
import { ApiError, errorMessage, fieldMessage } from '../../shared/api/problem';
import { formatInstant, FORMATS, matchesFolded, SESSION_KINDS } from '../../shared/format';
import { ErrorState } from '../../shared/ui/ErrorState';
import { Loading } from '../../shared/ui/Loading';
import { NotFoundPage } from '../../shared/ui/NotFoundPage';
import { usePageTitle } from '../../shared/ui/usePageTitle';
import { useProvincesOn } from '../queries';
import { ORGANISER_ROLES } from '../SessionsPage';
import { buildAcceptBody, dateRangeOf, initialReview, type MergeChoice, type ReviewValues } from './accept-body';
import { ArticlePanel } from './ArticlePanel';
import { CitedField, type ParagraphTexts } from './CitedField';
import { DateFields } from './DateFields';
import { FactLists } from './FactLists';
import { PARTS_OF_DAY } from './facts';
import { ReviewNotices } from './ReviewNotices';
import { FORM_FIELD, FORM_LABELS, options } from './review-form';
import { QuoteFocusContext, type QuoteFocus } from './focus';
import type { QuoteMark } from './highlight';
import { useAcceptImport, useStoredImport } from './queries';
import { FACT_LISTS, type Citation, type StoredImport } from './types';
import './imports.css';

export default function ImportReviewPage() {
  return (
    <RequireRole role={ORGANISER_ROLES}>
      <ImportReview id={Number(useParams().id)} />
    </RequireRole>
  );
}

function ImportReview({ id }: { id: number }) {
  const stored = useStoredImport(id);
  usePageTitle('Xem lại đề xuất từ bài báo');
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  if (stored.isError) {
    if (stored.error instanceof ApiError && stored.error.status === 404) return <NotFoundPage />;
    return <ErrorState error={stored.error} onRetry={() => void stored.refetch()} />;
  }
  if (!stored.data) return <Loading />;
  return <Review proposal={stored.data} />;
}

/** Every quote of the proposal by paragraph, keyed by the field or fact it supports. */
function quoteMarks(p: StoredImport): Map<number, QuoteMark[]> {
  const byParagraph = new Map<number, QuoteMark[]>();
  const add = (key: string, cited: { citations: Citation[] } | null) => {
    for (const c of cited?.citations ?? []) {
      if (c.quote) byParagraph.set(c.paragraph, [...(byParagraph.get(c.paragraph) ?? []), { key, quote: c.quote }]);
    }
  };
  for (const key of ['title', 'kind', 'date', 'partOfDay', 'venue', 'hostProvince', 'format', 'invitation'] as const)
    add(key, p[key]);
  for (const list of FACT_LISTS) p[list].forEach((cited, index) => add(`${list}/${index}`, cited));
  return byParagraph;
}

/** The review itself, for a proposal already read (exported for its component test). */
export function Review({ proposal: p }: { proposal: StoredImport }) {
  const [form] = Form.useForm<ReviewValues>();
  const initial = useMemo(() => initialReview(p), [p]);
  const [excluded, setExcluded] = useState<Set<string>>(() => new Set());
  const [merge, setMerge] = useState<MergeChoice>('follow');
  const [failure, setFailure] = useState<unknown>(null);
  const accept = useAcceptImport(p.id);
  const accepted = p.status === 'accepted';

  const marks = useMemo(() => quoteMarks(p), [p]);
  const paragraphs: ParagraphTexts = useMemo(() => new Map(p.paragraphs.map((x) => [x.number, x.text])), [p]);
  const article = useRef<HTMLElement>(null);
  const [active, setActive] = useState<string | null>(null);
  const show = useCallback((key: string, scroll: 'panel' | 'page') => {
    setActive(key);
    const panel = article.current;
    const mark = panel?.querySelector<HTMLElement>(`mark[data-keys~="${key}"]`);
    if (!panel || !mark) return;
    const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    if (scroll === 'page') {
      mark.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
      return;
    }
    // Beside the fields the article scrolls on its own; below them (a phone) the page is left where it is.
    if (panel.scrollHeight <= panel.clientHeight) return;
    const top = mark.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop - 48;
    panel.scrollTo({ top, behavior: smooth ? 'smooth' : 'auto' });
  }, []);
  const focus = useMemo<QuoteFocus>(() => ({ active, show }), [active, show]);

  const precision = Form.useWatch('precision', form) ?? initial.precision;
  const watched = Form.useWatch([], form) as Partial<ReviewValues> | undefined;
  const day = dateRangeOf({ ...initial, ...watched, precision })?.startsOn ?? initial.day;
  const provinces = useProvincesOn(day ?? new Date().toISOString().slice(0, 10));
  const provinceOptions = useMemo(() => {
    const list = (provinces.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }));
    // The proposed unit is offered even when the date edited since belongs to the other era.
    if (initial.hostProvinceId && !list.some((o) => o.value === initial.hostProvinceId) && p.hostProvince)
      list.unshift({ value: initial.hostProvinceId, label: p.hostProvince.value.name });
    return list;
  }, [provinces.data, initial.hostProvinceId, p.hostProvince]);

  const toggle = (key: string, keep: boolean) =>
    setExcluded((now) => {
      const next = new Set(now);
      if (keep) next.delete(key);
      else next.add(key);
      return next;
    });

  const submit = async () => {
    setFailure(null);
    const values = form.getFieldsValue(true) as ReviewValues;
    try {
      await accept.mutateAsync(buildAcceptBody(p, values, excluded, merge));
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length) {
        const fields = error.fieldErrors
          .map((f) => {
            const name =
              f.path === 'startsOn'
                ? ({ day: 'day', month: 'month', year: 'year' } as const)[values.precision]
                : FORM_FIELD[f.path];
            return name ? { name, errors: [fieldMessage(f, error.inVietnamese, FORM_LABELS[name] ?? f.path)] } : null;
          })
          .filter((f) => f !== null);
        if (fields.length) {
          form.setFields(fields);
          form.focusField(fields[0].name);
          return;
        }
      }
      setFailure(error);
    }
  };

  const partKeys = ['morning', 'afternoon', 'evening', 'full_day', ...(initial.partOfDay === 'noon' ? ['noon'] : [])];

  return (
    <QuoteFocusContext.Provider value={focus}>
      <p>
        <Link to="/quan-ly/nhap-bai-bao">← Nhập bài báo khác</Link>
      </p>
      <Typography.Title level={1}>Xem lại đề xuất từ bài báo</Typography.Title>
      <p className="hint">
        Đọc lúc {formatInstant(p.createdAt)}. Mỗi trường kèm câu trích trong bài; di chuột hoặc chọn một trường để xem
        câu trích được tô sáng trong bài.
      </p>

      <ReviewNotices
        proposal={p}
        merge={merge}
        onMerge={setMerge}
        refusedAgain={failure !== null && accepted ? acceptFailure(failure) : null}
      />

      <div className="import-review">
        <section className="import-proposal" aria-labelledby="import-proposal-title">
          <h2 id="import-proposal-title">Đề xuất</h2>
          <Form form={form} layout="vertical" initialValues={initial} disabled={accepted} onFinish={submit}>
            <CitedField fieldKey="title" cited={p.title} paragraphs={paragraphs}>
              <Form.Item
                label={FORM_LABELS.title}
                name="title"
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    min: 2,
                    message: 'Vui lòng nhập tên hội nghị (ít nhất 2 ký tự).',
                  },
                ]}
              >
                <Input />
              </Form.Item>
            </CitedField>
            <CitedField fieldKey="kind" cited={p.kind} paragraphs={paragraphs}>
              <Form.Item label={FORM_LABELS.kind} name="kind">
                <Select options={options(SESSION_KINDS)} />
              </Form.Item>
            </CitedField>
            <CitedField fieldKey="date" cited={p.date} paragraphs={paragraphs}>
              <DateFields proposal={p} precision={precision} />
            </CitedField>
            {precision === 'day' && (
              <CitedField fieldKey="partOfDay" cited={p.partOfDay} paragraphs={paragraphs}>
                <Form.Item label={FORM_LABELS.partOfDay} name="partOfDay">
                  <Select allowClear options={options(PARTS_OF_DAY, partKeys)} />
                </Form.Item>
              </CitedField>
            )}
            <CitedField fieldKey="venue" cited={p.venue} paragraphs={paragraphs}>
              <Form.Item label={FORM_LABELS.venueName} name="venueName">
                <Input />
              </Form.Item>
            </CitedField>
            <CitedField fieldKey="hostProvince" cited={p.hostProvince} paragraphs={paragraphs}>
              <Form.Item
                label={FORM_LABELS.hostProvinceId}
                name="hostProvinceId"
                extra={
                  p.hostProvince && initial.hostProvinceId === undefined
                    ? `Bài nêu «${p.hostProvince.value.name}», chưa có trong danh mục tỉnh.`
                    : undefined
                }
              >
                <Select
                  allowClear
                  showSearch={{ filterOption: matchesFolded }}
                  loading={provinces.isPending}
                  options={provinceOptions}
                />
              </Form.Item>
            </CitedField>
            <CitedField fieldKey="format" cited={p.format} paragraphs={paragraphs}>
              <Form.Item label={FORM_LABELS.format} name="format">
                <Select allowClear options={options(FORMATS)} />
              </Form.Item>
            </CitedField>

            <FactLists proposal={p} paragraphs={paragraphs} excluded={excluded} onToggle={toggle} readOnly={accepted} />

            {failure !== null && !accepted && (
              <Alert type="error" showIcon role="alert" title={acceptFailure(failure)} />
            )}
            {!accepted && (
              <>
                <div className="toolbar">
                  <Button type="primary" htmlType="submit" loading={accept.isPending}>
                    Chấp nhận
                  </Button>
                  <span className="hint">
                    {p.sameEventAs && merge === 'follow'
                      ? `Bài sẽ được thêm làm nguồn cho phiên «${p.sameEventAs.session.name}».`
                      : 'Một phiên nháp mới sẽ được tạo; chỉ ban tổ chức thấy cho đến khi lên lịch.'}
                  </span>
                </div>
              </>
            )}
          </Form>
        </section>
        <ArticlePanel ref={article} proposal={p} marks={marks} />
      </div>
    </QuoteFocusContext.Provider>
  );
}

function acceptFailure(error: unknown): string {
  if (error instanceof ApiError && error.status === 409) return 'Bài này đã được chấp nhận trước đó.';
  return errorMessage(error);
}
