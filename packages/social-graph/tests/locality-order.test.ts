import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { accumulateDistances, buildGraph, relabelForLocality } from '../src/index.ts';

describe('relabelForLocality', () => {
  it('is a permutation whose relabelled graph gives the same distance totals once mapped back', () => {
    const rng = createRng(9);
    const n = 2000,
      src = new Int32Array(5000),
      dst = new Int32Array(5000),
      w = new Float64Array(5000);
    for (let e = 0; e < 5000; e++) {
      src[e] = rng.int(n);
      dst[e] = rng.int(n);
      w[e] = 1 + rng.int(5);
    }
    for (const weighted of [false, true]) {
      const g = buildGraph({ src, dst, weight: w }, { nodes: n, directed: true });
      const csr = { n, offsets: g.offsets, targets: g.targets, weights: weighted ? g.weights : null };
      const { csr: local, order, rank } = relabelForLocality(csr);
      expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      for (let i = 0; i < n; i++) expect(order[rank[i]]).toBe(i);
      const sources = new Int32Array(300).map((_, i) => i * 5);
      const mk = () => ({
        count: new Float64Array(n),
        sum: new Float64Array(n),
        inverse: new Float64Array(n),
        square: new Float64Array(n),
      });
      const direct = mk(),
        relabelled = mk();
      accumulateDistances(csr, sources, 0, sources.length, direct);
      accumulateDistances(
        local,
        sources.map((s) => rank[s]),
        0,
        sources.length,
        relabelled,
      );
      for (let i = 0; i < n; i++) {
        expect(relabelled.count[rank[i]]).toBe(direct.count[i]);
        expect(relabelled.sum[rank[i]]).toBeCloseTo(direct.sum[i], 9);
      }
    }
  });
});
