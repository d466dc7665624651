import { afterAll, describe, expect, it, vi } from 'vitest';
import { createRng } from '@clvlab/core';
import { betweenness, buildGraph, closeness, harmonic } from '../src/index.ts';
import { closeGraphPools, GraphPool, graphPool } from '../src/node.ts';

afterAll(closeGraphPools);

function randomGraph(n: number, m: number, directed: boolean, seed: number): ReturnType<typeof buildGraph> {
  const rng = createRng(seed);
  const src = new Int32Array(m),
    dst = new Int32Array(m);
  for (let e = 0; e < m; e++) {
    src[e] = rng.int(n);
    dst[e] = rng.int(Math.max(1, Math.floor(rng.next() * n)));
  }
  return buildGraph({ src, dst }, { nodes: n, directed });
}

describe('graph pool (the core worker pool, TypeScript worker via tsx)', () => {
  it.each([false, true])(
    '2 workers give the same exact closeness, harmonic and betweenness as 1 thread (directed=%s)',
    async (directed) => {
      const g = randomGraph(3000, 12000, directed, 11);
      const opts = { approx: 'off' as const };
      const [c1, c2] = [await closeness(g, { ...opts, workers: 1 }), await closeness(g, { ...opts, workers: 2 })];
      const [h1, h2] = [await harmonic(g, { ...opts, workers: 1 }), await harmonic(g, { ...opts, workers: 2 })];
      for (let i = 0; i < g.n; i++) {
        expect(Math.abs(c2.values[i] - c1.values[i])).toBeLessThanOrEqual(1e-12 * c1.values[i]);
        expect(Math.abs(h2.values[i] - h1.values[i])).toBeLessThanOrEqual(1e-12 * h1.values[i]);
      }
      const b1 = await betweenness(g, { workers: 1, k: 500, seed: 2 }),
        b2 = await betweenness(g, { workers: 2, k: 500, seed: 2 });
      for (let i = 0; i < g.n; i++)
        expect(Math.abs(b2.values[i] - b1.values[i])).toBeLessThanOrEqual(1e-12 * Math.max(1e-9, b1.values[i]));
    },
  );

  it("is deterministic: repeated runs give bit-identical weighted totals whatever the workers' timing", async () => {
    // Many small chunks of uneven cost: with a shared work queue, which worker summed which
    // chunk (and so the last bits of these float sums) changed from run to run.
    const rng = createRng(5);
    const n = 2000,
      m = 8000;
    const src = Int32Array.from({ length: m }, () => rng.int(n)),
      dst = Int32Array.from({ length: m }, () => rng.int(n));
    const g = buildGraph({ src, dst, weight: Float64Array.from({ length: m }, () => 0.1 + rng.next()) }, { nodes: n });
    const pool = new GraphPool(2);
    const sources = Int32Array.from({ length: n }, (_, i) => i);
    const csr = { n: g.n, offsets: g.offsets, targets: g.targets, weights: g.weights };
    const runs = [];
    for (let r = 0; r < 4; r++) runs.push((await pool.distances(csr, sources, 16)).totals);
    for (const t of runs.slice(1)) {
      for (const key of ['sum', 'inverse', 'square'] as const)
        expect(Buffer.compare(Buffer.from(t[key].slice().buffer), Buffer.from(runs[0][key].slice().buffer))).toBe(0);
    }
    await pool.close();
  });

  it('a dedicated pool runs kernels on shared memory and closes cleanly', async () => {
    const g = randomGraph(500, 2000, false, 3);
    const pool = new GraphPool(2);
    const sources = new Int32Array(g.n).map((_, i) => i);
    const { totals } = await pool.distances(
      { n: g.n, offsets: g.offsets, targets: g.targets, weights: null },
      sources,
      32,
    );
    const inThread = await harmonic(g, { workers: 1, approx: 'off' });
    expect(
      Array.from(totals.inverse)
        .map((v, i) => Math.abs(v - inThread.values[i]) < 1e-9)
        .every(Boolean),
    ).toBe(true);
    await pool.close();
    await expect(
      pool.distances({ n: g.n, offsets: g.offsets, targets: g.targets, weights: null }, sources),
    ).rejects.toThrow();
  });

  it('the main entry loads the shared pool on demand: workers 2 runs on a running pool of 2', async () => {
    // The entry imports no worker code (browser-safe); distanceTotals and betweenness import
    // graph-pools.ts when a call may use threads, and use the shared pool once it runs.
    const g = randomGraph(3000, 12000, false, 13);
    const pool = graphPool(2);
    const distances = vi.spyOn(pool, 'distances'),
      brandes = vi.spyOn(pool, 'brandes');
    const c1 = await closeness(g, { approx: 'off', workers: 1 });
    expect(distances).not.toHaveBeenCalled();
    const c2 = await closeness(g, { approx: 'off', workers: 2 });
    expect(distances).toHaveBeenCalledTimes(1);
    for (let i = 0; i < g.n; i++)
      expect(Math.abs(c2.values[i] - c1.values[i])).toBeLessThanOrEqual(1e-12 * c1.values[i]);
    await betweenness(g, { workers: 2, k: 2000, seed: 1 }); // 2000 × 27,000 ≥ 2e7: worth the pool
    expect(brandes).toHaveBeenCalledTimes(1);
  });
});
