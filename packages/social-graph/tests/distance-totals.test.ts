import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createRng } from '@clvlab/core';
import { buildGraph, closeness, closenessFromTotals, distanceTotals } from '../src/index.ts';
import { closeGraphPools } from '../src/node.ts';

afterAll(closeGraphPools);

// Sparse random graph with a few hubs (heterogeneous closeness, like social graphs).
function socialGraph(n: number, seed: number): ReturnType<typeof buildGraph> {
  const rng = createRng(seed);
  const src: number[] = [],
    dst: number[] = [];
  for (let v = 1; v < n; v++) {
    src.push(v);
    dst.push(rng.int(v));
  }
  for (let e = 0; e < 2 * n; e++) {
    src.push(rng.int(n));
    dst.push(rng.next() < 0.3 ? rng.int(20) : rng.int(n));
  }
  return buildGraph({ src: Int32Array.from(src), dst: Int32Array.from(dst) }, { nodes: n });
}

function scipySpearman(a: Float64Array, b: Float64Array): number {
  const code =
    'import json,sys; from scipy.stats import spearmanr; d=json.load(sys.stdin); print(spearmanr(d[0], d[1]).statistic)';
  const r = spawnSync('python3', ['-c', code], {
    input: JSON.stringify([Array.from(a), Array.from(b)]),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout);
}

describe('Eppstein–Wang pivot approximation', () => {
  const g = socialGraph(6000, 5);
  it('stays within its stated additive bound on mean distances and ranks nodes like exact (scipy Spearman)', async () => {
    const exact = await distanceTotals(g, { approx: 'off', workers: 2 });
    const approx = await distanceTotals(g, { approx: 400, seed: 1, workers: 2 });
    const a = approx.approximation!;
    expect(a.pivots).toBe(400);
    expect(a.epsilon).toBeCloseTo(Math.sqrt(Math.log(6000) / 400), 12);
    expect(a.delta).toBeCloseTo(2 / 6000, 12);
    let worst = 0;
    for (let u = 0; u < g.n; u++) worst = Math.max(worst, Math.abs(approx.sum[u] - exact.sum[u]) / (g.n - 1));
    expect(worst).toBeLessThanOrEqual(a.distanceErrorBound);
    expect(scipySpearman(closenessFromTotals(exact).values, closenessFromTotals(approx).values)).toBeGreaterThan(0.97);
    expect(scipySpearman(exact.inverse, approx.inverse)).toBeGreaterThan(0.97);
  });

  it("is chosen by 'auto' above the size threshold, seeded, and reports its error", async () => {
    const r1 = await closeness(g, { autoThreshold: 1000, epsilon: 0.2, seed: 4, workers: 1 });
    const r2 = await closeness(g, { autoThreshold: 1000, epsilon: 0.2, seed: 4, workers: 2 });
    expect(r1.approximation?.pivots).toBe(Math.ceil(Math.log(6000) / 0.04));
    expect(r1.approximation!.medianRelativeStandardError).toBeGreaterThan(0);
    expect(r1.approximation!.medianRelativeStandardError).toBeLessThan(0.05);
    expect(Array.from(r2.values).every((v, i) => Math.abs(v - r1.values[i]) <= 1e-12 * v)).toBe(true);
    expect((await closeness(g, { workers: 1 })).approximation).toBeNull();
  });

  it('rejects bad options and empty graphs clearly', async () => {
    await expect(closeness(g, { approx: -3 })).rejects.toThrow(
      "social-graph/closeness: approx must be 'auto', 'off' or a positive integer, got -3",
    );
    await expect(closeness(g, { weighted: true })).rejects.toThrow(
      'weighted distances requested but the graph has no weights',
    );
  });
});
