// Test (and benchmark) helper: the agreement measures of the XGBoost comparison, written here
// because @clvlab/trees depends on core alone (the metrics package sits in another layer).
// Spearman with average ranks for ties; normalized Gini with ties spread evenly (the definition
// of packages/metrics/src/normalized-gini.ts, docs/architecture.md §Metrics).

/** Average ranks (1-based) with ties sharing their mean rank. */
export function ranks(x: ArrayLike<number>): Float64Array {
  const idx = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const r = new Float64Array(x.length);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && x[idx[j + 1]] === x[idx[i]]) j++;
    for (let k = i; k <= j; k++) r[idx[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ra = ranks(a),
    rb = ranks(b),
    n = a.length,
    m = (n + 1) / 2;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - m) * (rb[i] - m);
    saa += (ra[i] - m) ** 2;
    sbb += (rb[i] - m) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** 2·(area under the tie-spread gain curve) − 1 of ranking `actual` by `score` descending. */
function giniRaw(actual: ArrayLike<number>, score: ArrayLike<number>): number {
  const idx = Array.from({ length: actual.length }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  let total = 0,
    area = 0,
    cum = 0;
  for (let i = 0; i < idx.length;) {
    let j = i,
      s = 0;
    while (j < idx.length && score[idx[j]] === score[idx[i]]) s += actual[idx[j++]];
    area += (j - i) * (cum + s / 2);
    cum += s;
    i = j;
  }
  total = cum;
  return (2 * area) / (actual.length * total) - 1;
}

/** Normalized Gini: raw(score) / raw(actual). */
export function normalizedGini(actual: ArrayLike<number>, score: ArrayLike<number>): number {
  return giniRaw(actual, score) / giniRaw(actual, actual);
}

/** Mean |SHAP| per feature from a row-major rows × (p + 1) matrix (the bias column left out). */
export function meanAbsShap(contribs: Float64Array, p: number): Float64Array {
  const n = contribs.length / (p + 1),
    out = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let f = 0; f < p; f++) out[f] += Math.abs(contribs[i * (p + 1) + f]) / n;
  return out;
}

/** Feature indices by decreasing value. */
export function topFeatures(importance: Float64Array, k: number): number[] {
  return Array.from(importance.keys())
    .sort((a, b) => importance[b] - importance[a] || a - b)
    .slice(0, k);
}
