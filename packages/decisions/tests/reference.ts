// Test helper (not a test): seeded random cases and readable brute-force references written
// from the definitions in the source headers (arrays of objects, Array.prototype.sort, one
// pass per point), plus the runner of reference_probe.py (numpy/scipy).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createRng } from '@clvlab/core';

/** A seeded CLV-like case: ~half zero values, heavy tail, predictions rounded so ties occur. */
export function clvCase(
  n: number,
  seed: number,
  decimals = 0,
): { predicted: Float64Array; actual: Float64Array; noise: Float64Array } {
  const rng = createRng(seed);
  const predicted = new Float64Array(n),
    actual = new Float64Array(n),
    noise = new Float64Array(n);
  const f = 10 ** decimals;
  for (let i = 0; i < n; i++) {
    const rate = rng.gamma(0.7);
    const buys = rng.poisson(rate);
    actual[i] = buys === 0 ? 0 : Math.round(buys * 40 * rng.gamma(2)) / 4;
    predicted[i] = Math.round(f * rate * 30 * Math.exp(0.6 * rng.normal())) / f;
    noise[i] = Math.round(f * 30 * rng.gamma(0.7)) / f;
  }
  return { predicted, actual, noise };
}

/** Customers sorted by prediction descending, ties by index ascending. */
export function contactList(predicted: ArrayLike<number>): number[] {
  return Array.from({ length: predicted.length }, (_, i) => i).sort((i, j) =>
    predicted[j] > predicted[i] ? 1 : predicted[j] < predicted[i] ? -1 : i - j,
  );
}

/** Reference profit curve for the grid ks = js/100 (integer percents, so ⌈j·n/100⌉ is exact). */
export function referenceProfit(
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  margin: number,
  cost: number,
  percents: number[],
): { contacts: number[]; profit: number[]; best: number } {
  const n = predicted.length,
    list = contactList(predicted);
  const contacts = percents.map((j) => Math.max(1, Math.floor((j * n + 99) / 100)));
  const profit = contacts.map((c) => margin * list.slice(0, c).reduce((s, i) => s + actual[i], 0) - cost * c);
  const max = Math.max(...profit);
  return { contacts, profit, best: profit.indexOf(max) };
}

/** Reference Qini points: after each block of equal scores, Q = Y_T − Y_C·N_T/N_C (Y_T when N_C = 0). */
export function referenceQini(
  score: ArrayLike<number>,
  treated: ArrayLike<number>,
  outcome: ArrayLike<number>,
): { fraction: number[]; qini: number[] } {
  const n = score.length;
  const distinct = [...new Set(Array.from(score))].sort((a, b) => b - a);
  const fraction = [0],
    qini = [0];
  for (const cut of distinct) {
    const top = Array.from({ length: n }, (_, i) => i).filter((i) => score[i] >= cut);
    const t = top.filter((i) => treated[i] === 1),
      c = top.filter((i) => treated[i] === 0);
    const yT = t.reduce((s, i) => s + outcome[i], 0),
      yC = c.reduce((s, i) => s + outcome[i], 0);
    fraction.push(top.length / n);
    qini.push(c.length === 0 ? yT : yT - (yC * t.length) / c.length);
  }
  return { fraction, qini };
}

/** Linear-interpolation quantile of sorted values (numpy's default). */
export function quantile(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q,
    lo = Math.floor(h),
    hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** What reference_probe.py returns. */
export interface ProbeReference {
  intercept: number;
  coef: number[];
  predictions: number[];
  normalized_gini: number | null;
  auc: number | null;
}

const script = fileURLToPath(new URL('./reference_probe.py', import.meta.url));

/** A probe case for the reference. */
export interface ProbeCase {
  features: ArrayLike<number>;
  d: number;
  target: ArrayLike<number>;
  train: ArrayLike<number>;
  test: ArrayLike<number>;
  lambda: number;
  kind: string;
}

/** Runs the numpy ridge-probe reference on several cases in one python3 process. */
export function referenceProbes(cases: ProbeCase[]): ProbeReference[] {
  const payload = cases.map((c) => ({
    features: Array.from(c.features),
    d: c.d,
    target: Array.from(c.target),
    train: Array.from(c.train),
    test: Array.from(c.test),
    lambda: c.lambda,
    kind: c.kind,
  }));
  return JSON.parse(
    execFileSync('python3', [script], { input: JSON.stringify(payload), encoding: 'utf8', maxBuffer: 64 << 20 }),
  ) as ProbeReference[];
}

/** NaN for the reference's null. */
export const num = (v: number | null): number => (v === null ? NaN : v);
