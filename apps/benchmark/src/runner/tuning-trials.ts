// Equal-budget tuning (issue 10 §3): every tunable family gets the same N trials — its default
// configuration first, then N − 1 seeded random draws from its search space (Bergstra & Bengio
// 2012, "Random Search for Hyper-Parameter Optimization": random search matches grid search at a
// fraction of the budget when few dimensions matter). Each trial trains on the train fold; the
// runner scores it on the valid fold with one selection metric for every family (normalized
// Gini) and the winner alone is scored on test. The draws depend only on the dataset id, the
// model spec and the trial index, so every seed (split) of a run sees the same candidates and a
// re-run draws them again identically.
import { createRng, hashUnit } from '@clvlab/core';
import type { SearchDimension, SearchSpace } from '@clvlab/sessions';

/** One trial: its index (0 = the default config) and the config it sets over the spec. */
export interface TuningTrial {
  readonly trial: number;
  readonly config: Readonly<Record<string, number | string | boolean>>;
}

/** The metric every family is selected by, on the valid fold. */
export const SELECTION_METRIC = 'normalized_gini' as const;

function draw(d: SearchDimension, u: number): number | string | boolean {
  if ('choices' in d) {
    if (d.choices.length === 0) throw new Error('benchmark/tuning: a search dimension has no choices');
    return d.choices[Math.min(d.choices.length - 1, Math.floor(u * d.choices.length))];
  }
  if (!(d.max >= d.min) || (d.scale === 'log' && !(d.min > 0)))
    throw new Error(`benchmark/tuning: bad range [${d.min}, ${d.max}] (${d.scale})`);
  const x =
    d.scale === 'log'
      ? Math.exp(Math.log(d.min) + u * (Math.log(d.max) - Math.log(d.min)))
      : d.min + u * (d.max - d.min);
  // Log-scale reals keep 3 significant digits, so configs (and cell keys) read cleanly.
  return d.integer ? Math.round(x) : Number(x.toPrecision(3));
}

/** The `n` trials of a model spec on a dataset: the default first, then seeded draws (duplicates re-drawn a few times). */
export function tuningTrials(space: SearchSpace | null, n: number, datasetId: string, spec: string): TuningTrial[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`benchmark/tuning: trials must be an integer ≥ 1, got ${n}`);
  const trials: TuningTrial[] = [{ trial: 0, config: Object.freeze({}) }];
  if (!space || n === 1) return trials;
  const keys = Object.keys(space).sort();
  const rng = createRng(Math.floor(hashUnit(`${datasetId}\u0000${spec}`, 0x7e57) * 0x7fffffff));
  const seen = new Set<string>();
  for (let t = 1; t < n; t++) {
    let config: Record<string, number | string | boolean> = {};
    for (let attempt = 0; attempt < 20; attempt++) {
      config = {};
      for (const k of keys) config[k] = draw(space[k], rng.next());
      if (!seen.has(JSON.stringify(config))) break;
    }
    seen.add(JSON.stringify(config));
    trials.push({ trial: t, config: Object.freeze(config) });
  }
  return trials;
}
