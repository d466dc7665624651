// Relabels a CSR in breadth-first order so that neighbours get nearby indices. Traversal
// kernels touch per-node state (seen/visit masks) at random indices; on graphs of millions
// of nodes those accesses miss the cache, and BFS order (the idea behind Cuthill–McKee,
// "Reducing the bandwidth of sparse symmetric matrices", ACM 1969) makes them mostly local.
// Per-node results computed on the relabelled graph are mapped back with `order`.
import type { CsrView } from './accumulate-distances.ts';

export interface Relabelled {
  /** The relabelled CSR (node i here is node order[i] of the input). */
  readonly csr: CsrView;
  /** New index -> old index. */
  readonly order: Int32Array;
  /** Old index -> new index. */
  readonly rank: Int32Array;
}

/** BFS order over `csr` (components in index order), and the CSR relabelled by it. */
export function relabelForLocality(csr: CsrView): Relabelled {
  const { n, offsets, targets, weights } = csr;
  const order = new Int32Array(n),
    rank = new Int32Array(n).fill(-1);
  let tail = 0;
  for (let root = 0; root < n; root++) {
    if (rank[root] >= 0) continue;
    let head = tail;
    rank[root] = tail;
    order[tail++] = root;
    while (head < tail) {
      const v = order[head++];
      for (let e = offsets[v]; e < offsets[v + 1]; e++) {
        const w = targets[e];
        if (rank[w] < 0) {
          rank[w] = tail;
          order[tail++] = w;
        }
      }
    }
  }
  const newOffsets = new Int32Array(new SharedArrayBuffer((n + 1) * 4));
  const newTargets = new Int32Array(new SharedArrayBuffer(Math.max(1, targets.length) * 4)).subarray(0, targets.length);
  const newWeights = weights
    ? new Float64Array(new SharedArrayBuffer(Math.max(1, weights.length) * 8)).subarray(0, weights.length)
    : null;
  let p = 0;
  for (let i = 0; i < n; i++) {
    const v = order[i];
    newOffsets[i] = p;
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      newTargets[p] = rank[targets[e]];
      if (newWeights && weights) newWeights[p] = weights[e];
      p++;
    }
  }
  newOffsets[n] = p;
  return Object.freeze({ csr: { n, offsets: newOffsets, targets: newTargets, weights: newWeights }, order, rank });
}
