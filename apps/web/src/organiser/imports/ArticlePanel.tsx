import { useMemo, type Ref } from 'react';
import { formatDate } from '../../shared/format';
import { useQuoteFocus } from './focus';
import { highlight, type QuoteMark } from './highlight';
import type { StoredImport } from './types';

/** The article's paragraphs, numbered as the citations number them, every cited quote marked. */
export function ArticlePanel({
  proposal,
  marks,
  ref,
}: {
  proposal: StoredImport;
  marks: Map<number, QuoteMark[]>;
  ref: Ref<HTMLElement>;
}) {
  const { active } = useQuoteFocus();
  const ignoredFrom = proposal.ignoredFromParagraph;
  const segmented = useMemo(
    () => proposal.paragraphs.map((p) => ({ ...p, segments: highlight(p.text, marks.get(p.number) ?? []) })),
    [proposal.paragraphs, marks],
  );
  return (
    <section ref={ref} className="import-article" aria-labelledby="import-article-title" tabIndex={-1}>
      <h2 id="import-article-title">Bài báo</h2>
      {proposal.source.publisher || proposal.source.publishedOn || proposal.source.url ? (
        <p className="hint">
          {[
            proposal.source.publisher,
            proposal.source.publishedOn && `đăng ngày ${formatDate(proposal.source.publishedOn)}`,
          ]
            .filter(Boolean)
            .join(', ')}
          {proposal.source.url && (
            <>
              {' '}
              <a href={proposal.source.url} target="_blank" rel="noreferrer noopener">
                (mở bài gốc)
              </a>
            </>
          )}
        </p>
      ) : null}
      <ol className="import-paragraphs">
        {segmented.map((p) => (
          <li
            key={p.number}
            value={p.number}
            id={`doan-${p.number}`}
            className={ignoredFrom !== null && p.number >= ignoredFrom ? 'ignored' : undefined}
          >
            {ignoredFrom === p.number && (
              <p className="hint">Từ đoạn này trở đi (tin liên quan, trình đơn của trang) không được đọc.</p>
            )}
            {p.segments.map((s, index) =>
              s.keys.length ? (
                <mark
                  key={index}
                  data-keys={s.keys.join(' ')}
                  className={active && s.keys.includes(active) ? 'import-mark active' : 'import-mark'}
                >
                  {s.text}
                </mark>
              ) : (
                <span key={index}>{s.text}</span>
              ),
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
