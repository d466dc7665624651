import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { holmAdjust } from '../src/index.ts';

/**
 * Holm's procedure as stated in Holm (1979), run at level α: order the m p-values, reject H_(1),
 * H_(2), ... while p_(j) ≤ α / (m − j + 1), stop at the first failure. The adjusted p-value of
 * H_i is the smallest α at which H_i is rejected; it is one of the values (m − j + 1)·p_(j)
 * (or 1), so trying those candidates finds it. Brute force, independent of holmAdjust's formula.
 */
function holmByProcedure(p: readonly number[]): number[] {
  const idx = p.map((_, i) => i).filter((i) => !Number.isNaN(p[i]));
  const m = idx.length;
  const sorted = [...idx].sort((i, j) => p[i] - p[j]);
  const rejectedAt = (alpha: number): Set<number> => {
    const out = new Set<number>();
    for (let j = 0; j < m; j++) {
      if (p[sorted[j]] <= alpha / (m - j)) out.add(sorted[j]);
      else break;
    }
    return out;
  };
  const candidates = [...new Set([...sorted.map((i, j) => Math.min(1, (m - j) * p[i])), 1])].sort((a, b) => a - b);
  return p.map((v, i) => {
    if (Number.isNaN(v)) return NaN;
    for (const alpha of candidates) {
      // Ties among candidates: a tiny relative slack absorbs the rounding of (m − j)·p / (m − j).
      if (rejectedAt(alpha * (1 + 1e-12)).has(i)) return alpha;
    }
    return 1;
  });
}

describe('holmAdjust', () => {
  it('matches the textbook example (p = 0.01, 0.04, 0.03, 0.005)', () => {
    // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, max(0.06, 0.04·1) = 0.06.
    const adj = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    expect(adj).toBeInstanceOf(Float64Array);
    const want = [0.03, 0.06, 0.06, 0.02];
    want.forEach((w, i) => expect(adj[i]).toBeCloseTo(w, 15));
  });

  it('equals the sequentially rejective procedure on random p-values with ties and NaN', () => {
    const rng = createRng(17);
    for (let trial = 0; trial < 40; trial++) {
      const m = 1 + rng.int(12);
      const p = Array.from({ length: m }, () => {
        const u = rng.next();
        if (u < 0.1) return NaN;
        if (u < 0.25) return 0.02; // ties
        return u < 0.5 ? rng.next() * 0.01 : rng.next();
      });
      const adj = holmAdjust(p);
      const want = holmByProcedure(p);
      for (let i = 0; i < m; i++) {
        if (Number.isNaN(want[i])) expect(adj[i]).toBeNaN();
        else expect(Math.abs(adj[i] - want[i])).toBeLessThanOrEqual(1e-12 * want[i]);
      }
    }
  });

  it('leaves NaN out of m, caps at 1, and validates', () => {
    const adj = holmAdjust([0.01, NaN, 0.02]);
    expect(adj[0]).toBeCloseTo(0.02, 15); // m = 2, not 3
    expect(adj[1]).toBeNaN();
    expect(adj[2]).toBeCloseTo(0.02, 15);
    expect(Array.from(holmAdjust([0.6, 0.9]))).toEqual([1, 1]);
    expect(holmAdjust([]).length).toBe(0);
    expect(() => holmAdjust([0.1, 1.5])).toThrow('metrics/holmAdjust: pValues[1] must be in [0, 1] or NaN, got 1.5');
  });
});
