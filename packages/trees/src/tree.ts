// One fitted regression tree as flat typed arrays (node 0 is the root, children are allocated in
// pairs, breadth first), and the two ways of routing a row through it: by bin index on a
// BinnedMatrix binned with the training cut points, or by raw value (x < threshold goes left,
// NaN follows defaultLeft). Both give the same leaf: bin ≤ splitBin ⇔ x < edges[splitBin].
import { MISSING_BIN, isBinnedMatrix, type BinnedMatrix, type FeatureColumns } from './bin-matrix.ts';

export interface Tree {
  readonly nodeCount: number;
  /** Split feature, −1 at a leaf. */
  readonly feature: Int32Array;
  /** Bin rule: a row goes left iff its bin ≤ splitBin (missing: see defaultLeft). */
  readonly splitBin: Uint8Array;
  /** Raw rule: a row goes left iff x < threshold (Infinity when the split is "present vs missing"). */
  readonly threshold: Float64Array;
  /** 1 when a missing value goes left. */
  readonly defaultLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Leaf output (internal nodes: the output they would have as a leaf). */
  readonly value: Float64Array;
  /** Σ hessian of the training rows at the node (GBDT), or their Σ bootstrap multiplicity (forest, tree): TreeSHAP's cover. */
  readonly cover: Float64Array;
  /** Loss reduction of the node's split (0 at a leaf). */
  readonly gain: Float64Array;
  /** Distinct training rows that reached the node. */
  readonly rows: Int32Array;
}

/** Depth of the deepest leaf (a single leaf has depth 0). */
export function treeDepth(tree: Tree, node = 0): number {
  return tree.feature[node] < 0 ? 0 : 1 + Math.max(treeDepth(tree, tree.left[node]), treeDepth(tree, tree.right[node]));
}

/** The leaf row i of a binned matrix reaches. */
export function leafByBins(tree: Tree, x: BinnedMatrix, i: number): number {
  const { feature, splitBin, defaultLeft, left, right } = tree;
  const bins = x.bins,
    n = x.rows,
    missing = MISSING_BIN;
  let node = 0;
  for (let f = feature[0]; f >= 0; f = feature[node]) {
    const b = bins[f * n + i];
    node = (b === missing ? defaultLeft[node] === 1 : b <= splitBin[node]) ? left[node] : right[node];
  }
  return node;
}

/** The leaf row i of raw columns reaches. */
export function leafByValues(tree: Tree, columns: FeatureColumns, i: number): number {
  const { feature, threshold, defaultLeft, left, right } = tree;
  let node = 0;
  for (let f = feature[0]; f >= 0; f = feature[node]) {
    const v = columns[f][i];
    node = (v !== v ? defaultLeft[node] === 1 : v < threshold[node]) ? left[node] : right[node];
  }
  return node;
}

/** out[i] += scale · tree(x_i) for every row (tree-major loops keep one tree in cache). */
export function addTreeOutput(tree: Tree, x: BinnedMatrix | FeatureColumns, out: Float64Array, scale = 1): void {
  const value = tree.value;
  if (isBinnedMatrix(x)) {
    for (let i = 0; i < x.rows; i++) out[i] += scale * value[leafByBins(tree, x, i)];
  } else {
    const n = x[0].length;
    for (let i = 0; i < n; i++) out[i] += scale * value[leafByValues(tree, x, i)];
  }
}
