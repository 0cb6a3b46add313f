import { Button, Input, Tag } from 'antd';
import { useMemo, useState } from 'react';
import type { AttendanceRecord, Registration } from '../queries';
import { RECORD_STATUSES } from '../queries';
import { byGivenName, matches, text } from '../search';

const SHOWN = 20;

export interface PersonActions {
  checkIn: (person: Registration) => void;
  checkOut: (person: Registration) => void;
  markAbsent: (person: Registration) => void;
  undo: (person: { fullName: string }, record: AttendanceRecord) => void;
}

/** For people without their QR: search by name or agency (accents optional), one tap to check in. */
export function ManualSearch({
  roster,
  standing,
  actions,
}: {
  roster: Registration[];
  standing: Map<number, AttendanceRecord>;
  actions: PersonActions;
}) {
  const [query, setQuery] = useState('');
  const found = useMemo(
    () =>
      query.trim().length < 2
        ? []
        : roster
            .filter((person) =>
              matches(query, [person.fullName, person.agency, text(person.position), person.provinceName]),
            )
            .sort((a, b) => byGivenName(a.fullName, b.fullName)),
    [query, roster],
  );
  return (
    <section className="section" aria-labelledby="tim-nguoi">
      <h2 id="tim-nguoi">Tìm theo tên hoặc cơ quan</h2>
      <Input.Search
        aria-label="Tìm người theo tên hoặc cơ quan"
        placeholder="Ví dụ: nguyen van an, so ngoai vu"
        allowClear
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {query.trim().length >= 2 && (
        <p role="status" className="muted">
          {found.length === 0 ? 'Không tìm thấy ai.' : `Tìm thấy ${found.length} người.`}
        </p>
      )}
      <ul className="person-list" aria-label="Kết quả tìm người">
        {found.slice(0, SHOWN).map((person) => {
          const record = standing.get(person.id);
          const present = record?.status === 'present';
          return (
            <li key={person.id} className="person-row" aria-label={person.fullName}>
              <div>
                <strong>{person.fullName}</strong>
                <div>{[text(person.position), person.agency, person.provinceName].filter(Boolean).join(', ')}</div>
                <Tag className={`attendance-${record?.status ?? 'not_recorded'}`}>
                  {RECORD_STATUSES[record?.status ?? 'not_recorded']}
                  {record?.checkedOutAt ? ' (đã ra về)' : ''}
                </Tag>
              </div>
              <div className="person-actions">
                {!present && (
                  <Button type="primary" onClick={() => actions.checkIn(person)}>
                    Điểm danh
                  </Button>
                )}
                {present && !record?.checkedOutAt && <Button onClick={() => actions.checkOut(person)}>Ra về</Button>}
                {!record && <Button onClick={() => actions.markAbsent(person)}>Vắng</Button>}
                {record && <Button onClick={() => actions.undo(person, record)}>Hoàn tác</Button>}
              </div>
            </li>
          );
        })}
      </ul>
      {found.length > SHOWN && <p className="muted">Chỉ hiện {SHOWN} người đầu; hãy gõ thêm để thu hẹp.</p>}
    </section>
  );
}
