/**
 * BENCH_FIGURES=2,3 runs only those figures (numbers as in the table, comma-separated); unset,
 * every figure runs. For measuring one lever at a time on a shared machine; the committed run is
 * a full one.
 */
const chosen = (process.env.BENCH_FIGURES ?? '')
  .split(',')
  .map((figure) => figure.trim())
  .filter(Boolean);

export const wanted = (figure: string): boolean => chosen.length === 0 || chosen.includes(figure);
