import { Checkbox } from 'antd';
import { CitedField, type ParagraphTexts } from './CitedField';
import { describeFact, FIELD_LABELS } from './facts';
import type { FactList, StoredImport } from './types';

/** The lists shown, in the order of a report: who organised, whom it invited, what was said, by whom. */
const SHOWN: (FactList | 'invitation')[] = [
  'organisers',
  'invitation',
  'items',
  'presenters',
  'documents',
  'counts',
  'bridgePoints',
  'delegations',
];

/**
 * Every proposed list fact with its quotes and a "Giữ" box: unticked, the fact is left out on
 * accept. Once accepted the boxes go (what was left out is the session's to show, not the proposal's).
 */
export function FactLists({
  proposal,
  paragraphs,
  excluded,
  onToggle,
  readOnly,
}: {
  proposal: StoredImport;
  paragraphs: ParagraphTexts;
  excluded: ReadonlySet<string>;
  onToggle: (key: string, keep: boolean) => void;
  readOnly: boolean;
}) {
  return (
    <>
      {SHOWN.map((list) => {
        const facts =
          list === 'invitation'
            ? proposal.invitation
              ? [{ key: 'invitation', cited: proposal.invitation, index: 0 }]
              : []
            : proposal[list].map((cited, index) => ({ key: `${list}/${index}`, cited, index }));
        const headingId = `import-list-${list}`;
        return (
          <section key={list} className="import-list" aria-labelledby={headingId}>
            <h3 id={headingId}>
              {FIELD_LABELS[list]}
              {facts.length > 1 ? ` (${facts.length})` : ''}
            </h3>
            {facts.length === 0 ? (
              <p className="hint">Không có trong bài</p>
            ) : (
              <ul className="import-facts">
                {facts.map(({ key, cited, index }) => {
                  const text = describeFact(proposal, list, index);
                  const kept = !excluded.has(key);
                  return (
                    <li key={key}>
                      <CitedField
                        fieldKey={key}
                        cited={cited}
                        paragraphs={paragraphs}
                        className={kept ? '' : 'excluded'}
                      >
                        <div className="import-fact">
                          {!readOnly && (
                            <Checkbox
                              checked={kept}
                              aria-label={`Giữ: ${text}`}
                              onChange={(event) => onToggle(key, event.target.checked)}
                            >
                              Giữ
                            </Checkbox>
                          )}
                          <span className="import-fact-text">
                            {text}
                            {!kept && !readOnly && <span className="hint"> — sẽ bỏ ra</span>}
                          </span>
                        </div>
                      </CitedField>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}
