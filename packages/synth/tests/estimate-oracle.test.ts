// The oracle of src/estimate-oracle.ts: calibrated against the realised holdout, and far
// better at ranking it than calibration frequency.
import { describe, expect, it } from 'vitest';
import { generateSynthetic } from '../src/index.ts';
import { summarise } from './summarise-log.ts';

const data = generateSynthetic({ customers: 1500, seed: 7, oracleSamples: 16 });

function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const rank = (v: ArrayLike<number>): Float64Array => {
    const idx = Array.from({ length: v.length }, (_, i) => i).sort((x, y) => v[x] - v[y]);
    const r = new Float64Array(v.length);
    for (let i = 0; i < idx.length;) {
      let j = i;
      while (j + 1 < idx.length && v[idx[j + 1]] === v[idx[i]]) j++;
      for (let k = i; k <= j; k++) r[idx[k]] = (i + j) / 2;
      i = j + 1;
    }
    return r;
  };
  const ra = rank(a),
    rb = rank(b),
    n = ra.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n,
    mb = rb.reduce((s, x) => s + x, 0) / n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) ** 2;
    sbb += (rb[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('oracle', () => {
  it('the oracle is calibrated and ranks holdout value far better than calibration frequency', () => {
    const { freq, value } = summarise(data);
    const cohort = Array.from({ length: freq.length }, (_, c) => c).filter((c) => freq[c] > 0);
    const actual = cohort.map((c) => value[c]);
    const sOracle = spearman(
      cohort.map((c) => data.truth.oracle[c]),
      actual,
    );
    const sFreq = spearman(
      cohort.map((c) => freq[c]),
      actual,
    );
    expect(sOracle).toBeGreaterThan(sFreq + 0.1);
    // Calibrated: the expectations sum to the realised totals (Monte Carlo + sampling noise, ~3–5%).
    let sumOracle = 0,
      sumActual = 0,
      sumRep = 0,
      repurchasers = 0;
    const { holdPurchases } = summarise(data);
    for (let c = 0; c < freq.length; c++) {
      sumOracle += data.truth.oracle[c];
      sumActual += value[c];
      sumRep += data.truth.oracleRepurchase[c];
      if (holdPurchases[c] > 0) repurchasers++;
    }
    expect(Math.abs(sumOracle / sumActual - 1)).toBeLessThan(0.12);
    expect(Math.abs(sumRep / repurchasers - 1)).toBeLessThan(0.06);
    // oracleRepurchase is a probability and agrees with the oracle's zero/non-zero
    for (let c = 0; c < freq.length; c++) {
      const p = data.truth.oracleRepurchase[c];
      if (!(p >= 0 && p <= 1) || (p === 0) !== (data.truth.oracle[c] === 0))
        throw new Error(`oracle mismatch for ${c}`);
    }
  });
});
