import { Select } from 'antd';
import type { Part } from './queries';

const TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  day: '2-digit',
  month: '2-digit',
  hour12: false,
});

export const partLabel = (part: Part) =>
  `${part.label} (${TIME.format(new Date(part.startsAt))} – ${TIME.format(new Date(part.endsAt))})`;

/** The part under way now, else the next one, else the last one. */
export function pickDefaultPart(parts: Part[], now = Date.now()): Part | undefined {
  return (
    parts.find((p) => Date.parse(p.startsAt) - 2 * 3_600_000 <= now && now <= Date.parse(p.endsAt)) ??
    parts.find((p) => Date.parse(p.startsAt) > now) ??
    parts.at(-1)
  );
}

export function PartPicker({
  parts,
  value,
  onChange,
  allowAll = false,
}: {
  parts: Part[];
  value: number | undefined;
  onChange: (partId: number) => void;
  allowAll?: boolean;
}) {
  return (
    <div className="part-picker">
      <label htmlFor="chon-buoi">Buổi</label>
      <Select
        id="chon-buoi"
        value={value ?? (allowAll ? 0 : undefined)}
        onChange={onChange}
        options={[
          ...(allowAll ? [{ value: 0, label: 'Cả hội nghị (mọi buổi)' }] : []),
          ...parts.map((p) => ({ value: p.id, label: partLabel(p) })),
        ]}
      />
    </div>
  );
}
