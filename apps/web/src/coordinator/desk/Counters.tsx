import type { SessionStatistics } from '../queries';

/** Live figures of the part (refreshed every few seconds and after each action). */
export function Counters({ statistics, partId }: { statistics: SessionStatistics | undefined; partId: number }) {
  const index = statistics?.parts.findIndex((part) => part.partId === partId) ?? -1;
  const part = index >= 0 ? statistics!.parts[index] : undefined;
  const confirmed = statistics?.totals.confirmed ?? 0;
  const provinces = (statistics?.byProvince ?? []).filter((p) => p.confirmed > 0 || p.presentByPart[index] > 0);
  return (
    <section className="counters" aria-label="Số liệu buổi">
      <dl className="counter-grid">
        <div className="counter counter-main">
          <dt>Đã điểm danh</dt>
          <dd data-counter="present">
            {part?.present ?? 0} / {confirmed}
          </dd>
        </div>
        <div className="counter">
          <dt>Khách không đăng ký</dt>
          <dd data-counter="walk-ins">{part?.walkIns ?? 0}</dd>
        </div>
        <div className="counter">
          <dt>Vắng có phép</dt>
          <dd data-counter="excused">{part?.excused ?? 0}</dd>
        </div>
        <div className="counter">
          <dt>Vắng</dt>
          <dd data-counter="absent">{part?.absent ?? 0}</dd>
        </div>
        {(part?.bridgePointHeadcount ?? 0) > 0 && (
          <div className="counter">
            <dt>Tại điểm cầu</dt>
            <dd data-counter="headcount">{part?.bridgePointHeadcount}</dd>
          </div>
        )}
      </dl>
      {provinces.length > 0 && (
        <details>
          <summary>Theo tỉnh, thành phố</summary>
          <table className="number-table">
            <caption className="visually-hidden">Đã điểm danh theo tỉnh, thành phố</caption>
            <thead>
              <tr>
                <th scope="col">Tỉnh, thành phố</th>
                <th scope="col">Có mặt / đã xác nhận</th>
              </tr>
            </thead>
            <tbody>
              {provinces.map((p) => (
                <tr key={p.key}>
                  <th scope="row">{p.key}</th>
                  <td>
                    {p.presentByPart[index] ?? 0} / {p.confirmed}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
