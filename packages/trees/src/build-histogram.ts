// Gradient histograms, the inner loop of histogram tree growing (Chen & Guestrin 2016 §3.3;
// Ke et al. 2017, LightGBM, Alg. 1): for each feature, the sums of g and h of a node's rows per
// bin. Layout: hist[f · 512 + 2b] = Σ g, hist[f · 512 + 2b + 1] = Σ h, b ∈ [0, 256) (255 = missing).
//
// buildHistogram is a pure function of (matrix, rows, gradients, a range of the feature list):
// disjoint feature ranges write disjoint slots, so the work can be split by feature range across
// worker threads over shared buffers (the bins are column-major, so a range is one contiguous
// block) and gives bit-identical sums whatever the split. Today one thread calls it for the
// whole range; the @clvlab/core worker pool will call it per range.
import { HISTOGRAM_BINS } from './bin-matrix.ts';

/** Doubles per feature in a histogram (g and h for each of the 256 bins). */
export const FEATURE_STRIDE = 2 * HISTOGRAM_BINS;

/** What a histogram is built from; `rows[start, end)` are the node's rows (ascending). */
export interface HistogramInput {
  /** Column-major bins of the training matrix. */
  readonly bins: Uint8Array;
  /** Rows of the training matrix (the column stride of `bins`). */
  readonly n: number;
  readonly rows: Int32Array;
  readonly start: number;
  readonly end: number;
  /** The node's gradients gathered in row order: nodeGh[2k], nodeGh[2k + 1] are g, h of rows[start + k]. */
  readonly nodeGh: Float64Array;
  /** Feature ids to histogram. */
  readonly features: Int32Array;
}

/** Gathers g, h of rows[start, end) into `out` (contiguous, in row order) from the per-row array gh. */
export function gatherGradients(
  gh: Float64Array,
  rows: Int32Array,
  start: number,
  end: number,
  out: Float64Array,
): Float64Array {
  for (let k = start, j = 0; k < end; k++, j += 2) {
    const r = rows[k] << 1;
    out[j] = gh[r];
    out[j + 1] = gh[r + 1];
  }
  return out;
}

/**
 * Fills the histogram slots of features[featureStart, featureEnd) in `hist` (other slots untouched).
 * The sums run over the rows in order for every feature, so they do not depend on the range split.
 */
export function buildHistogram(
  input: HistogramInput,
  featureStart: number,
  featureEnd: number,
  hist: Float64Array,
): void {
  const { bins, n, rows, start, end, nodeGh, features } = input;
  let q = featureStart;
  // four features per pass over the rows: each row's index and gradients are loaded once for four histograms
  for (; q + 4 <= featureEnd; q += 4) {
    const h0 = features[q] * FEATURE_STRIDE,
      h1 = features[q + 1] * FEATURE_STRIDE;
    const h2 = features[q + 2] * FEATURE_STRIDE,
      h3 = features[q + 3] * FEATURE_STRIDE;
    hist.fill(0, h0, h0 + FEATURE_STRIDE);
    hist.fill(0, h1, h1 + FEATURE_STRIDE);
    hist.fill(0, h2, h2 + FEATURE_STRIDE);
    hist.fill(0, h3, h3 + FEATURE_STRIDE);
    const o0 = features[q] * n,
      o1 = features[q + 1] * n,
      o2 = features[q + 2] * n,
      o3 = features[q + 3] * n;
    for (let k = start, j = 0; k < end; k++, j += 2) {
      const r = rows[k];
      const g = nodeGh[j],
        h = nodeGh[j + 1];
      const b0 = h0 + (bins[o0 + r] << 1),
        b1 = h1 + (bins[o1 + r] << 1);
      const b2 = h2 + (bins[o2 + r] << 1),
        b3 = h3 + (bins[o3 + r] << 1);
      hist[b0] += g;
      hist[b0 + 1] += h;
      hist[b1] += g;
      hist[b1 + 1] += h;
      hist[b2] += g;
      hist[b2 + 1] += h;
      hist[b3] += g;
      hist[b3 + 1] += h;
    }
  }
  for (; q < featureEnd; q++) {
    const h0 = features[q] * FEATURE_STRIDE,
      o0 = features[q] * n;
    hist.fill(0, h0, h0 + FEATURE_STRIDE);
    for (let k = start, j = 0; k < end; k++, j += 2) {
      const b0 = h0 + (bins[o0 + rows[k]] << 1);
      hist[b0] += nodeGh[j];
      hist[b0 + 1] += nodeGh[j + 1];
    }
  }
}

/** The histogram subtraction trick (Ke et al. 2017 §3): parent − smaller child = larger child, in place in `parent`. */
export function subtractHistogram(parent: Float64Array, child: Float64Array, features: Int32Array): void {
  for (let q = 0; q < features.length; q++) {
    const base = features[q] * FEATURE_STRIDE;
    for (let s = base; s < base + FEATURE_STRIDE; s++) parent[s] -= child[s];
  }
}
