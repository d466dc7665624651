import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { qiniCurve } from '../src/index.ts';
import { referenceQini } from './reference.ts';

/** A randomized campaign: uplift grows with x; the score is x rounded (ties) plus noise. */
function campaign(
  n: number,
  seed: number,
  binary: boolean,
  scoreNoise: number,
): { score: Float64Array; treated: Uint8Array; outcome: Float64Array } {
  const rng = createRng(seed);
  const score = new Float64Array(n),
    treated = new Uint8Array(n),
    outcome = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = rng.next();
    treated[i] = rng.next() < 0.5 ? 1 : 0;
    const p = 0.1 + (treated[i] ? 0.4 * x : 0);
    outcome[i] = binary ? (rng.next() < p ? 1 : 0) : Math.round(100 * p * rng.gamma(2)) / 10;
    score[i] = Math.round(10 * (x + scoreNoise * rng.normal())) / 10;
  }
  return { score, treated, outcome };
}

function trapezoid(x: number[], y: number[]): number {
  let a = 0;
  for (let j = 1; j < x.length; j++) a += ((x[j] - x[j - 1]) * (y[j] + y[j - 1])) / 2;
  return a;
}

describe('qiniCurve', () => {
  it('matches the brute-force Qini at every tie block, binary and continuous outcomes', () => {
    for (const [n, seed, binary] of [
      [12, 1, true],
      [60, 2, false],
      [500, 3, true],
      [501, 4, false],
    ] as const) {
      const { score, treated, outcome } = campaign(n, seed, binary, 0.2);
      const q = qiniCurve(score, treated, outcome);
      const ref = referenceQini(score, treated, outcome);
      expect(Array.from(q.fraction)).toEqual(ref.fraction);
      ref.qini.forEach((v, j) => expect(Math.abs(q.qini[j] - v)).toBeLessThan(1e-9 * (1 + Math.abs(v))));
      const area = trapezoid(ref.fraction, ref.qini),
        last = ref.qini[ref.qini.length - 1];
      expect(q.area).toBeCloseTo(area, 9);
      expect(q.randomArea).toBeCloseTo(last / 2, 12);
      expect(q.coefficient).toBeCloseTo(area - last / 2, 9);
      const nT = treated.reduce((s, v) => s + v, 0);
      expect([q.treated, q.control]).toEqual([nT, n - nT]);
      const mean = (g: number): number =>
        outcome.filter((_, i) => treated[i] === g).reduce((s, v) => s + v, 0) / (g ? nT : n - nT);
      expect(q.incremental).toBeCloseTo(nT * (mean(1) - mean(0)), 9);
    }
  });

  it('gives the random line for a constant score and a positive coefficient for a good score', () => {
    const { treated, outcome, score } = campaign(2000, 5, true, 0.05);
    const flat = qiniCurve(new Float64Array(2000), treated, outcome);
    expect(Array.from(flat.fraction)).toEqual([0, 1]);
    expect(flat.coefficient).toBeCloseTo(0, 12);
    const good = qiniCurve(score, treated, outcome),
      reversed = qiniCurve(
        score.map((s) => -s),
        treated,
        outcome,
      );
    expect(good.coefficient).toBeGreaterThan(0.02 * good.incremental);
    expect(reversed.coefficient).toBeLessThan(0);
  });

  it('does not depend on the listing order of tied customers', () => {
    const score = [1, 1, 0, 0],
      treated = Uint8Array.from([1, 0, 1, 0]),
      outcome = [1, 0, 0, 1];
    const a = qiniCurve(score, treated, outcome);
    const b = qiniCurve([1, 1, 0, 0], Uint8Array.from([0, 1, 0, 1]), [0, 1, 1, 0]);
    expect(Array.from(a.qini)).toEqual(Array.from(b.qini));
    expect(Array.from(a.qini)).toEqual([0, 1, 0]);
  });

  it('rejects bad input', () => {
    const t = Uint8Array.from([1, 0, 1]);
    expect(() => qiniCurve([1, 2], t, [1, 2])).toThrow(
      /^decisions\/qiniCurve: score and treated differ in length \(2 vs 3\)$/,
    );
    expect(() => qiniCurve([1, 2, 3], t, [1, 2])).toThrow(
      /^decisions\/qiniCurve: score and outcome differ in length \(3 vs 2\)$/,
    );
    expect(() => qiniCurve([1, NaN, 3], t, [1, 2, 3])).toThrow(/^decisions\/qiniCurve: score\[1\] is NaN/);
    expect(() => qiniCurve([1, 2, 3], Uint8Array.from([1, 1, 1]), [1, 2, 3])).toThrow(
      /^decisions\/qiniCurve: the control group is empty, expected customers in both groups$/,
    );
    expect(() => qiniCurve([1, 2, 3], Uint8Array.from([0, 0, 0]), [1, 2, 3])).toThrow(
      /^decisions\/qiniCurve: the treatment group is empty/,
    );
    expect(() => qiniCurve([1, 2, 3], Uint8Array.from([0, 2, 1]), [1, 2, 3])).toThrow(
      /^decisions\/qiniCurve: treated\[1\] is 2, expected 0 \(control\) or 1 \(treated\)$/,
    );
    expect(() => qiniCurve([1, 2, 3], [1, 0, 1] as unknown as Uint8Array, [1, 2, 3])).toThrow(
      /treated must be a Uint8Array/,
    );
  });
});
