// Holm's (1979, "A Simple Sequentially Rejective Multiple Test Procedure", Scandinavian
// Journal of Statistics 6:65–70) step-down adjusted p-values, controlling the family-wise
// error rate for any dependence between the tests (R's p.adjust(p, "holm")):
//   sort p ascending, p_(1) ≤ ... ≤ p_(m);   adj_(i) = max_{j ≤ i} min(1, (m − j + 1) · p_(j)),
// returned in the input order. Rejecting every hypothesis with adj ≤ α is Holm's procedure at
// level α. NaN entries (an undefined test) stay NaN and do not count in m, as in p.adjust's
// default n = sum(!is.na(p)). Tied p-values get equal adjusted values, so the order in which
// ties are listed does not matter.

import type { NumericArray } from './validate-inputs.ts';

/** Holm-adjusted p-values in the input order; throws on a value outside [0, 1] (NaN allowed). */
export function holmAdjust(pValues: NumericArray): Float64Array {
  const n = pValues.length;
  const out = new Float64Array(n).fill(NaN);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = pValues[i];
    if (typeof p !== 'number') throw new Error(`metrics/holmAdjust: pValues[${i}] must be a number, got ${String(p)}`);
    if (Number.isNaN(p)) continue;
    if (!(p >= 0 && p <= 1)) throw new Error(`metrics/holmAdjust: pValues[${i}] must be in [0, 1] or NaN, got ${p}`);
    idx.push(i);
  }
  const m = idx.length;
  const order = Int32Array.from(idx).sort((i, j) => pValues[i] - pValues[j] || i - j);
  let running = 0;
  for (let r = 0; r < m; r++) {
    const i = order[r];
    running = Math.max(running, Math.min(1, (m - r) * pValues[i]));
    out[i] = running;
  }
  return out;
}
