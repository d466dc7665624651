// Row indices of one fold of the cohort (Split.fold), for supervised baselines that learn on
// train and tune on valid (docs/architecture.md §Evaluation split).
import type { Split } from '@clvlab/sessions';

/** Indices i with split.fold[i] === fold; throws when the fold is empty. */
export function foldRows(split: Split, fold: number, where: string): Int32Array {
  let n = 0;
  for (let i = 0; i < split.fold.length; i++) if (split.fold[i] === fold) n++;
  if (n === 0) throw new Error(`${where}: fold ${fold} has no customers (cohort of ${split.fold.length})`);
  const rows = new Int32Array(n);
  for (let i = 0, k = 0; i < split.fold.length; i++) if (split.fold[i] === fold) rows[k++] = i;
  return rows;
}
