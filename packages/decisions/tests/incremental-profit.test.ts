import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { DEFAULT_INCREMENTAL_PROFIT, incrementalProfit, tLearnerUplift } from '../src/index.ts';
import { contactList } from './reference.ts';

describe('incrementalProfit', () => {
  it('matches the brute-force difference in means among the targeted', () => {
    const rng = createRng(41),
      n = 300;
    const score = Float64Array.from({ length: n }, () => Math.round(5 * rng.next())); // many ties
    const treated = Uint8Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
    const outcome = Float64Array.from({ length: n }, (_, i) => rng.poisson(1 + treated[i] * score[i]));
    for (const [k, margin, cost] of [
      [0.1, 1, 0],
      [0.25, 0.3, 0.2],
      [1, 2, 1],
    ]) {
      const r = incrementalProfit(score, treated, outcome, { k, margin, contactCost: cost });
      const top = contactList(score).slice(0, Math.ceil(Math.round(k * n * 1e6) / 1e6));
      const t = top.filter((i) => treated[i] === 1),
        c = top.filter((i) => treated[i] === 0);
      const mean = (g: number[]): number => g.reduce((s, i) => s + outcome[i], 0) / g.length;
      const uplift = mean(t) - mean(c);
      expect([r.targeted, r.targetedTreated, r.targetedControl]).toEqual([top.length, t.length, c.length]);
      expect(r.uplift).toBeCloseTo(uplift, 12);
      expect(r.incremental).toBeCloseTo(top.length * uplift, 9);
      expect(r.profit).toBeCloseTo(margin * top.length * uplift - cost * top.length, 9);
    }
  });

  it('defaults to the top 10% at margin 1 and no cost, and gives NaN when a group is not targeted', () => {
    expect(DEFAULT_INCREMENTAL_PROFIT).toEqual({ k: 0.1, margin: 1, contactCost: 0 });
    const r = incrementalProfit([5, 4, 3, 2, 1], Uint8Array.from([1, 1, 0, 0, 1]), [3, 2, 1, 0, 1], { k: 0.4 });
    expect([r.targeted, r.targetedTreated, r.targetedControl]).toEqual([2, 2, 0]);
    expect(r.uplift).toBeNaN();
    expect(r.profit).toBeNaN();
    expect(
      incrementalProfit([5, 4, 3, 2, 1], Uint8Array.from([1, 1, 0, 0, 1]), [3, 2, 1, 0, 1], { k: 0.6 }).uplift,
    ).toBeCloseTo(1.5, 12);
  });

  it('rejects bad input', () => {
    const t = Uint8Array.from([1, 0]);
    expect(() => incrementalProfit([1, 2], t, [1, 2], { k: 0 })).toThrow(
      /^decisions\/incrementalProfit: k must be in \(0, 1\], got 0$/,
    );
    expect(() => incrementalProfit([1, 2], t, [1, 2], { k: 1.2 })).toThrow(/k must be in \(0, 1\], got 1.2/);
    expect(() => incrementalProfit([1, 2], t, [1, 2], { contactCost: -1 })).toThrow(
      /^decisions\/incrementalProfit: contactCost must be a finite number ≥ 0, got -1$/,
    );
    expect(() => incrementalProfit([1, 2], Uint8Array.from([1, 1]), [1, 2])).toThrow(
      /^decisions\/incrementalProfit: the control group is empty/,
    );
    expect(() => incrementalProfit([1, 2], t, [1, NaN])).toThrow(/^decisions\/incrementalProfit: outcome\[1\] is NaN/);
  });
});

describe('tLearnerUplift', () => {
  it('is the difference of the two outcome models, checked', () => {
    expect(Array.from(tLearnerUplift([3, 1.5, 0], Float32Array.from([1, 2, 0])))).toEqual([2, -0.5, 0]);
    expect(() => tLearnerUplift([1, 2], [1])).toThrow(
      /^decisions\/tLearnerUplift: predTreated and predControl differ in length \(2 vs 1\)$/,
    );
    expect(() => tLearnerUplift([1, Infinity], [1, 2])).toThrow(
      /^decisions\/tLearnerUplift: predTreated\[1\] is Infinity, expected a finite number$/,
    );
  });
});
