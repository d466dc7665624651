// Sorting customers by a key (prediction, actual value or score) into blocks of equal keys.
// Every ranking metric in this package (Gini, Spearman, AUC, deciles, capture, gain curve)
// is computed from these blocks, so that all of them treat ties the same way: a block of
// tied customers is one unit whose value is spread evenly over its width, which makes every
// metric independent of the order in which customers happen to be listed.
//
// The blocks are computed ONCE per key; the bootstrap then only changes per-customer weights
// (multiplicities), never the order, so each resample costs O(n) instead of a sort.

/** Customers sorted by key, descending, grouped into runs of equal keys. */
export interface TieBlocks {
  /** Customer indices sorted by key descending (ties by index ascending, irrelevant). */
  readonly order: Int32Array;
  /** Block b holds order[starts[b]] .. order[starts[b + 1] - 1]; length = blocks + 1. */
  readonly starts: Int32Array;
}

/** Sorts by `keys` descending and groups equal keys (keys must be finite; -0 equals 0). */
export function tieBlocks(keys: Float64Array): TieBlocks {
  const n = keys.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((i, j) => keys[j] - keys[i] || i - j);
  const starts: number[] = [0];
  for (let k = 1; k < n; k++) {
    if (keys[order[k]] !== keys[order[k - 1]]) starts.push(k);
  }
  starts.push(n);
  return { order, starts: Int32Array.from(starts) };
}
