// Explanations of a tree model for the report (issue 12 §4), from TreeSHAP (Lundberg, Erion &
// Lee 2018, path-dependent algorithm; packages/trees tree-shap.ts): global importance = mean
// |SHAP| per feature over up to `sample` test-fold rows (evenly spaced, so the choice is fixed),
// and for the ten highest predicted test customers their five largest contributions ("why this
// customer"). Contributions are on the model's margin scale (log for tweedie and log1p models,
// logit for the repurchase stage). Only features and predictions are read: never a label.
import { treeShap } from '@clvlab/trees';
import type { TreeEnsemble } from '@clvlab/trees';
import type { ModelOutput, ModelTask } from '@clvlab/sessions';
import { customerOf, type TreeFeatureSet } from './tree-features.ts';

export interface TreeExplanation {
  /** Features by mean |SHAP|, largest first (at most `top`). */
  readonly importance: readonly { readonly feature: string; readonly meanAbsShap: number }[];
  /** The ten highest predicted test customers: row index, prediction and top-5 contributions as text. */
  readonly why: readonly { readonly customer: string; readonly predicted: number; readonly contributions: string }[];
  readonly rowsExplained: number;
}

const fmt = (x: number): string =>
  Number.isNaN(x) ? 'NaN' : Math.abs(x) >= 1000 || (x !== 0 && Math.abs(x) < 0.01) ? x.toExponential(2) : x.toFixed(2);

/** Importance and per-customer reasons of `model` on the score columns (see header). */
export function explainTrees(
  model: TreeEnsemble,
  score: readonly Float64Array[],
  testRows: Int32Array,
  predicted: Float64Array,
  customerOf: (row: number) => string,
  options: { sample?: number; top?: number } = {},
): TreeExplanation {
  const sample = options.sample ?? 500,
    top = options.top ?? 15;
  const p = model.featureNames.length;
  const step = Math.max(1, testRows.length / sample);
  const rows: number[] = [];
  for (let k = 0; k < testRows.length && rows.length < sample; k++) rows.push(testRows[Math.floor(k * step)]);
  const order = Array.from(testRows)
    .sort((a, b) => predicted[b] - predicted[a] || a - b)
    .slice(0, 10);
  const all = [...new Set([...rows, ...order])];
  const phi = treeShap(
    model,
    score.map((col) => Float64Array.from(all, (r) => col[r])),
  );
  const at = new Map(all.map((r, i) => [r, i]));
  const sums = new Float64Array(p);
  for (const r of rows) for (let j = 0; j < p; j++) sums[j] += Math.abs(phi[at.get(r)! * (p + 1) + j]);
  const importance = Array.from(sums, (s, j) => ({
    feature: model.featureNames[j],
    meanAbsShap: rows.length ? s / rows.length : 0,
  }))
    .sort((a, b) => b.meanAbsShap - a.meanAbsShap || a.feature.localeCompare(b.feature))
    .slice(0, top);
  const why = order.map((r) => {
    const i = at.get(r)!;
    const parts = Array.from({ length: p }, (_, j) => j)
      .sort((a, b) => Math.abs(phi[i * (p + 1) + b]) - Math.abs(phi[i * (p + 1) + a]) || a - b)
      .slice(0, 5)
      .map(
        (j) =>
          `${model.featureNames[j]}=${fmt(score[j][r])} (${phi[i * (p + 1) + j] >= 0 ? '+' : ''}${fmt(phi[i * (p + 1) + j])})`,
      );
    return Object.freeze({ customer: customerOf(r), predicted: predicted[r], contributions: parts.join('; ') });
  });
  return Object.freeze({
    importance: Object.freeze(importance.map((x) => Object.freeze(x))),
    why: Object.freeze(why),
    rowsExplained: rows.length,
  });
}

/**
 * The output of a value-predicting tree model: value, the repurchase score 1 − exp(−value / m)
 * (m = the mean positive train target: a monotone transform of value), and info with the
 * feature accounting, the explanations and the model's own facts.
 */
export function treeModelOutput(
  task: ModelTask,
  f: TreeFeatureSet,
  model: TreeEnsemble,
  value: Float64Array,
  trainTarget: Float64Array,
  facts: Readonly<Record<string, unknown>>,
): ModelOutput {
  let s = 0,
    n = 0;
  for (const v of trainTarget)
    if (v > 0) {
      s += v;
      n++;
    }
  const m = n > 0 ? s / n : 1;
  const repurchase = value.map((v) => -Math.expm1(-v / m));
  task.progress?.(0.9, 'explaining');
  const explanation = explainTrees(model, f.score, f.testRows, value, customerOf(task));
  return Object.freeze({
    value,
    repurchase,
    info: Object.freeze({ features: f.names.length, omitted: f.omitted.map((o) => o.name), ...facts, ...explanation }),
  });
}
