// Checks that the planted signals are recoverable and that RFM cannot see them: fits least
// squares on log1p(holdout value) with RFM features, + recent cart-without-purchase
// (intent), + neighbours' recent purchases (social), on 60% of the cohort, and reports
// normalized Gini and Spearman on the other 40%, next to the oracle.
// Run: npx tsx packages/synth/benchmark/verify-signals.ts [--customers N] [--seed S]
// Env: SYNTH_OPTIONS='{"socialBoost":0}' overrides generator options; SYNTH_ABLATE=1 adds
// rows "RFM + one TRUE latent" (alive, λ, browse rate, spend, regime, S) to see what the oracle knows.
import { parseArgs } from 'node:util';
import { EventType } from '@clvlab/events';
import { createRng, hashUnit, parseInteger } from '@clvlab/core';
import { generateSynthetic } from '../src/index.ts';

const { values } = parseArgs({ options: { customers: { type: 'string' }, seed: { type: 'string' } } });
const data = generateSynthetic({
  ...(process.env.SYNTH_OPTIONS ? JSON.parse(process.env.SYNTH_OPTIONS) : {}),
  ...(values.customers ? { customers: parseInteger(values.customers, { min: 2, where: '--customers' }) } : {}),
  ...(values.seed ? { seed: parseInteger(values.seed, { min: 0, where: '--seed' }) } : {}),
});
const { log, truth, cutoff, horizon, edges } = data;
const n = log.customerIds.length,
  WEEK = 7 * 86_400_000,
  GAP = 30 * 60_000;
const freq = new Float64Array(n),
  money = new Float64Array(n),
  last = new Float64Array(n).fill(NaN),
  first = new Float64Array(n).fill(NaN);
const holdPurchases = new Float64Array(n),
  recentOrders = new Float64Array(n),
  intent2 = new Float64Array(n),
  intent4 = new Float64Array(n),
  y = new Float64Array(n);
// One pass over the sorted log: sessions by the 30-minute rule, abandoned-cart sessions near the cutoff.
let sessCart = false,
  sessBuy = false,
  sessStart = 0;
const closeSession = (c: number): void => {
  if (sessCart && !sessBuy && sessStart < cutoff) {
    if (sessStart >= cutoff - 2 * WEEK) intent2[c]++;
    if (sessStart >= cutoff - 4 * WEEK) intent4[c]++;
  }
};
for (let e = 0; e < log.length; e++) {
  const c = log.customer[e],
    t = log.t[e],
    ty = log.type[e];
  const newSession = e === 0 || log.customer[e - 1] !== c || t - log.t[e - 1] > GAP;
  if (newSession) {
    if (e > 0) closeSession(log.customer[e - 1]);
    sessCart = false;
    sessBuy = false;
    sessStart = t;
  }
  if (ty === EventType.cart) sessCart = true;
  if (ty === EventType.purchase) sessBuy = true;
  if (t < cutoff) {
    if (Number.isNaN(first[c])) first[c] = t;
    if (ty === EventType.purchase) {
      freq[c]++;
      money[c] += log.amount[e];
      last[c] = t;
      if (t >= cutoff - 4 * WEEK) recentOrders[c]++;
    }
  } else if (t < cutoff + horizon && (ty === EventType.purchase || ty === EventType.return)) {
    y[c] += log.amount[e];
    if (ty === EventType.purchase) holdPurchases[c]++;
  }
}
closeSession(log.customer[log.length - 1]);
for (let c = 0; c < n; c++) y[c] = Math.max(0, y[c]);
// Neighbour aggregates: weighted mean of neighbours' purchases (last 4 weeks, whole calibration).
const nbRecent = new Float64Array(n),
  nbAll = new Float64Array(n),
  strength = new Float64Array(n);
for (let k = 0; k < edges.src.length; k++) {
  const a = edges.src[k],
    b = edges.dst[k],
    w = edges.weight[k];
  nbRecent[a] += w * recentOrders[b];
  nbRecent[b] += w * recentOrders[a];
  nbAll[a] += w * freq[b];
  nbAll[b] += w * freq[a];
  strength[a] += w;
  strength[b] += w;
}
for (let c = 0; c < n; c++)
  if (strength[c] > 0) {
    nbRecent[c] /= strength[c];
    nbAll[c] /= strength[c];
  }

const cohort: number[] = [];
for (let c = 0; c < n; c++) if (freq[c] > 0) cohort.push(c);
const train = cohort.filter((c) => hashUnit(log.customerIds[c], 7) < 0.6),
  test = cohort.filter((c) => hashUnit(log.customerIds[c], 7) >= 0.6);
const rfm = (c: number): number[] => [
  1,
  Math.log1p(freq[c]),
  Math.log1p(money[c] / freq[c]),
  (cutoff - last[c]) / WEEK,
  (cutoff - first[c]) / WEEK,
];
const sets: Record<string, (c: number) => number[]> = {
  rfm,
  'rfm+intent': (c) => [...rfm(c), Math.log1p(intent2[c]), Math.log1p(intent4[c])],
  'rfm+social': (c) => [...rfm(c), Math.log1p(nbRecent[c]), Math.log1p(nbAll[c])],
  'rfm+intent+social': (c) => [
    ...rfm(c),
    Math.log1p(intent2[c]),
    Math.log1p(intent4[c]),
    Math.log1p(nbRecent[c]),
    Math.log1p(nbAll[c]),
  ],
};
if (process.env.SYNTH_ABLATE) {
  const tr = truth;
  Object.assign(sets, {
    'rfm+TRUE alive': (c: number) => [...rfm(c), tr.aliveAtCutoff[c]],
    'rfm+TRUE lambda': (c: number) => [...rfm(c), Math.log(tr.purchaseRate[c])],
    'rfm+TRUE browse': (c: number) => [...rfm(c), Math.log(tr.browseRate[c])],
    'rfm+TRUE spend': (c: number) => [...rfm(c), Math.log(tr.spendMean[c])],
    'rfm+TRUE intent': (c: number) => [...rfm(c), tr.intentAtCutoff[c]],
    'rfm+TRUE social': (c: number) => [...rfm(c), Math.log1p(tr.socialAtCutoff[c])],
  });
}
const rows: Record<string, unknown>[] = [];
const actual = test.map((c) => y[c]);
const hurdles: Record<string, number[]> = {};
for (const [name, f] of Object.entries(sets)) {
  const beta = leastSquares(
    train.map(f),
    train.map((c) => Math.log1p(y[c])),
  );
  const pred = test.map((c) => f(c).reduce((s, x, j) => s + x * beta[j], 0));
  // Two-part (hurdle) model, ZILN-like: P(y > 0) by a linear probability model, E[log y | y > 0] by OLS.
  const buyers = train.filter((c) => y[c] > 0);
  const bp = leastSquares(
    train.map(f),
    train.map((c) => (y[c] > 0 ? 1 : 0)),
  );
  const bm = leastSquares(
    buyers.map(f),
    buyers.map((c) => Math.log(y[c])),
  );
  const dot = (x: number[], b: number[]): number => x.reduce((s, v, j) => s + v * b[j], 0);
  const hurdle = test.map((c) => Math.min(1, Math.max(1e-3, dot(f(c), bp))) * Math.exp(dot(f(c), bm)));
  hurdles[name] = hurdle;
  rows.push({
    model: name,
    normalized_gini: round(normalizedGini(pred, actual)),
    spearman: round(spearman(pred, actual)),
    hurdle_gini: round(normalizedGini(hurdle, actual)),
    hurdle_spearman: round(spearman(hurdle, actual)),
  });
}
const oracle = test.map((c) => truth.oracle[c]);
rows.push({
  model: 'oracle',
  normalized_gini: round(normalizedGini(oracle, actual)),
  spearman: round(spearman(oracle, actual)),
});
rows.push({
  model: 'frequency',
  normalized_gini: round(
    normalizedGini(
      test.map((c) => freq[c]),
      actual,
    ),
  ),
  spearman: round(
    spearman(
      test.map((c) => freq[c]),
      actual,
    ),
  ),
});
const degree = new Int32Array(n);
let intra = 0;
for (let k = 0; k < edges.src.length; k++) {
  degree[edges.src[k]]++;
  degree[edges.dst[k]]++;
  if (truth.community[edges.src[k]] === truth.community[edges.dst[k]]) intra++;
}
console.log(
  JSON.stringify({
    edges: edges.src.length,
    mean_degree: round((2 * edges.src.length) / n),
    max_degree: Math.max(...degree),
    isolated: degree.filter((d) => d === 0).length,
    intra_community_share: round(intra / edges.src.length),
  }),
);
let intentCustomers = 0;
for (const c of test) if (intent4[c] > 0) intentCustomers++;
console.log(
  JSON.stringify({
    customers: n,
    events: log.length,
    cohort: cohort.length,
    train: train.length,
    test: test.length,
    test_with_recent_abandoned_cart: intentCustomers,
  }),
);
console.table(rows);

// Paired bootstrap (seeded, 500 resamples of test customers) of hurdle-Gini differences against RFM.
const rng = createRng(2024, 9);
const diffs: Record<string, number[]> = { 'rfm+intent': [], 'rfm+social': [], 'rfm+intent+social': [] };
for (let b = 0; b < 500; b++) {
  const idx = Array.from({ length: test.length }, () => rng.int(test.length));
  const act = idx.map((i) => actual[i]);
  const base = normalizedGini(
    idx.map((i) => hurdles.rfm[i]),
    act,
  );
  for (const k of Object.keys(diffs))
    diffs[k].push(
      normalizedGini(
        idx.map((i) => hurdles[k][i]),
        act,
      ) - base,
    );
}
console.table(
  Object.entries(diffs).map(([k, v]) => {
    const sorted = v.slice().sort((a, b) => a - b);
    return {
      model: k,
      hurdle_gini_minus_rfm: round(normalizedGini(hurdles[k], actual) - normalizedGini(hurdles.rfm, actual)),
      ci95_low: round(sorted[12]),
      ci95_high: round(sorted[487]),
    };
  }),
);

// Effect sizes behind the signals: alive customers' holdout purchases by intent regime at the cutoff.
const regimeRows: Record<string, unknown>[] = [];
for (const [r, name] of [
  [0, 'normal'],
  [1, 'considering'],
  [2, 'buying'],
] as const) {
  let count = 0,
    hold = 0,
    cal = 0;
  for (let c = 0; c < n; c++) {
    if (!truth.aliveAtCutoff[c] || truth.intentAtCutoff[c] !== r) continue;
    count++;
    cal += freq[c];
    hold += holdPurchases[c];
  }
  regimeRows.push({
    regime: name,
    alive_customers: count,
    calibration_purchases: round(cal / count),
    holdout_purchases: round(hold / count),
  });
}
console.table(regimeRows);

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function leastSquares(X: number[][], yv: number[]): number[] {
  const p = X[0].length,
    A = Array.from({ length: p }, () => new Float64Array(p + 1));
  for (let r = 0; r < X.length; r++)
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) A[i][j] += X[r][i] * X[r][j];
      A[i][p] += X[r][i] * yv[r];
    }
  for (let i = 0; i < p; i++) A[i][i] += 1e-6;
  for (let i = 0; i < p; i++) {
    // Gauss-Jordan with partial pivoting
    let piv = i;
    for (let r = i + 1; r < p; r++) if (Math.abs(A[r][i]) > Math.abs(A[piv][i])) piv = r;
    [A[i], A[piv]] = [A[piv], A[i]];
    for (let r = 0; r < p; r++)
      if (r !== i) {
        const m = A[r][i] / A[i][i];
        for (let j = i; j <= p; j++) A[r][j] -= m * A[i][j];
      }
  }
  return Array.from({ length: p }, (_, i) => A[i][p] / A[i][i]);
}

function ranks(v: number[]): number[] {
  const idx = v.map((_, i) => i).sort((a, b) => v[a] - v[b]),
    r = new Array<number>(v.length);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && v[idx[j + 1]] === v[idx[i]]) j++;
    for (let k = i; k <= j; k++) r[idx[k]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}
function spearman(a: number[], b: number[]): number {
  const ra = ranks(a),
    rb = ranks(b),
    m = ra.length,
    ma = ra.reduce((s, x) => s + x, 0) / m,
    mb = rb.reduce((s, x) => s + x, 0) / m;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < m; i++) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) ** 2;
    sbb += (rb[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
// Normalized Gini (docs/architecture.md §Metrics) with tied predictions as one block whose value is
// spread evenly.
function rawGini(pred: number[], act: number[]): number {
  const idx = pred.map((_, i) => i).sort((a, b) => pred[b] - pred[a]),
    total = act.reduce((s, x) => s + x, 0),
    m = pred.length;
  let cum = 0,
    sumG = 0;
  for (let i = 0; i < m;) {
    let j = i,
      block = 0;
    while (j < m && pred[idx[j]] === pred[idx[i]]) block += act[idx[j++]];
    for (let k = i; k < j; k++) {
      cum += block / (j - i);
      sumG += cum / total;
    }
    i = j;
  }
  return 2 * (sumG / m) - 1;
}
function normalizedGini(pred: number[], act: number[]): number {
  return rawGini(pred, act) / rawGini(act, act);
}
