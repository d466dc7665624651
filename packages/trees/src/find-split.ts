// Best split of one node from its gradient histogram: the second-order gain of Chen & Guestrin
// (2016, eq. 7) with L2 leaf penalty λ, in XGBoost's form (no ½, no γ):
//   gain = G_L²/(H_L + λ) + G_R²/(H_R + λ) − G²/(H + λ),
// over every cut "bin ≤ t" of every feature, each child needing Σh ≥ minChildWeight, kept when
// gain > minGain (XGBoost: 1e-6, kRtEps). Missing values (Alg. 3, sparsity-aware split finding)
// go to the side with the larger gain: a forward pass over the bins sends them right (its last
// cut is "present vs missing"), then, only when the node has missing rows, a backward pass
// sends them left. A node without missing training rows sends missing values right.
// As in XGBoost 1.7 (src/tree/hist/evaluate_splits.h), gains are compared in float32 and only a
// strictly larger one replaces the best, so candidates equal to float precision — most often
// the same partition of the rows reached through empty bins, whose sums differ by rounding
// alone — resolve to the first in this order: lowest feature, forward before backward.
import { MISSING_BIN } from './bin-matrix.ts';
import { FEATURE_STRIDE } from './build-histogram.ts';

export interface SplitParams {
  readonly lambda: number;
  readonly minChildWeight: number;
  readonly minGain: number;
}

/** A node's best split; `feature` −1 when none qualifies. */
export interface Split {
  feature: number;
  bin: number;
  defaultLeft: boolean;
  gain: number;
  /** Σ g and Σ h of the left child (right = node − left). */
  gLeft: number;
  hLeft: number;
}

export function emptySplit(): Split {
  return { feature: -1, bin: 0, defaultLeft: false, gain: 0, gLeft: 0, hLeft: 0 };
}

/** Writes the best split of a node with sums (g, h) over `features` into `best`. */
export function findBestSplit(
  hist: Float64Array,
  features: Int32Array,
  valueBins: Int32Array,
  g: number,
  h: number,
  p: SplitParams,
  best: Split,
): Split {
  const { lambda, minChildWeight } = p;
  const fround = Math.fround;
  const parentGain = fround((g * g) / (h + lambda));
  best.feature = -1;
  best.gain = p.minGain;
  for (let q = 0; q < features.length; q++) {
    const f = features[q];
    const nb = valueBins[f];
    if (nb === 0) continue;
    const base = f * FEATURE_STRIDE;
    const hasMissing = hist[base + 2 * MISSING_BIN + 1] > 1e-12 * h;
    // forward: left = bins ≤ t, missing right (t = nb − 1 is present vs missing)
    let gl = 0,
      hl = 0;
    for (let t = 0; t < (hasMissing ? nb : nb - 1); t++) {
      gl += hist[base + 2 * t];
      hl += hist[base + 2 * t + 1];
      const hr = h - hl;
      if (hl >= minChildWeight && hr >= minChildWeight) {
        const gr = g - gl;
        const gain = fround((gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentGain);
        if (gain > best.gain) {
          best.feature = f;
          best.bin = t;
          best.gain = gain;
          best.gLeft = gl;
          best.hLeft = hl;
          best.defaultLeft = false;
        }
      }
    }
    if (!hasMissing) continue;
    // backward: right = bins > t, left = the rest with the missing rows
    let gr = 0,
      hr = 0;
    for (let t = nb - 2; t >= 0; t--) {
      gr += hist[base + 2 * (t + 1)];
      hr += hist[base + 2 * (t + 1) + 1];
      const gl2 = g - gr,
        hl2 = h - hr;
      if (hl2 >= minChildWeight && hr >= minChildWeight) {
        const gain = fround((gl2 * gl2) / (hl2 + lambda) + (gr * gr) / (hr + lambda) - parentGain);
        if (gain > best.gain) {
          best.feature = f;
          best.bin = t;
          best.gain = gain;
          best.gLeft = gl2;
          best.hLeft = hl2;
          best.defaultLeft = true;
        }
      }
    }
  }
  return best;
}
