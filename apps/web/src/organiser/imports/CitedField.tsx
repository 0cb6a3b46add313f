import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useQuoteFocus } from './focus';
import { quoteFound } from './highlight';
import { percent } from './facts';
import type { Citation } from './types';

export interface CitedLike {
  citations: Citation[];
  confidence: number;
  inferred?: boolean;
}

/** The article's paragraphs by number, for checking that a quote is where it says. */
export type ParagraphTexts = Map<number, string>;

/**
 * One proposed field or fact beside its quotes: hovering or focusing it lights its quotes in the
 * article (and scrolls the article panel to the first); "đoạn N" brings the quote into view. A
 * field the article gives no quote for says so and is never filled in by a guess.
 */
export function CitedField({
  fieldKey,
  cited,
  paragraphs,
  children,
  className,
}: {
  fieldKey: string;
  cited: CitedLike | null | undefined;
  paragraphs: ParagraphTexts;
  children?: ReactNode;
  className?: string;
}) {
  const { active, show } = useQuoteFocus();
  const quoted = Boolean(cited && cited.citations.length);
  return (
    <div
      className={['import-field', active === fieldKey ? 'active' : '', className ?? ''].join(' ').trim()}
      onMouseEnter={() => quoted && show(fieldKey, 'panel')}
      onFocus={() => quoted && show(fieldKey, 'panel')}
    >
      {children}
      {quoted && cited ? (
        <div className="import-evidence">
          <Tag>Độ tin cậy {percent(cited.confidence)}</Tag>
          {cited.inferred && <Tag color="blue">suy luận</Tag>}
          <ul className="import-quotes">
            {cited.citations.map((c, index) => (
              <li key={index}>
                <button type="button" className="import-quote-link" onClick={() => show(fieldKey, 'page')}>
                  Đoạn {c.paragraph}
                </button>{' '}
                <q>{c.quote}</q>
                {!quoteFound(paragraphs.get(c.paragraph) ?? '', c.quote ?? '') && (
                  <span className="hint"> (không thấy câu này trong đoạn)</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="import-evidence hint">Không có trong bài</p>
      )}
    </div>
  );
}
