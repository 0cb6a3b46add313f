import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}

/** The name beside a bar (a plain SVG text, so the page and its tests can read it). */
function NameTick({ x, y, payload }: TickProps) {
  const name = String(payload?.value ?? '');
  return (
    <text x={Number(x) - 4} y={Number(y)} dy={4} textAnchor="end" fontSize={12} fill="#222" className="chart-name">
      {name.length > 20 ? `${name.slice(0, 19)}…` : name}
    </text>
  );
}

interface ValueProps {
  x?: number | string;
  y?: number | string;
  width?: number | string;
  height?: number | string;
  value?: unknown;
  series: string;
}

/** The number at the end of a bar. */
function BarValue({ x, y, width, height, value, series }: ValueProps) {
  return (
    <text
      x={Number(x) + Number(width) + 4}
      y={Number(y) + Number(height) / 2}
      dy={4}
      fontSize={12}
      fill="#222"
      className={`bar-value value-${series}`}
    >
      {String(value ?? 0)}
    </text>
  );
}

export interface Series {
  key: string;
  label: string;
  color: string;
}

/**
 * A horizontal bar chart (values written on the bars) and, beside it, the same numbers as a
 * table: the chart is for the eye, the table for screen readers and for copying figures.
 */
export function BarsWithTable<T extends { name: string }>({
  id,
  title,
  rows,
  series,
  nameHeader,
}: {
  id: string;
  title: string;
  rows: (T & Record<string, number | string>)[];
  series: Series[];
  nameHeader: string;
}) {
  const height = Math.max(160, rows.length * (18 * series.length + 14) + 60);
  return (
    <section className="section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="chart-pair">
        <figure className="chart" data-chart={id} aria-hidden="true">
          <ResponsiveContainer width="100%" height={height}>
            <BarChart
              accessibilityLayer={false}
              data={rows}
              layout="vertical"
              margin={{ left: 8, right: 32, top: 8, bottom: 8 }}
            >
              <CartesianGrid horizontal={false} strokeDasharray="3 3" />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="name" width={150} interval={0} tick={NameTick} />
              <Tooltip />
              <Legend />
              {series.map((s) => (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  fill={s.color}
                  className={`bar-${s.key}`}
                  isAnimationActive={false}
                >
                  <LabelList dataKey={s.key} content={(props) => <BarValue {...props} series={s.key} />} />
                </Bar>
              ))}
            </BarChart>
          </ResponsiveContainer>
        </figure>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`Bảng số liệu: ${title}`}>
          <table className="number-table" aria-labelledby={id}>
            <thead>
              <tr>
                <th scope="col">{nameHeader}</th>
                {series.map((s) => (
                  <th scope="col" key={s.key}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.name}>
                  <th scope="row">{row.name}</th>
                  {series.map((s) => (
                    <td key={s.key}>{row[s.key]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
