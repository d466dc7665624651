// Histogram binning of a feature matrix, as XGBoost's `hist` tree method does (Chen & Guestrin
// 2016, "XGBoost: A Scalable Tree Boosting System", §3.3 approximate split finding; LightGBM,
// Ke et al. 2017, §2): each feature's values become at most 255 ordered value bins cut at
// quantiles of a row sample, plus one bin (255) for a missing value (NaN). Bin b of a feature
// holds the values in [edges[b − 1], edges[b]), so a split "bin ≤ b" is the raw test
// "x < edges[b]", the same form (and, when a feature has ≤ 255 distinct values, the same cut
// values) as XGBoost's `fvalue < split_condition`.
//
// The binned matrix is column-major (bins[f · rows + i]): histogram building walks one feature
// at a time, and a feature range is a contiguous block (see build-histogram.ts).
import { createRng } from '@clvlab/core';
import { checkInteger, resolveTyped } from './option-checks.ts';

/** Raw feature columns, one typed array per feature, all of the same length; NaN = missing. */
export type FeatureColumns = readonly (Float64Array | Float32Array)[];

/** The bin index of a missing value, for every feature. */
export const MISSING_BIN = 255;
/** Histogram slots per feature: 255 value bins + the missing bin. */
export const HISTOGRAM_BINS = 256;

export const DEFAULT_BIN_MATRIX = Object.freeze({
  /** Bins per feature including the missing bin: 255 value bins, XGBoost's max_bin = 255 (its default 256 has one more value bin, as it bins no missing value). */
  maxBins: 256 as number,
  /** Quantile edges come from at most this many rows (a seeded sample above it): exact below. */
  sampleRows: 200_000 as number,
  /** Seed of that row sample (only used when rows > sampleRows). */
  seed: 0 as number,
});
export type BinMatrixOptions = Partial<typeof DEFAULT_BIN_MATRIX>;

/** A feature matrix as bin indices plus the cut points that map raw values to bins. */
export interface BinnedMatrix {
  readonly rows: number;
  readonly features: number;
  readonly names: readonly string[];
  /** Column-major bin indices: bins[f · rows + i] ∈ [0, valueBins[f]) or MISSING_BIN. */
  readonly bins: Uint8Array;
  /** Per feature, strictly increasing cut points: value x is in bin #{edges ≤ x}. */
  readonly edges: readonly Float64Array[];
  /** Per feature, the number of value bins (edges + 1; 0 when the column is entirely missing). */
  readonly valueBins: Int32Array;
  /** The raw columns that were binned (references, not copies). */
  readonly columns: FeatureColumns;
}

const WHERE = 'trees/bin-matrix';

/** Checks shape and values: equal lengths, no ±Infinity (NaN is missing). Returns the row count. */
export function checkColumns(where: string, columns: FeatureColumns, expectedFeatures?: number): number {
  if (!Array.isArray(columns) || columns.length === 0)
    throw new Error(`${where}: expected at least one feature column`);
  if (expectedFeatures !== undefined && columns.length !== expectedFeatures) {
    throw new Error(`${where}: expected ${expectedFeatures} feature columns (as in training), got ${columns.length}`);
  }
  const n = columns[0].length;
  for (let f = 0; f < columns.length; f++) {
    const col = columns[f];
    if (!(col instanceof Float64Array || col instanceof Float32Array))
      throw new Error(`${where}: feature column ${f} must be a Float64Array or Float32Array`);
    if (col.length !== n) throw new Error(`${where}: feature column ${f} has ${col.length} rows, column 0 has ${n}`);
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (v === Infinity || v === -Infinity)
        throw new Error(`${where}: feature column ${f} row ${i} is ${v}; use NaN for a missing value`);
    }
  }
  return n;
}

function sampleRowIndices(n: number, size: number, seed: number): Int32Array | null {
  if (n <= size) return null;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const rng = createRng(seed, 0xb1);
  for (let i = 0; i < size; i++) {
    // partial Fisher–Yates: the first `size` entries are the sample
    const j = i + rng.int(n - i);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.subarray(0, size);
}

/**
 * Cut points of one feature from its sampled values: every distinct value but the smallest when
 * they fit in the value bins; otherwise the entries XGBoost's quantile summary keeps when pruned
 * for max_bin = valueBins (WQSummary::SetPrune to valueBins + 1 entries at ranks k·range/valueBins,
 * src/common/quantile.h; HistogramCuts' AddCutPoint), so that on an exactly summarised column
 * both libraries cut at the same values. maxBins 256 here (255 value bins + missing) is
 * XGBoost's max_bin 255, whose missing values have no bin.
 */
function featureEdges(col: Float64Array | Float32Array, sample: Int32Array | null, valueBins: number): Float64Array {
  const m0 = sample ? sample.length : col.length;
  const s = new Float64Array(m0);
  let m = 0;
  for (let k = 0; k < m0; k++) {
    const v = col[sample ? sample[k] : k];
    if (v === v) s[m++] = v;
  }
  const sorted = s.subarray(0, m).sort();
  // the exact weighted summary: distinct value i starts at sorted[start[i]], with
  // rmin = start[i] = #{< v}, rmax = start[i + 1] = #{≤ v}, w = rmax − rmin
  const start = new Int32Array(m + 1);
  let size = 0;
  for (let k = 0; k < m; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) start[size++] = k;
  start[size] = m;
  if (size <= valueBins) {
    const edges = new Float64Array(Math.max(0, size - 1));
    for (let i = 1; i < size; i++) edges[i - 1] = sorted[start[i]];
    return edges;
  }
  const picked = [0];
  const begin = start[1],
    range = start[size - 1] - start[1],
    n = valueBins;
  let i = 1,
    last = 0;
  for (let k = 1; k < n; k++) {
    const dx2 = 2 * ((k * range) / n + begin);
    while (i < size - 1 && dx2 >= start[i + 2] + start[i + 1]) i++;
    if (i === size - 1) break;
    // RMinNext(i) + RMaxPrev(i + 1) = (rmin_i + w_i) + (rmax_{i+1} − w_{i+1}) = 2 · start[i + 1]
    const pick = dx2 < 2 * start[i + 1] ? i : i + 1;
    if (pick !== last) {
      picked.push(pick);
      last = pick;
    }
  }
  if (last !== size - 1) picked.push(size - 1);
  // the last entry kept (the maximum, once pruned) is not a cut: XGBoost puts a sentinel above it
  return Float64Array.from(picked.slice(1, valueBins), (k) => sorted[start[k]]);
}

/** Bins a column into out[off, off + n): a fixed 8-step search over the edges padded to 255 with +∞ (no data-dependent branch). */
function binColumn(col: Float64Array | Float32Array, edges: Float64Array, out: Uint8Array, off: number): void {
  const padded = new Float64Array(MISSING_BIN).fill(Infinity);
  padded.set(edges);
  for (let i = 0; i < col.length; i++) {
    const x = col[i];
    let lo = 0;
    lo += 128 * +(padded[lo + 127] <= x);
    lo += 64 * +(padded[lo + 63] <= x);
    lo += 32 * +(padded[lo + 31] <= x);
    lo += 16 * +(padded[lo + 15] <= x);
    lo += 8 * +(padded[lo + 7] <= x);
    lo += 4 * +(padded[lo + 3] <= x);
    lo += 2 * +(padded[lo + 1] <= x);
    lo += +(padded[lo] <= x);
    out[off + i] = x === x ? lo : MISSING_BIN;
  }
}

// `names`, `edges` and `valueBins` are shared (not copied) by matrices binned alike: binnedLike compares `edges` by identity.
function assemble(
  columns: FeatureColumns,
  names: readonly string[],
  edges: readonly Float64Array[],
  valueBins: Int32Array,
): BinnedMatrix {
  const n = columns[0].length,
    p = columns.length;
  const bins = new Uint8Array(n * p);
  for (let f = 0; f < p; f++) binColumn(columns[f], edges[f], bins, f * n);
  return Object.freeze({ rows: n, features: p, names, bins, edges, valueBins, columns: Object.freeze([...columns]) });
}

function checkNames(where: string, names: readonly string[] | undefined, p: number): readonly string[] {
  if (names === undefined) return Array.from({ length: p }, (_, f) => `f${f}`);
  if (names.length !== p) throw new Error(`${where}: ${names.length} feature names for ${p} columns`);
  if (new Set(names).size !== p) throw new Error(`${where}: feature names must be distinct`);
  return names;
}

/**
 * Bins raw feature columns (NaN = missing) into at most `maxBins − 1` quantile value bins per
 * feature plus the missing bin. A constant column gets one value bin and an all-NaN column none:
 * neither can be split on (a constant column with some NaN can still split present vs missing).
 */
export function binMatrix(
  columns: FeatureColumns,
  names?: readonly string[],
  options: BinMatrixOptions = {},
): BinnedMatrix {
  const o = resolveTyped(WHERE, DEFAULT_BIN_MATRIX, options);
  checkInteger(WHERE, 'maxBins', o.maxBins, 3, HISTOGRAM_BINS);
  checkInteger(WHERE, 'sampleRows', o.sampleRows, 1);
  const n = checkColumns(WHERE, columns);
  if (n === 0) throw new Error(`${WHERE}: no rows to bin`);
  const featureNames = checkNames(WHERE, names, columns.length);
  const sample = sampleRowIndices(n, o.sampleRows, o.seed);
  const edges = columns.map((col) => featureEdges(col, sample, o.maxBins - 1));
  const valueBins = new Int32Array(columns.length);
  for (let f = 0; f < columns.length; f++) {
    let present = false;
    const col = columns[f];
    for (let i = 0; i < n && !present; i++) present = col[i] === col[i];
    valueBins[f] = present ? edges[f].length + 1 : 0;
  }
  return assemble(columns, Object.freeze([...featureNames]), Object.freeze(edges), valueBins);
}

/** Bins new rows (a valid or test fold) with the cut points of `reference` (the training matrix). */
export function applyBins(reference: BinnedMatrix, columns: FeatureColumns): BinnedMatrix {
  checkColumns(`${WHERE}/applyBins`, columns, reference.features);
  return assemble(columns, reference.names, reference.edges, reference.valueBins);
}

/** `x` binned with `reference`'s cut points: itself when it already shares them, else re-binned from raw columns. */
export function binnedLike(reference: BinnedMatrix, x: BinnedMatrix | FeatureColumns): BinnedMatrix {
  if (!isBinnedMatrix(x)) return applyBins(reference, x);
  if (x.edges === reference.edges) return x;
  return applyBins(reference, x.columns);
}

export function isBinnedMatrix(x: BinnedMatrix | FeatureColumns): x is BinnedMatrix {
  return !Array.isArray(x) && typeof (x as BinnedMatrix).bins === 'object';
}
