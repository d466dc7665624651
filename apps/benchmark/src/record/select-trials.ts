// Picks each (dataset, model, seed)'s row among its tuning trials (issue 10 §3): the trial with
// the best valid-fold normalized Gini among those trained on the whole train fold (ties: the
// lower trial index, i.e. the default first); successive-halving rung-0 cells are scored only.
// Only valid-fold labels are read here; test customers are scored later, for the selected trial alone.
import { normalizedGini } from '@clvlab/metrics';
import { Fold } from '@clvlab/sessions';
import type { RecordDataset } from '../runner/record-dataset.ts';
import type { BenchCell } from '../runner/run-bench.ts';
import { pickRows, testView } from './test-view.ts';

/** Valid-fold normalized Gini of a cell's predictions under its seed's folds. */
export function validScore(ds: RecordDataset, fold: Uint8Array, value: readonly number[]): number {
  const view = testView(ds.payload, fold, Fold.valid);
  return normalizedGini(view.actual, pickRows(value, view.rows));
}

/** Marks the chosen cell of every (dataset, model, seed) group and records the valid scores of tuned models. */
export function selectTrials(
  datasets: readonly RecordDataset[],
  cells: readonly Omit<BenchCell, 'chosen' | 'validScore'>[],
  folds: Readonly<Record<string, readonly Uint8Array[]>>,
): BenchCell[] {
  const groups = new Map<string, Omit<BenchCell, 'chosen' | 'validScore'>[]>();
  for (const c of cells) {
    const k = `${c.dataset}\u0000${c.model.name}\u0000${c.seed}`;
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  const out = new Map<object, BenchCell>();
  for (const g of groups.values()) {
    if (g.length === 1 && g[0].trial === 0 && g[0].trainFraction >= 1) {
      out.set(g[0], { ...g[0], chosen: true });
      continue;
    }
    const ds = datasets.find((d) => d.id === g[0].dataset)!;
    const fold = folds[ds.id][g[0].seed - 1];
    const scored = g.map((c) => ({ c, score: validScore(ds, fold, c.stored.value) }));
    // Only trials trained on the whole train fold can be the row (low halving rungs are scored, never chosen).
    const full = scored.filter((s) => s.c.trainFraction >= 1);
    let best = full[0];
    for (const s of full)
      if (
        s.score > best.score ||
        (Number.isNaN(best.score) && !Number.isNaN(s.score)) ||
        (s.score === best.score && s.c.trial < best.c.trial)
      )
        best = s;
    for (const s of scored) out.set(s.c, { ...s.c, chosen: s === best, validScore: s.score });
  }
  return cells.map((c) => out.get(c)!);
}
