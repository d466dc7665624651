// Time-invariant customer covariates for the BTYD models (CLVTools' SetStaticCovariates
// conventions): an attribute table keyed by customer id is joined to the histories' customer
// ids, numeric columns are taken as they are, and a categorical column with k levels becomes
// k − 1 dummies `${column}.${level}` against the first level in sorted order (the reference).
// Every problem is one line naming the column, the row and the customer: a value that is not
// a finite number, a column that is constant over the customers (its coefficient would be
// confounded with the model's scale parameter), a customer missing from the table, a
// duplicated id, an unknown column.

/** An attribute table: one row per customer id, columns numeric or categorical (strings). */
export interface CovariateTable {
  readonly ids: readonly string[];
  readonly columns: Readonly<Record<string, ArrayLike<number> | readonly string[]>>;
}

/** Covariates in the histories' customer order: `values[i·names.length + j]` is customer i's covariate j. */
export interface CovariateMatrix {
  readonly names: readonly string[];
  readonly values: Float64Array;
  readonly customers: number;
}

export interface CovariateOptions {
  /** Columns to use, in order. */
  readonly columns: readonly string[];
  /** Columns (among `columns`) to expand into k − 1 dummies; the others must be numeric. */
  readonly categorical?: readonly string[];
}

/** Joins `table` to `customerIds` and builds the design matrix (see header). */
export function covariateMatrix(
  customerIds: readonly string[],
  table: CovariateTable,
  options: CovariateOptions,
): CovariateMatrix {
  const where = 'baselines/covariateMatrix';
  const nRows = table.ids.length;
  const rowOf = new Map<string, number>();
  table.ids.forEach((id, r) => {
    if (rowOf.has(id))
      throw new Error(
        `${where}: covariate table row ${r + 1}: duplicate customer id '${id}' (first at row ${rowOf.get(id)! + 1})`,
      );
    rowOf.set(id, r);
  });
  const rows = Int32Array.from(customerIds, (id, i) => {
    const r = rowOf.get(id);
    if (r === undefined)
      throw new Error(`${where}: customer '${id}' (history row ${i + 1}) is missing from the covariate table`);
    return r;
  });
  const categorical = new Set(options.categorical ?? []);
  for (const c of categorical)
    if (!options.columns.includes(c))
      throw new Error(`${where}: categorical column '${c}' is not among the columns ${options.columns.join(', ')}`);
  const names: string[] = [],
    cols: Float64Array[] = [];
  for (const name of options.columns) {
    const col = table.columns[name];
    if (!col)
      throw new Error(
        `${where}: unknown covariate column '${name}' (the table has ${Object.keys(table.columns).join(', ')})`,
      );
    if (col.length !== nRows)
      throw new Error(`${where}: column '${name}' has ${col.length} rows, the table has ${nRows} ids`);
    const at = (i: number): string =>
      `column '${name}', covariate table row ${rows[i] + 1} (customer '${customerIds[i]}')`;
    if (categorical.has(name)) {
      const labels = Array.from(rows, (r) => String(col[r]));
      labels.forEach((l, i) => {
        if (l === '' || l === 'NaN' || l === 'undefined' || l === 'null')
          throw new Error(`${where}: ${at(i)}: expected a category label, got '${l}'`);
      });
      const levels = [...new Set(labels)].sort();
      if (levels.length < 2)
        throw new Error(
          `${where}: column '${name}' is constant ('${levels[0]}' for all ${rows.length} customers): its coefficient is not identified; drop it`,
        );
      for (const level of levels.slice(1)) {
        names.push(`${name}.${level}`);
        cols.push(Float64Array.from(labels, (l) => (l === level ? 1 : 0)));
      }
      continue;
    }
    const v = Float64Array.from(rows, (r, i) => {
      const x = col[r];
      if (typeof x !== 'number' || !Number.isFinite(x))
        throw new Error(`${where}: ${at(i)}: expected a finite number, got ${String(x)}`);
      return x;
    });
    if (v.every((x) => x === v[0]))
      throw new Error(
        `${where}: column '${name}' is constant (${v[0]} for all ${v.length} customers): its coefficient is not identified; drop it`,
      );
    names.push(name);
    cols.push(v);
  }
  const n = customerIds.length,
    k = names.length,
    values = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) values[i * k + j] = cols[j][i];
  return { names, values, customers: n };
}
