// Shared argument handling for the prediction functions: per-customer histories are given
// as arrays (columnar, like the fit inputs) or as one customer of plain numbers; outputs are
// Float64Arrays of the same length. Bad rows raise the same errors as the fitters.
import { checkBtydRow } from './btyd-input.ts';

/** One customer's history or columnar histories (frequency x, recency t_x, age T). */
export interface CustomerHistory {
  readonly frequency: ArrayLike<number> | number;
  readonly recency: ArrayLike<number> | number;
  readonly T: ArrayLike<number> | number;
}

export interface HistoryColumns {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
}

const column = (v: ArrayLike<number> | number): Float64Array =>
  typeof v === 'number' ? Float64Array.of(v) : Float64Array.from(v);

/** Validated columns of `h` (scalars become length-1 columns). */
export function historyColumns(where: string, h: CustomerHistory): HistoryColumns {
  const x = column(h.frequency),
    tx = column(h.recency),
    T = column(h.T);
  if (tx.length !== x.length || T.length !== x.length) {
    throw new Error(
      `${where}: expected frequency, recency and T of equal length, got ${x.length}, ${tx.length}, ${T.length}`,
    );
  }
  for (let i = 0; i < x.length; i++) {
    checkBtydRow(where, i, x[i], tx[i], T[i]);
    if (x[i] === 0) tx[i] = 0;
  }
  return { x, tx, T };
}

/** Throws unless `t` is a finite number ≥ 0 (a horizon in the fit's time unit). */
export function checkHorizon(where: string, t: number): void {
  if (!(Number.isFinite(t) && t >= 0))
    throw new Error(`${where}: expected a horizon t >= 0 in the fit's time unit, got ${t}`);
}
