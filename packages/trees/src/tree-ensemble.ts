// What every fitted model of this package is: a sum of trees on a margin,
//   margin(x) = baseMargin + treeScale · Σ_t tree_t(x),
// (GBDT: treeScale 1, leaf values already shrunk; random forest: 1/T; one tree: 1), plus the
// response transform. predictMargin / TreeSHAP work on any of them through this interface.
import { isBinnedMatrix, type BinnedMatrix, type FeatureColumns } from './bin-matrix.ts';
import { checkColumns } from './bin-matrix.ts';
import { addTreeOutput, type Tree } from './tree.ts';

export type ModelKind = 'gbdt' | 'random-forest' | 'decision-tree';

/** Rows to predict: raw columns (NaN = missing), or a BinnedMatrix (its bins are used when it was binned with the model's cut points). */
export type FeatureInput = BinnedMatrix | FeatureColumns;

export interface TreeEnsemble {
  readonly kind: ModelKind;
  readonly featureNames: readonly string[];
  readonly trees: readonly Tree[];
  readonly baseMargin: number;
  readonly treeScale: number;
  /** The training matrix's cut points (a BinnedMatrix sharing them is routed by bins). */
  readonly edges: readonly Float64Array[];
}

/** The rows of `x` in the form the trees read fastest, after checking the feature count. */
export function routedInput(where: string, model: TreeEnsemble, x: FeatureInput): FeatureInput {
  const p = model.featureNames.length;
  if (isBinnedMatrix(x)) {
    if (x.features !== p) throw new Error(`${where}: expected ${p} features (as in training), got ${x.features}`);
    return x.edges === model.edges ? x : x.columns;
  }
  checkColumns(where, x, p);
  return x;
}

export function rowCount(x: FeatureInput): number {
  return isBinnedMatrix(x) ? x.rows : x[0].length;
}

/** margin(x_i) for every row of x. */
export function ensembleMargin(where: string, model: TreeEnsemble, x: FeatureInput): Float64Array {
  const input = routedInput(where, model, x);
  const sum = new Float64Array(rowCount(input));
  for (const tree of model.trees) addTreeOutput(tree, input, sum);
  for (let i = 0; i < sum.length; i++) sum[i] = model.baseMargin + model.treeScale * sum[i];
  return sum;
}
