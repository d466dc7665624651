// Path-dependent TreeSHAP — Lundberg, Erion & Lee (2018), "Consistent Individualized Feature
// Attribution for Tree Ensembles", Algorithm 2 (EXTEND, UNWIND and the unwound path sum), with
// XGBoost's implementation as the reading of the paper's pseudo-code (src/tree/tree_model.cc,
// TreeShap). The value function is Algorithm 1's: features outside S are integrated out by the
// training cover of each branch. The contributions of a row sum with the bias (the cover-
// weighted mean output) to the model's margin (local accuracy), exactly up to rounding.
// Exact in O(T · L · D²) per row: the cost grows with leaves L and depth D, so explain a sample
// of customers, not 1M of them.
import { MISSING_BIN, type BinnedMatrix, type FeatureColumns } from './bin-matrix.ts';
import type { Tree } from './tree.ts';
import { routedInput, rowCount, type FeatureInput, type TreeEnsemble } from './tree-ensemble.ts';
import { isBinnedMatrix } from './bin-matrix.ts';
import { treeDepth } from './tree.ts';

/** The unique-path arrays (one segment per recursion level, as in XGBoost's PathElement buffer). */
interface PathBuffer {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
}

function extendPath(p: PathBuffer, at: number, depth: number, zero: number, one: number, feature: number): void {
  p.feature[at + depth] = feature;
  p.zero[at + depth] = zero;
  p.one[at + depth] = one;
  p.weight[at + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    p.weight[at + i + 1] += (one * p.weight[at + i] * (i + 1)) / (depth + 1);
    p.weight[at + i] = (zero * p.weight[at + i] * (depth - i)) / (depth + 1);
  }
}

function unwindPath(p: PathBuffer, at: number, depth: number, index: number): void {
  const one = p.one[at + index],
    zero = p.zero[at + index];
  let next = p.weight[at + depth];
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = p.weight[at + i];
      p.weight[at + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (p.weight[at + i] * zero * (depth - i)) / (depth + 1);
    } else {
      p.weight[at + i] = (p.weight[at + i] * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    p.feature[at + i] = p.feature[at + i + 1];
    p.zero[at + i] = p.zero[at + i + 1];
    p.one[at + i] = p.one[at + i + 1];
  }
}

function unwoundPathSum(p: PathBuffer, at: number, depth: number, index: number): number {
  const one = p.one[at + index],
    zero = p.zero[at + index];
  let next = p.weight[at + depth],
    total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      next = p.weight[at + i] - tmp * zero * ((depth - i) / (depth + 1));
    } else if (zero !== 0) {
      total += p.weight[at + i] / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

/** The child of `node` that row i follows (bins when the input shares the model's cut points). */
function hotChild(tree: Tree, node: number, x: BinnedMatrix | FeatureColumns, i: number): number {
  const f = tree.feature[node];
  let left: boolean;
  if (isBinnedMatrix(x)) {
    const b = x.bins[f * x.rows + i];
    left = b === MISSING_BIN ? tree.defaultLeft[node] === 1 : b <= tree.splitBin[node];
  } else {
    const v = x[f][i];
    left = v !== v ? tree.defaultLeft[node] === 1 : v < tree.threshold[node];
  }
  return left ? tree.left[node] : tree.right[node];
}

function recurse(
  tree: Tree,
  x: BinnedMatrix | FeatureColumns,
  i: number,
  phi: Float64Array,
  phiAt: number,
  scale: number,
  path: PathBuffer,
  node: number,
  depth: number,
  parentAt: number,
  zero: number,
  one: number,
  feature: number,
): void {
  const at = parentAt + depth + 1;
  for (let k = 0; k <= depth; k++) {
    path.feature[at + k] = path.feature[parentAt + k];
    path.zero[at + k] = path.zero[parentAt + k];
    path.one[at + k] = path.one[parentAt + k];
    path.weight[at + k] = path.weight[parentAt + k];
  }
  extendPath(path, at, depth, zero, one, feature);
  const split = tree.feature[node];
  if (split < 0) {
    const v = tree.value[node] * scale;
    for (let k = 1; k <= depth; k++) {
      const w = unwoundPathSum(path, at, depth, k);
      phi[phiAt + path.feature[at + k]] += w * (path.one[at + k] - path.zero[at + k]) * v;
    }
    return;
  }
  const hot = hotChild(tree, node, x, i);
  const cold = hot === tree.left[node] ? tree.right[node] : tree.left[node];
  const cover = tree.cover[node];
  const hotZero = tree.cover[hot] / cover,
    coldZero = tree.cover[cold] / cover;
  let inZero = 1,
    inOne = 1;
  let k = 0;
  while (k <= depth && path.feature[at + k] !== split) k++;
  if (k <= depth) {
    // this feature split earlier on the path: undo that split to redo it here
    inZero = path.zero[at + k];
    inOne = path.one[at + k];
    unwindPath(path, at, depth, k);
    depth -= 1;
  }
  recurse(tree, x, i, phi, phiAt, scale, path, hot, depth + 1, at, hotZero * inZero, inOne, split);
  recurse(tree, x, i, phi, phiAt, scale, path, cold, depth + 1, at, coldZero * inZero, 0, split);
}

/** Cover-weighted mean output of a tree (Algorithm 1 with S = ∅): the tree's share of the bias. */
export function treeMeanValue(tree: Tree, node = 0): number {
  if (tree.feature[node] < 0) return tree.value[node];
  const l = tree.left[node],
    r = tree.right[node];
  return (treeMeanValue(tree, l) * tree.cover[l] + treeMeanValue(tree, r) * tree.cover[r]) / tree.cover[node];
}

/**
 * SHAP values of every row of x for the model's margin: a row-major Float64Array of
 * rows × (p + 1); column j < p is feature j's contribution, column p the bias (the expected
 * margin), and each row sums to the model's margin for that row.
 */
export function treeShap(model: TreeEnsemble, x: FeatureInput): Float64Array {
  const input = routedInput('trees/tree-shap', model, x);
  const n = rowCount(input),
    p = model.featureNames.length,
    width = p + 1;
  const phi = new Float64Array(n * width);
  let bias = model.baseMargin;
  for (const tree of model.trees) bias += model.treeScale * treeMeanValue(tree);
  const maxDepth = model.trees.reduce((d, t) => Math.max(d, treeDepth(t)), 0) + 2;
  const size = ((maxDepth + 1) * (maxDepth + 2)) / 2 + maxDepth + 2;
  const path: PathBuffer = {
    feature: new Int32Array(size),
    zero: new Float64Array(size),
    one: new Float64Array(size),
    weight: new Float64Array(size),
  };
  for (let i = 0; i < n; i++) {
    const at = i * width;
    for (const tree of model.trees) {
      if (tree.feature[0] < 0) continue; // a single leaf contributes to the bias only
      recurse(tree, input, i, phi, at, model.treeScale, path, 0, 0, 0, 1, 1, -1);
    }
    phi[at + p] = bias;
  }
  return phi;
}
