// Linear probe of a representation (Alain & Bengio 2017, "Understanding intermediate layers
// using linear classifier probes"): how much of the holdout value and the repurchase is
// linearly readable from a customer embedding, against the same probe on the RFM features.
// A ridge (ridge-fit.ts) is fitted on the train rows only and scored on the test rows:
//   kind 'value':      fit on log1p(target) (holdout value ≥ 0: the heavy tail would otherwise
//                      decide the fit, as in rfm-linear), scored by the normalized Gini of the
//                      test predictions against the raw target;
//   kind 'repurchase': a linear probability model on the 0/1 target, scored by the AUC.
// Both metrics (@clvlab/metrics: ties spread, AUC ties ½) are reported for either kind: the AUC
// of a value probe is taken against target > 0. Only the order of the predictions is scored,
// so the log1p fit needs no back-transform.

import { auc, normalizedGini } from '@clvlab/metrics';
import type { NumericArray } from '@clvlab/metrics';
import { fitRidgeRows } from './ridge-fit.ts';
import { disjointRows, matrixRows, nonNegative, rowIndices, withDefaults } from './validate-inputs.ts';

/** What the probe predicts. */
export type ProbeKind = 'value' | 'repurchase';

/** Probe settings. */
export interface ProbeSettings {
  readonly lambda: number;
  readonly kind: ProbeKind;
}

/** Probe defaults. */
export const DEFAULT_PROBE: Readonly<ProbeSettings> = Object.freeze({
  /**
   * 0.01 added to the unit diagonal of the standardised features' correlation matrix: enough
   * to keep near-collinear embedding dimensions solvable, too little to shrink a fit that the
   * train fold determines well (1% of each standardised column's variance).
   */
  lambda: 0.01,
  /** Holdout value, the benchmark's target. */
  kind: 'value',
});

/** A fitted and scored probe. */
export interface LinearProbe {
  readonly kind: ProbeKind;
  readonly lambda: number;
  /** ŷ = intercept + xᵀcoef, on the fitted scale (log1p value for 'value'). */
  readonly intercept: number;
  readonly coef: Float64Array;
  /** ŷ for each test row, in testRows order. */
  readonly predictions: Float64Array;
  /** Normalized Gini of predictions against target on the test rows (NaN when undefined). */
  readonly normalizedGini: number;
  /** AUC of predictions against target > 0 on the test rows (NaN with one class). */
  readonly auc: number;
}

/**
 * Ridge probe of `target` on `features` (rows × d, row-major), fitted on trainRows and scored
 * on testRows (disjoint row indices). Throws `decisions/linearProbe: ...` on bad input.
 */
export function linearProbe(
  features: Float32Array | Float64Array,
  d: number,
  target: NumericArray,
  trainRows: ArrayLike<number>,
  testRows: ArrayLike<number>,
  options: Partial<ProbeSettings> = {},
): LinearProbe {
  const fn = 'linearProbe';
  const o = withDefaults(DEFAULT_PROBE, options);
  const lambda = nonNegative(fn, 'lambda', o.lambda);
  if (o.kind !== 'value' && o.kind !== 'repurchase')
    throw new Error(`decisions/${fn}: kind must be 'value' or 'repurchase', got ${String(o.kind)}`);
  const rows = matrixRows(fn, 'features', features, d);
  if (target == null || target.length !== rows)
    throw new Error(`decisions/${fn}: target has length ${target?.length}, expected ${rows} (one per feature row)`);
  const train = rowIndices(fn, 'trainRows', trainRows, rows),
    test = rowIndices(fn, 'testRows', testRows, rows);
  disjointRows(fn, train, test, rows);
  const y = new Float64Array(rows);
  for (const list of [train, test]) {
    for (const r of list) {
      const v = target[r];
      const ok = o.kind === 'value' ? Number.isFinite(v) && v >= 0 : v === 0 || v === 1;
      if (!ok)
        throw new Error(
          `decisions/${fn}: target[${r}] is ${v}, expected ${o.kind === 'value' ? 'a finite value ≥ 0' : '0 or 1'}`,
        );
      y[r] = o.kind === 'value' ? Math.log1p(v) : v;
    }
  }
  const fit = fitRidgeRows(fn, features, d, y, train, lambda);
  const predictions = new Float64Array(test.length),
    actual = new Float64Array(test.length),
    labels = new Float64Array(test.length);
  test.forEach((r, k) => {
    let s = fit.intercept;
    for (let j = 0; j < d; j++) s += features[r * d + j] * fit.coef[j];
    predictions[k] = s;
    actual[k] = target[r];
    labels[k] = target[r] > 0 ? 1 : 0;
  });
  return Object.freeze({
    kind: o.kind,
    lambda,
    intercept: fit.intercept,
    coef: fit.coef,
    predictions,
    normalizedGini: normalizedGini(actual, predictions),
    auc: auc(labels, predictions),
  });
}
