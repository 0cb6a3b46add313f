import type { Outcome } from './useScanQueue';

const TITLES: Record<Outcome['kind'], string> = {
  ok: 'Thành công',
  already: 'Đã điểm danh trước đó',
  refused: 'Không hợp lệ',
  queued: 'Ngoại tuyến',
  error: 'Lỗi',
};

/** The big card of the latest scan: green, amber or red, read out by screen readers (live region). */
export function ResultCard({ outcome }: { outcome: Outcome | null }) {
  return (
    <div className="result-slot" role="status" aria-live="assertive" aria-label="Kết quả quét">
      {outcome && (
        <div key={outcome.id} className={`result-card result-${outcome.kind}`} data-outcome={outcome.kind}>
          <span className="result-kind">{TITLES[outcome.kind]}</span>
          <span className="result-text">{outcome.text}</span>
        </div>
      )}
    </div>
  );
}
