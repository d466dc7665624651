// `rfm-linear` and `rfm-linear+social` benchmark models: closed-form ridge regression
// (ridge-regression.ts) of log1p(holdout value) on standardised log1p(recency),
// log1p(frequency), signed log1p(monetary), log1p(tenure) and one-hot lifecycle stage
// (lifecycle-stage.ts); `+social` adds every social-graph column (signed log1p of columns that
// are non-negative on the train fold, the rest as they are; non-finite values → 0).
// Fitted on the TRAIN fold of split.fit only: the standardisation (mean, sd), the graph
// columns' log decision, the coefficients and the calibration c; then applied to every cohort
// customer. No label of a valid or test row is read: the ridge penalty `lambda` is a plain
// hyper-parameter that the benchmark's tuner selects on the valid fold (baseline-search-spaces.ts).
// Temporal protocol: the model learns from features at split.fit.featureEnd (graph features
// task.graphFit ?? task.graph) and predicts from features at split.score.featureEnd (task.graph).
// Back-transform: value = c · max(0, e^{ŷ} − 1) with c = Σ_train y / Σ_train max(0, e^{ŷ} − 1),
// a ratio calibration on the train fold that removes the Jensen bias of predicting log1p means.
// (Duan's 1983 smearing assumes homoscedastic residuals, which zero-inflated CLV targets are
// not: on CDNOW it over-predicted totals by ~36%.) Repurchase: a ridge linear-probability
// model on the 0/1 label (same λ), clipped to [0, 1].
import { Fold } from '@clvlab/sessions';
import type { BenchModel, FeatureTable, ModelOutput, ModelTask } from '@clvlab/sessions';
import { foldRows } from './fold-rows.ts';
import { LIFECYCLE_STAGES, lifecycleStages, rfmFeatures } from '@clvlab/features';
import { resolveOptions } from '@clvlab/core';
import { fitRidge, predictRidge } from '../regression/ridge-regression.ts';

export const DEFAULT_RFM_LINEAR: Readonly<{ lambda: number }> = Object.freeze({
  /** Ridge penalty in standardised units (≈ n per feature): light shrinkage. Valid fold of the dev dataset (synthetic seed 1000, 2 splits): 0.06–5,800 all within 0.001 Gini, so the default stays light. */
  lambda: 1,
});

const slog = (v: number): number => Math.sign(v) * Math.log1p(Math.abs(v));

interface Design {
  names: string[];
  columns: Float64Array[];
}

/** RFM + lifecycle-stage design columns at `featureEnd`. */
function rfmDesign(task: ModelTask, featureEnd: number): Design {
  const f = rfmFeatures(task, featureEnd, 'day');
  const names = ['log_recency', 'log_frequency', 'log_monetary', 'log_tenure'];
  const columns = [f.recency.map(slog), f.frequency.map(slog), f.monetary.map(slog), f.tenure.map(slog)];
  const stage = lifecycleStages(f.history);
  LIFECYCLE_STAGES.forEach((name, k) => {
    names.push(`stage_${name}`);
    columns.push(Float64Array.from(stage, (s) => (s === k ? 1 : 0)));
  });
  return { names, columns };
}

function checkGraph(g: FeatureTable, n: number, where: string, what: string): void {
  g.names.forEach((name, j) => {
    const len = g.columns[j]?.length;
    if (len !== n) throw new Error(`${where}: ${what} column '${name}' has ${len} rows, cohort has ${n}`);
  });
}

/** Per graph column: log it (signed log1p) when its finite train-fold values are all ≥ 0. */
function graphLogMask(g: FeatureTable, train: Int32Array): boolean[] {
  return g.columns.map((col) => {
    for (const i of train) if (col[i] < 0 && Number.isFinite(col[i])) return false;
    return true;
  });
}

function graphDesign(g: FeatureTable, logged: readonly boolean[]): Design {
  return {
    names: g.names.map((name) => `graph_${name}`),
    columns: g.columns.map((col, j) =>
      Float64Array.from(col, (v) => (Number.isFinite(v) ? (logged[j] ? slog(v) : v) : 0)),
    ),
  };
}

const join = (a: Design, b: Design | null): Design =>
  b ? { names: [...a.names, ...b.names], columns: [...a.columns, ...b.columns] } : a;

/** Creates rfm-linear (social = false) or rfm-linear+social (see header). */
export function rfmLinearModel(social: boolean, config: Record<string, unknown> = {}): BenchModel {
  const name = social ? 'rfm-linear+social' : 'rfm-linear';
  const where = `baselines/${name}`;
  const c = resolveOptions(where, DEFAULT_RFM_LINEAR, config, { coerce: true });
  if (!(c.lambda >= 0) || !Number.isFinite(c.lambda))
    throw new Error(`${where}: lambda must be a finite number >= 0, got ${c.lambda}`);
  return Object.freeze({
    name,
    config: c,
    async run(task: ModelTask): Promise<ModelOutput> {
      const { fit, score } = task.split;
      const n = task.split.customers.length;
      let graphFit: FeatureTable | null = null,
        graphScore: FeatureTable | null = null;
      if (social) {
        if (!task.graph) throw new Error(`${where}: the dataset has no social graph features (task.graph is absent)`);
        graphScore = task.graph;
        graphFit = task.graphFit ?? task.graph;
        checkGraph(graphScore, n, where, 'graph');
        if (graphFit !== graphScore) {
          checkGraph(graphFit, n, where, 'graphFit');
          if (graphFit.names.join('\u0000') !== graphScore.names.join('\u0000')) {
            throw new Error(
              `${where}: graphFit columns [${graphFit.names.join(', ')}] differ from graph columns [${graphScore.names.join(', ')}]`,
            );
          }
        }
      }
      const train = foldRows(task.split, Fold.train, where);
      const rfmFit = rfmDesign(task, fit.featureEnd);
      const logged = graphFit ? graphLogMask(graphFit, train) : [];
      const gFit = graphFit ? graphDesign(graphFit, logged) : null;
      const Xfit = join(rfmFit, gFit);
      // labels of train rows only (valid and test rows are never read)
      const y = new Float64Array(n),
        rep = new Float64Array(n);
      for (const i of train) {
        y[i] = Math.log1p(fit.target[i]);
        rep[i] = fit.repurchase[i];
      }
      const valueModel = fitRidge(Xfit.columns, y, train, c.lambda);
      const repModel = fitRidge(Xfit.columns, rep, train, c.lambda);
      const fitted = predictRidge(valueModel, Xfit.columns);
      let sumY = 0,
        sumPred = 0;
      for (const i of train) {
        sumY += fit.target[i];
        sumPred += Math.max(0, Math.expm1(fitted[i]));
      }
      const scale = sumPred > 0 ? sumY / sumPred : 1;
      const rfmScore = score.featureEnd === fit.featureEnd ? rfmFit : rfmDesign(task, score.featureEnd);
      const gScore = graphScore === graphFit ? gFit : graphDesign(graphScore!, logged);
      const Xs = rfmScore === rfmFit && gScore === gFit ? Xfit : join(rfmScore, gScore);
      const value = predictRidge(valueModel, Xs.columns).map((v) => scale * Math.max(0, Math.expm1(v)));
      const repurchase = predictRidge(repModel, Xs.columns).map((v) => Math.min(1, Math.max(0, v)));
      const byName = (a: Float64Array): Record<string, number> =>
        Object.fromEntries(Xfit.names.map((f, j) => [f, a[j]]));
      return Object.freeze({
        value,
        repurchase,
        info: Object.freeze({
          lambda: c.lambda,
          calibration: scale,
          intercept: valueModel.intercept,
          coefficients: byName(valueModel.coef),
          scaler: Object.freeze({ mean: byName(valueModel.mean), sd: byName(valueModel.sd) }),
          trainCustomers: train.length,
        }),
      });
    },
  });
}
