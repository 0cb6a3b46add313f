/** What a session row knows of its date. */
export interface KnownSchedule {
  starts_on: string | null;
  ends_on: string | null;
  date_precision: string;
  start_month: number | null;
  start_day: number | null;
  end_month: number | null;
  end_day: number | null;
  year_inferred: boolean;
  reported_by: string | null;
}

const dmy = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number);
  return `${day}/${month}/${year}`;
};

/**
 * The date as honestly as it is known, in Vietnamese: "8/3/2025", "11–13/10/2023", "tháng 3/2025",
 * "năm 2024", "9/11, năm không rõ", "11–13/10, năm không rõ", "gần đây (trước 12/11/2019)";
 * an inferred year adds "(năm suy luận)".
 */
export function scheduleLabel(row: KnownSchedule): string {
  const inferred = row.year_inferred ? ' (năm suy luận)' : '';
  if (row.date_precision === 'unknown') {
    return row.reported_by ? `gần đây (trước ${dmy(row.reported_by)})` : 'chưa rõ thời gian';
  }
  if (row.date_precision === 'day_unknown_year') {
    const start = `${row.start_day}/${row.start_month}`;
    const sameMonth = row.end_month === null || row.end_month === row.start_month;
    const range =
      row.end_day === null || (row.end_day === row.start_day && sameMonth)
        ? start
        : sameMonth
          ? `${row.start_day}–${row.end_day}/${row.start_month}`
          : `${start} – ${row.end_day}/${row.end_month}`;
    return `${range}, năm không rõ`;
  }
  const startsOn = row.starts_on!;
  const endsOn = row.ends_on ?? startsOn;
  if (row.date_precision === 'year') return `năm ${startsOn.slice(0, 4)}${inferred}`;
  if (row.date_precision === 'month') return `tháng ${Number(startsOn.slice(5, 7))}/${startsOn.slice(0, 4)}${inferred}`;
  if (endsOn === startsOn) return `${dmy(startsOn)}${inferred}`;
  const [sy, sm, sd] = startsOn.split('-').map(Number);
  const [ey, em, ed] = endsOn.split('-').map(Number);
  const range = sy === ey && sm === em ? `${sd}–${ed}/${sm}/${sy}` : `${dmy(startsOn)} – ${dmy(endsOn)}`;
  return `${range}${inferred}`;
}
