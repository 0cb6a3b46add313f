import { Alert, Button, Input, Popconfirm } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../shared/api/problem';
import { ErrorState } from '../../shared/ui/ErrorState';
import { Loading } from '../../shared/ui/Loading';

export type Kind = 'nguoi' | 'to-chuc' | 'van-ban';

interface Reference {
  what: string;
  count: number;
}

/** What still points at a record, in words, each with where to see it. */
function referenceLinks(kind: Kind, id: number, references: Reference[]) {
  const words: Record<string, string> = {
    'agenda presenters': 'lần trình bày trong chương trình hội nghị',
    'session organisers': 'hội nghị do đơn vị này tổ chức',
    'person positions': 'chức vụ của người thuộc đơn vị này',
    'documents issued': 'văn bản do đơn vị này ban hành',
    'sub-organisations': 'đơn vị trực thuộc',
    'bridge points': 'điểm cầu',
    'reported delegations': 'đoàn đại biểu được báo cáo',
    sessions: 'hội nghị quán triệt văn bản này',
    'agenda items': 'nội dung chương trình về văn bản này',
  };
  const where = (what: string) => {
    if (kind === 'nguoi') return `/?nguoi=${id}`;
    if (kind === 'van-ban') return `/?van-ban=${id}`;
    return what === 'session organisers' || what === 'agenda presenters' ? `/?to-chuc=${id}` : `/to-chuc/${id}`;
  };
  return (
    <ul aria-label="Còn được dùng ở">
      {references.map((r) => (
        <li key={r.what}>
          <Link to={where(r.what)}>
            {r.count} {words[r.what] ?? r.what}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function DeleteOutcome({ kind, id, error }: { kind: Kind; id: number; error: unknown }) {
  const references =
    error instanceof ApiError && error.code === 'still-referenced'
      ? ((error.problem as { referencedBy?: Reference[] } | null)?.referencedBy ?? [])
      : [];
  if (references.length === 0) return <Alert type="error" showIcon role="alert" title={errorMessage(error)} />;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title="Chưa xóa được vì còn được dùng ở:"
      description={referenceLinks(kind, id, references)}
    />
  );
}

function SearchBox({ value, onChange, label }: { value: string; onChange: (value: string) => void; label: string }) {
  return (
    <label className="search-field">
      {label}
      <Input value={value} allowClear onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** One row: what it shows, the name its buttons speak of, and its buttons before «Xóa». */
export interface RecordRow {
  content: ReactNode;
  name: string;
  actions?: ReactNode;
}

/**
 * The block the three kinds share: heading, search box, the list (loading, error or rows, each
 * with its own buttons and a confirmed «Xóa»), and what a refused delete still points at.
 * `children` (the add form, the dialogs) follow the list.
 */
export function RecordList<T extends { id: number }>({
  kind,
  title,
  searchLabel,
  listLabel,
  q,
  onSearch,
  result,
  row,
  remove,
  children,
}: {
  kind: Kind;
  title: string;
  searchLabel: string;
  listLabel: string;
  q: string;
  onSearch: (q: string) => void;
  result: { isError: boolean; error: unknown; data?: { items: T[] } };
  row: (item: T) => RecordRow;
  /** Deletes the record and refreshes the list; a failure is shown above the list. */
  remove: (item: T) => Promise<void>;
  children?: ReactNode;
}) {
  const [failure, setFailure] = useState<{ id: number; error: unknown } | null>(null);
  return (
    <section aria-labelledby={`ds-${kind}`}>
      <h2 id={`ds-${kind}`}>{title}</h2>
      <SearchBox value={q} onChange={onSearch} label={searchLabel} />
      {failure && <DeleteOutcome kind={kind} id={failure.id} error={failure.error} />}
      {result.isError ? (
        <ErrorState error={result.error} />
      ) : !result.data ? (
        <Loading />
      ) : (
        <ul className="registration-list" aria-label={listLabel}>
          {result.data.items.map((item) => {
            const { content, name, actions } = row(item);
            return (
              <li key={item.id} className="registration-row">
                {content}
                <span className="registration-status">
                  {actions}
                  <Popconfirm
                    title={`Xóa ${name}?`}
                    okText="Xóa"
                    cancelText="Không"
                    onConfirm={async () => {
                      setFailure(null);
                      try {
                        await remove(item);
                      } catch (error) {
                        setFailure({ id: item.id, error });
                      }
                    }}
                  >
                    <Button size="small" danger aria-label={`Xóa ${name}`}>
                      Xóa
                    </Button>
                  </Popconfirm>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {children}
    </section>
  );
}
