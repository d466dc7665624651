// `rfm-segment` benchmark model: the mean holdout value (and repurchase rate) of each R-F-M
// quartile cell (64 cells), learned from the TRAIN fold on split.fit, applied to every
// cohort customer's cell at split.score.featureEnd.
// Shrinkage (empirical-Bayes style, like a Gamma-Poisson credibility weight): a cell with n
// train customers and mean ȳ predicts (n·ȳ + k·μ) / (n + k), μ = the global train mean, so
// small cells fall back to μ. k is chosen on the VALID fold (lowest mean squared error)
// among `shrinkageGrid`; an empty cell predicts μ.
import { Fold } from '@clvlab/sessions';
import type { BenchModel, ModelOutput, ModelTask } from '@clvlab/sessions';
import { foldRows } from './fold-rows.ts';
import { rfmFeatures } from './rfm-features.ts';
import { rfmTiers } from './rfm-tiers.ts';
import { resolveConfig } from './resolve-config.ts';

export const DEFAULT_RFM_SEGMENT: Readonly<{ shrinkageGrid: string }> = Object.freeze({
  /** Candidate pseudo-counts k, comma separated: from none to heavy pooling. */
  shrinkageGrid: '0,2,5,10,20,50,100',
});

function cells(task: ModelTask, featureEnd: number): Int32Array {
  const t = rfmTiers(rfmFeatures(task, featureEnd));
  return Int32Array.from(t.recency, (r, i) => (r - 1) * 16 + (t.frequency[i] - 1) * 4 + (t.monetary[i] - 1));
}

function cellMeans(cell: Int32Array, y: ArrayLike<number>, rows: Int32Array, k: number): { means: Float64Array; global: number } {
  const sum = new Float64Array(64), cnt = new Float64Array(64);
  let g = 0;
  for (const i of rows) { sum[cell[i]] += y[i]; cnt[cell[i]]++; g += y[i]; }
  const global = g / rows.length;
  return { means: sum.map((s, j) => (s + k * global) / (cnt[j] + k || 1)), global };
}

/** Creates the rfm-segment model (see header). */
export function rfmSegmentModel(config: Record<string, unknown> = {}): BenchModel {
  const where = 'baselines/rfm-segment';
  const c = resolveConfig(where, DEFAULT_RFM_SEGMENT, config);
  const grid = c.shrinkageGrid.split(',').map(Number);
  if (grid.length === 0 || grid.some((k) => !(k >= 0))) throw new Error(`${where}: shrinkageGrid must be numbers >= 0, got '${c.shrinkageGrid}'`);
  return Object.freeze({
    name: 'rfm-segment',
    config: c,
    async run(task: ModelTask): Promise<ModelOutput> {
      const { fit, score } = task.split;
      const train = foldRows(task.split, Fold.train, where), valid = foldRows(task.split, Fold.valid, where);
      const fitCell = cells(task, fit.featureEnd);
      let best = grid[0], bestErr = Infinity;
      for (const k of grid) {
        const { means } = cellMeans(fitCell, fit.target, train, k);
        let err = 0;
        for (const i of valid) err += (means[fitCell[i]] - fit.target[i]) ** 2;
        if (err < bestErr) { bestErr = err; best = k; }
      }
      const valueCells = cellMeans(fitCell, fit.target, train, best);
      const repCells = cellMeans(fitCell, fit.repurchase, train, best);
      const scoreCell = score.featureEnd === fit.featureEnd ? fitCell : cells(task, score.featureEnd);
      const value = Float64Array.from(scoreCell, (j) => valueCells.means[j]);
      const repurchase = Float64Array.from(scoreCell, (j) => Math.min(1, Math.max(0, repCells.means[j])));
      return Object.freeze({ value, repurchase, info: Object.freeze({ shrinkage: best, globalMean: valueCells.global, trainCustomers: train.length }) });
    },
  });
}
