import { describe, expect, it } from 'vitest';
import { createRng, hashUnit } from '../src/index.ts';

describe('createRng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = createRng(42),
      b = createRng(42),
      c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('has the moments of its distributions (n = 200k, 5-sigma tolerances)', () => {
    const r = createRng(7);
    const n = 200_000;
    const mean = (f: () => number): [number, number] => {
      let s = 0,
        s2 = 0;
      for (let i = 0; i < n; i++) {
        const x = f();
        s += x;
        s2 += x * x;
      }
      return [s / n, s2 / n - (s / n) ** 2];
    };
    const [mu, vu] = mean(() => r.next());
    expect(Math.abs(mu - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(vu - 1 / 12)).toBeLessThan(0.002);
    const [mn, vn] = mean(() => r.normal());
    expect(Math.abs(mn)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(vn - 1)).toBeLessThan(0.02);
    for (const shape of [0.3, 2.5]) {
      const [mg, vg] = mean(() => r.gamma(shape)); // Gamma(k,1): mean k, variance k
      expect(Math.abs(mg - shape)).toBeLessThan(5 * Math.sqrt(shape / n));
      expect(Math.abs(vg - shape) / shape).toBeLessThan(0.05);
    }
    const [mp, vp] = mean(() => r.poisson(3.2));
    expect(Math.abs(mp - 3.2)).toBeLessThan(5 * Math.sqrt(3.2 / n));
    expect(Math.abs(vp - 3.2) / 3.2).toBeLessThan(0.03);
  });
});

describe('hashUnit', () => {
  it('splits ids uniformly and depends on the seed', () => {
    const counts = [0, 0, 0, 0, 0];
    let moved = 0;
    for (let i = 0; i < 50_000; i++) {
      const u = hashUnit(`cust-${i}`, 1);
      counts[Math.floor(u * 5)]++;
      if (Math.floor(hashUnit(`cust-${i}`, 2) * 5) !== Math.floor(u * 5)) moved++;
    }
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(5 * Math.sqrt(50_000 * 0.2 * 0.8));
    expect(moved / 50_000).toBeGreaterThan(0.7); // independent seeds: ~80% change bucket
    expect(hashUnit('abc', 1)).toBe(hashUnit('abc', 1));
  });
});
