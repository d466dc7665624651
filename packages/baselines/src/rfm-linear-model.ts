// `rfm-linear` and `rfm-linear+social` benchmark models: closed-form ridge regression
// (ridge-regression.ts) of log1p(holdout value) on standardised log1p(recency),
// log1p(frequency), signed log1p(monetary), log1p(tenure) and one-hot lifecycle stage
// (lifecycle-stage.ts); `+social` adds every column of task.graph (log1p of non-negative
// columns). Learned on the TRAIN fold of split.fit, λ chosen on the VALID fold (mean squared
// error on the log1p scale) from `lambdaGrid`. Back-transform: value = c · max(0, e^{ŷ} − 1)
// with c = Σ_train y / Σ_train max(0, e^{ŷ} − 1), a ratio calibration on the train fold that
// removes the Jensen bias of predicting log1p means. (Duan's 1983 smearing assumes
// homoscedastic residuals, which zero-inflated CLV targets are not: on CDNOW it
// over-predicted totals by ~36%.) Repurchase: a ridge linear-probability model on
// the 0/1 label (own λ from the same grid), clipped to [0, 1].
import { Fold } from '@clvlab/sessions';
import type { BenchModel, ModelOutput, ModelTask } from '@clvlab/sessions';
import { foldRows } from './fold-rows.ts';
import { lifecycleStages, LIFECYCLE_STAGES } from './lifecycle-stage.ts';
import { rfmFeatures } from './rfm-features.ts';
import { resolveConfig } from './resolve-config.ts';
import { fitRidge, predictRidge } from './ridge-regression.ts';
import type { RidgeModel } from './ridge-regression.ts';

export const DEFAULT_RFM_LINEAR: Readonly<{ lambdaGrid: string }> = Object.freeze({
  /** Candidate ridge penalties (in units of standardised-feature sums of squares), comma separated. */
  lambdaGrid: '0.01,0.1,1,10,100,1000',
});

const slog = (v: number): number => Math.sign(v) * Math.log1p(Math.abs(v));

/** Design columns at `featureEnd` (names in the returned list). */
function design(task: ModelTask, featureEnd: number, social: boolean): { names: string[]; columns: Float64Array[] } {
  const f = rfmFeatures(task, featureEnd, 'day');
  const names = ['log_recency', 'log_frequency', 'log_monetary', 'log_tenure'];
  const columns = [f.recency.map(slog), f.frequency.map(slog), f.monetary.map(slog), f.tenure.map(slog)];
  const stage = lifecycleStages(f.history);
  LIFECYCLE_STAGES.forEach((name, k) => { names.push(`stage_${name}`); columns.push(Float64Array.from(stage, (s) => (s === k ? 1 : 0))); });
  if (social) {
    const g = task.graph!;
    g.names.forEach((name, j) => {
      const col = g.columns[j];
      if (col.length !== f.customers.length) throw new Error(`baselines/rfm-linear+social: graph column '${name}' has ${col.length} rows, cohort has ${f.customers.length}`);
      const nonNegative = col.every((v) => v >= 0);
      names.push(`graph_${name}`);
      columns.push(Float64Array.from(col, (v) => (Number.isFinite(v) ? (nonNegative ? Math.log1p(v) : v) : 0)));
    });
  }
  return { names, columns };
}

function tune(X: Float64Array[], y: ArrayLike<number>, train: Int32Array, valid: Int32Array, grid: number[]): RidgeModel {
  let best: RidgeModel | null = null, bestErr = Infinity;
  for (const lambda of grid) {
    const m = fitRidge(X, y, train, lambda);
    const p = predictRidge(m, X);
    let err = 0;
    for (const i of valid) err += (p[i] - y[i]) ** 2;
    if (err < bestErr) { bestErr = err; best = m; }
  }
  return best!;
}

/** Creates rfm-linear (social = false) or rfm-linear+social (see header). */
export function rfmLinearModel(social: boolean, config: Record<string, unknown> = {}): BenchModel {
  const name = social ? 'rfm-linear+social' : 'rfm-linear';
  const where = `baselines/${name}`;
  const c = resolveConfig(where, DEFAULT_RFM_LINEAR, config);
  const grid = c.lambdaGrid.split(',').map(Number);
  if (grid.length === 0 || grid.some((l) => !(l >= 0))) throw new Error(`${where}: lambdaGrid must be numbers >= 0, got '${c.lambdaGrid}'`);
  return Object.freeze({
    name,
    config: c,
    async run(task: ModelTask): Promise<ModelOutput> {
      if (social && !task.graph) throw new Error(`${where}: the dataset has no social graph features (task.graph is absent)`);
      const { fit, score } = task.split;
      const train = foldRows(task.split, Fold.train, where), valid = foldRows(task.split, Fold.valid, where);
      const Xfit = design(task, fit.featureEnd, social);
      const y = fit.target.map(Math.log1p);
      const valueModel = tune(Xfit.columns, y, train, valid, grid);
      const repModel = tune(Xfit.columns, fit.repurchase, train, valid, grid);
      const fitted = predictRidge(valueModel, Xfit.columns);
      let sumY = 0, sumPred = 0;
      for (const i of train) { sumY += fit.target[i]; sumPred += Math.max(0, Math.expm1(fitted[i])); }
      const scale = sumPred > 0 ? sumY / sumPred : 1;
      const Xs = score.featureEnd === fit.featureEnd ? Xfit : design(task, score.featureEnd, social);
      const value = predictRidge(valueModel, Xs.columns).map((v) => scale * Math.max(0, Math.expm1(v)));
      const repurchase = predictRidge(repModel, Xs.columns).map((v) => Math.min(1, Math.max(0, v)));
      const coefficients = Object.fromEntries(Xfit.names.map((n, j) => [n, valueModel.coef[j]]));
      return Object.freeze({
        value, repurchase,
        info: Object.freeze({ lambda: valueModel.lambda, lambdaRepurchase: repModel.lambda, calibration: scale, intercept: valueModel.intercept, coefficients }),
      });
    },
  });
}
