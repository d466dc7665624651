import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { DEFAULT_PROBE, linearProbe } from '../src/index.ts';
import { num, referenceProbes } from './reference.ts';

/**
 * rows × d features on mixed scales (column 2 constant), a value target from a linear signal
 * (≈ 40% zeros) and repurchase = value > 0; train and test are disjoint random subsets.
 */
function probeCase(
  rows: number,
  d: number,
  seed: number,
): { features: Float32Array; value: Float64Array; repurchase: Float64Array; train: number[]; test: number[] } {
  const rng = createRng(seed);
  const features = new Float32Array(rows * d),
    value = new Float64Array(rows),
    repurchase = new Float64Array(rows);
  const w = Array.from({ length: d }, () => rng.normal());
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const z = rng.normal();
      features[r * d + j] = j === 2 ? 7.5 : z * 10 ** (j % 4) + j;
      s += j === 2 ? 0 : w[j] * z;
    }
    value[r] = s + rng.normal() > 0.3 ? Math.round(100 * Math.exp(0.5 * s + rng.normal())) / 10 : 0;
    repurchase[r] = value[r] > 0 ? 1 : 0;
  }
  const perm = Array.from({ length: rows }, (_, i) => i);
  for (let i = rows - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [perm[i], perm[j]] = [perm[j], perm[i]];
  }
  return {
    features,
    value,
    repurchase,
    train: perm.slice(0, Math.floor(rows * 0.6)),
    test: perm.slice(Math.floor(rows * 0.6), Math.floor(rows * 0.9)),
  };
}

const rel = (a: number, b: number): number => Math.abs(a - b) / (1e-12 + Math.abs(b));

describe('linearProbe', () => {
  const c = probeCase(400, 9, 51);
  const f64 = Float64Array.from(c.features);
  const lambdas = [0.01, 0.5, 1e-6];
  const refs = referenceProbes([
    ...lambdas.map((lambda) => ({
      features: c.features,
      d: 9,
      target: c.value,
      train: c.train,
      test: c.test,
      lambda,
      kind: 'value',
    })),
    {
      features: f64,
      d: 9,
      target: c.repurchase,
      train: c.train,
      test: c.test,
      lambda: DEFAULT_PROBE.lambda,
      kind: 'repurchase',
    },
  ]);

  it('matches numpy (coefficients, predictions, normalized Gini, AUC) for the value probe', () => {
    lambdas.forEach((lambda, t) => {
      const p = linearProbe(c.features, 9, c.value, c.train, c.test, { lambda });
      const ref = refs[t];
      ref.coef.forEach((v, j) => expect(Math.abs(p.coef[j] - v)).toBeLessThanOrEqual(1e-9 * (Math.abs(v) + 1e-6)));
      expect(p.coef[2]).toBe(0); // the constant column
      expect(rel(p.intercept, ref.intercept)).toBeLessThan(1e-9);
      ref.predictions.forEach((v, k) => expect(Math.abs(p.predictions[k] - v)).toBeLessThan(1e-9 * (1 + Math.abs(v))));
      expect(Math.abs(p.normalizedGini - num(ref.normalized_gini))).toBeLessThan(1e-9);
      expect(Math.abs(p.auc - num(ref.auc))).toBeLessThan(1e-12);
      expect(p.normalizedGini).toBeGreaterThan(0.3);
    });
  });

  it('matches numpy for the repurchase probe on Float64Array features', () => {
    const p = linearProbe(f64, 9, c.repurchase, c.train, c.test, { kind: 'repurchase' });
    const ref = refs[3];
    ref.coef.forEach((v, j) => expect(Math.abs(p.coef[j] - v)).toBeLessThanOrEqual(1e-9 * (Math.abs(v) + 1e-6)));
    expect(Math.abs(p.auc - num(ref.auc))).toBeLessThan(1e-12);
    expect(Math.abs(p.normalizedGini - num(ref.normalized_gini))).toBeLessThan(1e-9);
    expect(p.auc).toBeGreaterThan(0.7);
    expect([p.kind, p.lambda]).toEqual(['repurchase', 0.01]);
  });

  it('shrinks to the train mean of log1p value under a huge penalty and defaults to a value probe', () => {
    const p = linearProbe(c.features, 9, c.value, c.train, c.test, { lambda: 1e12 });
    for (const v of p.coef) expect(Math.abs(v)).toBeLessThan(1e-9);
    const mean = c.train.reduce((s, r) => s + Math.log1p(c.value[r]), 0) / c.train.length;
    for (const v of p.predictions) expect(Math.abs(v - mean)).toBeLessThan(1e-8);
    expect(DEFAULT_PROBE).toEqual({ lambda: 0.01, kind: 'value' });
    expect(linearProbe(c.features, 9, c.value, c.train, c.test).kind).toBe('value');
  });

  it('rejects bad input', () => {
    const f = new Float32Array(12),
      t = [0, 1, 0, 1];
    const bad: [() => unknown, RegExp][] = [
      [
        () => linearProbe(f, 5, t, [0], [1]),
        /^decisions\/linearProbe: features has 12 numbers, expected a non-empty multiple of d = 5$/,
      ],
      [
        () => linearProbe(Float32Array.from([1, NaN, 0, 0]), 2, [1, 1], [0], [1]),
        /^decisions\/linearProbe: features\[1\] \(row 0, column 1\) is NaN, expected a finite number$/,
      ],
      [
        () => linearProbe(Array.from(f) as unknown as Float32Array, 3, t, [0], [1]),
        /features must be a Float32Array or Float64Array/,
      ],
      [
        () => linearProbe(f, 3, [1, 2], [0], [1]),
        /^decisions\/linearProbe: target has length 2, expected 4 \(one per feature row\)$/,
      ],
      [
        () => linearProbe(f, 3, t, [0, 1], [1, 2]),
        /^decisions\/linearProbe: row 1 is in both trainRows and testRows, expected disjoint folds$/,
      ],
      [
        () => linearProbe(f, 3, t, [0, 4], [1]),
        /^decisions\/linearProbe: trainRows\[1\] is 4, expected a row index in \[0, 4\)$/,
      ],
      [() => linearProbe(f, 3, t, [], [1]), /^decisions\/linearProbe: trainRows is empty/],
      [
        () => linearProbe(f, 3, t, [0], [1], { lambda: -1 }),
        /^decisions\/linearProbe: lambda must be a finite number ≥ 0, got -1$/,
      ],
      [
        () => linearProbe(f, 3, t, [0], [1], { kind: 'churn' as never }),
        /^decisions\/linearProbe: kind must be 'value' or 'repurchase', got churn$/,
      ],
      [
        () => linearProbe(f, 3, [0, -1, 0, 0], [0, 1], [2]),
        /^decisions\/linearProbe: target\[1\] is -1, expected a finite value ≥ 0$/,
      ],
      [
        () => linearProbe(f, 3, [0, 2, 0, 0], [0, 1], [2], { kind: 'repurchase' }),
        /^decisions\/linearProbe: target\[1\] is 2, expected 0 or 1$/,
      ],
    ];
    for (const [fn, re] of bad) expect(fn).toThrow(re);
    const twin = new Float32Array(8);
    for (let r = 0; r < 4; r++) {
      twin[2 * r] = r;
      twin[2 * r + 1] = 2 * r;
    }
    expect(() => linearProbe(twin, 2, [0, 1, 2, 3], [0, 1, 2], [3], { lambda: 0 })).toThrow(
      /^decisions\/linearProbe: the ridge system is singular at column 1 .*expected lambda > 0$/,
    );
  });
});
