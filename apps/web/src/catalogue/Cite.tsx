import { Button, Popover } from 'antd';
import type { components } from '../shared/api/schema';
import { useSources } from './queries';

type Citation = components['schemas']['CitationDto'];

/**
 * A fact's source, shown as "004 ¶10": hovering, focusing or tapping it opens the quoted passage
 * and the article it comes from.
 */
export function Cite({ citation }: { citation: Citation }) {
  const sources = useSources();
  const source = sources.data?.find((s) => s.key === citation.source);
  const text = `${citation.source} ¶${citation.paragraph}`;
  return (
    <Popover
      trigger={['hover', 'click', 'focus']}
      title={source ? source.title : `Nguồn ${citation.source}`}
      content={
        <div className="cite-quote">
          {citation.quote ? <blockquote>“{citation.quote}”</blockquote> : null}
          <div>
            Nguồn {citation.source}
            {source?.publisher ? ` — ${source.publisher}` : ''}, đoạn {citation.paragraph}
          </div>
        </div>
      }
    >
      <Button
        type="link"
        className="cite"
        aria-label={`Trích dẫn: nguồn ${citation.source}, đoạn ${citation.paragraph}`}
      >
        ({text})
      </Button>
    </Popover>
  );
}

export function Cites({ citations }: { citations: Citation[] }) {
  return (
    <>
      {citations.map((citation) => (
        <Cite key={`${citation.source}-${citation.paragraph}-${citation.quote ?? ''}`} citation={citation} />
      ))}
    </>
  );
}
