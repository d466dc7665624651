// cellReplicates (record/cell-replicates.ts): the chosen cells' bootstrap replicates on a pool
// of worker threads are the numbers computed on this thread, array for array, and the record's
// tables computed from them equal the tables computed without them — on a real small bench
// (three baselines, two seeds, then one seed with the cluster bootstrap).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cellReplicates } from '../src/record/cell-replicates.ts';
import { computeResults } from '../src/record/compute-results.ts';
import { runBench, type BenchRun } from '../src/runner/run-bench.ts';

const dir = mkdtempSync(join(tmpdir(), 'clvlab-replicates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bench = (seeds: number, clusterBootstrap: boolean): Promise<BenchRun> =>
  runBench({
    datasets: ['synthetic'],
    models: ['historical-rate', 'rfm-segment', 'calibration-frequency'],
    seeds,
    tune: 1,
    clusterBootstrap,
    workers: 1,
    cellTimeoutMs: 0,
    out: join(dir, `s${seeds}-${clusterBootstrap}`),
    datasetOptions: { customers: 700 },
    interactive: false,
    log: () => undefined,
  });

describe('cellReplicates', () => {
  for (const [seeds, clustered] of [
    [2, false],
    [1, true],
  ] as const) {
    it(`equals this thread's replicates and record on 2 worker threads (${seeds} seeds${clustered ? ', cluster bootstrap' : ''})`, async () => {
      const run = await bench(seeds, clustered);
      const opts = { clusterBootstrap: clustered };
      const here = await cellReplicates(run.datasets, run.cells, run.folds, { ...opts, threads: 1 });
      const pooled = await cellReplicates(run.datasets, run.cells, run.folds, { ...opts, threads: 2, minWork: 0 });
      const chosen = run.cells.filter((c) => c.chosen);
      expect(chosen.length).toBe(3 * seeds);
      expect([...here.keys()]).toEqual(expect.arrayContaining(chosen));
      expect(pooled.size).toBe(chosen.length);
      for (const c of chosen) {
        const a = pooled.get(c)!,
          b = here.get(c)!;
        expect([a.resamples, a.seed, a.level, a.n]).toEqual([b.resamples, b.seed, b.level, b.n]);
        expect(Buffer.from(a.replicates.buffer).equals(Buffer.from(b.replicates.buffer))).toBe(true);
        expect(Array.from(a.point)).toEqual(Array.from(b.point));
      }
      // Replicates differ between cells (a pool mixing up cells would show here).
      expect(Array.from(pooled.get(chosen[0])!.replicates.slice(0, 8))).not.toEqual(
        Array.from(pooled.get(chosen[1])!.replicates.slice(0, 8)),
      );
      const without = computeResults(run.datasets, run.cells, run.folds, opts);
      const withPool = computeResults(run.datasets, run.cells, run.folds, { ...opts, replicates: pooled });
      expect(withPool.rows).toEqual(without.rows);
      expect(withPool.paired).toEqual(without.paired);
      expect(without.paired.length).toBeGreaterThan(0);
    }, 120_000);
  }
});
