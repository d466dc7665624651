// A long-format covariate table (one row per customer and period, CLVTools' data.cov.life /
// data.cov.trans layout: Id, Cov.Date, covariates…) turned into the customers × periods ×
// covariates array of dynamic-covariates.ts, in the histories' customer order. Each row's period
// start must be one of the calendar boundaries; rows before the first or from the last boundary on
// (e.g. future covariates for prediction) and rows of customers not in the histories are skipped.
// A missing (customer, period), a duplicated one, a misaligned date or a non-numeric value is
// one line naming the customer, the period and the table row. Numeric columns only (code a
// categorical covariate as k − 1 dummies first).
import type { DynamicCovariateSet } from './dynamic-covariates.ts';

export interface DynamicCovariateTable {
  readonly ids: readonly string[];
  /** Calendar start of the period each row describes, on the boundaries' axis and unit. */
  readonly periodStarts: ArrayLike<number>;
  readonly columns: Readonly<Record<string, ArrayLike<number>>>;
}

/** Covariates `columns` of `table` for `customerIds` over the periods [b_m, b_{m+1}) (see header). */
export function dynamicCovariateSet(
  customerIds: readonly string[],
  boundaries: ArrayLike<number>,
  table: DynamicCovariateTable,
  columns: readonly string[],
): DynamicCovariateSet {
  const where = 'baselines/dynamicCovariateSet';
  const P = boundaries.length - 1,
    k = columns.length,
    n = customerIds.length;
  if (P < 1) throw new Error(`${where}: expected at least two period boundaries, got ${boundaries.length}`);
  const cols = columns.map((c) => {
    const v = table.columns[c];
    if (!v)
      throw new Error(
        `${where}: unknown covariate column '${c}' (the table has ${Object.keys(table.columns).join(', ')})`,
      );
    if (v.length !== table.ids.length)
      throw new Error(`${where}: column '${c}' has ${v.length} rows, the table has ${table.ids.length} ids`);
    return v;
  });
  if (table.periodStarts.length !== table.ids.length)
    throw new Error(`${where}: the table has ${table.ids.length} ids but ${table.periodStarts.length} period starts`);
  const period = new Map<number, number>();
  for (let m = 0; m < P; m++) period.set(boundaries[m], m);
  const customer = new Map(customerIds.map((id, i) => [id, i]));
  const values = new Float64Array(n * P * k).fill(NaN),
    seen = new Int32Array(n * P).fill(-1);
  for (let row = 0; row < table.ids.length; row++) {
    const i = customer.get(table.ids[row]),
      t = Number(table.periodStarts[row]);
    if (i === undefined || t < boundaries[0] || t >= boundaries[P]) continue;
    const m = period.get(t);
    if (m === undefined)
      throw new Error(
        `${where}: table row ${row + 1} (customer '${table.ids[row]}'): period start ${t} is not a period boundary`,
      );
    if (seen[i * P + m] >= 0)
      throw new Error(
        `${where}: table row ${row + 1}: customer '${table.ids[row]}' has a second row for period ${m + 1} (from ${t}; first at row ${seen[i * P + m] + 1})`,
      );
    seen[i * P + m] = row;
    for (let j = 0; j < k; j++) {
      const v = cols[j][row];
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new Error(
          `${where}: column '${columns[j]}', table row ${row + 1} (customer '${table.ids[row]}', period from ${t}): expected a finite number, got ${String(v)}`,
        );
      values[(i * P + m) * k + j] = v;
    }
  }
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < P; m++)
      if (seen[i * P + m] < 0)
        throw new Error(
          `${where}: customer '${customerIds[i]}' (history row ${i + 1}) has no covariate row for period ${m + 1} (from ${boundaries[m]})`,
        );
  }
  return { names: [...columns], values };
}
