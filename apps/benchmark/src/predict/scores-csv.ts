// The scores.csv text of `clvlab predict`: one header line, one row per customer. Numbers are
// written with 10 significant digits (NaN as an empty cell: a column a model does not fill);
// strings are quoted when they hold a comma, quote or line break (RFC 4180).

/** One column: a header name and its cells (numbers or strings), one per row. */
export interface ScoreColumn {
  readonly name: string;
  readonly values: ArrayLike<number> | readonly string[];
}

const cell = (v: number | string): string => {
  if (typeof v === 'number') return Number.isNaN(v) ? '' : String(Number(v.toPrecision(10)));
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};

/** The CSV text of `columns` (every column must have `rows` cells). */
export function scoresCsv(columns: readonly ScoreColumn[], rows: number): string {
  for (const c of columns) {
    if (c.values.length !== rows)
      throw new Error(`benchmark/predict: column '${c.name}' has ${c.values.length} cells for ${rows} rows`);
  }
  const lines = [columns.map((c) => cell(c.name)).join(',')];
  for (let r = 0; r < rows; r++) lines.push(columns.map((c) => cell(c.values[r])).join(','));
  return lines.join('\n') + '\n';
}
