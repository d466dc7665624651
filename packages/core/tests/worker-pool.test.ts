// The one worker pool with real worker threads (a TypeScript worker loaded through tsx):
// deterministic chunking, the queue with a timeout that kills and replaces a worker, errors and
// crashes reaching the caller, and pool sizing.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { chunkRanges } from '../src/index.ts';
import { exposeToPool, poolSize, WorkerPool } from '../src/node.ts';
import type { PoolTestApi } from './fixtures/pool-test-worker.ts';

const entry = new URL('./fixtures/pool-test-worker.ts', import.meta.url);
const make = (size: number, workerData: Record<string, unknown> = {}): WorkerPool<PoolTestApi, number> =>
  new WorkerPool<PoolTestApi, number>({ entry, size, name: 'core-test/pool', workerData, init: (api) => api.init() });

describe('chunkRanges', () => {
  it('deals chunks round-robin and covers [0, total) once', () => {
    expect(chunkRanges(10, 3, 2)).toEqual([
      [
        [0, 3],
        [6, 9],
      ],
      [
        [3, 6],
        [9, 10],
      ],
    ]);
    expect(chunkRanges(0, 4, 3)).toEqual([[], [], []]);
    const seen = new Uint8Array(1000);
    for (const ranges of chunkRanges(1000, 7, 3)) for (const [a, b] of ranges) for (let i = a; i < b; i++) seen[i]++;
    expect(seen.every((c) => c === 1)).toBe(true);
    expect(() => chunkRanges(10, 0, 2)).toThrow('core/chunk-ranges: chunk must be a positive integer, got 0');
  });
});

describe('poolSize', () => {
  it('0 is one per core, a positive integer is itself, anything else is an error', () => {
    expect(poolSize(0)).toBe(availableParallelism());
    expect(poolSize(3)).toBe(3);
    expect(() => poolSize(-1)).toThrow(
      'core/pool-size: workers must be 0 (one per core) or a positive integer, got -1',
    );
    expect(() => poolSize(1.5)).toThrow(/got 1\.5/);
  });
});

describe('WorkerPool', () => {
  const pool = make(2);
  afterAll(() => pool.close());

  it('starts its workers, runs init in each and exposes nothing outside a pool thread', async () => {
    const ids = await pool.workers();
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(exposeToPool({})).toBe(false);
  });

  it('forEachChunk gives bit-identical per-worker sums whatever the timing', async () => {
    const total = 2000,
      chunk = 37;
    const run = async (): Promise<Float64Array> => {
      const slots = [new Float64Array(new SharedArrayBuffer(8)), new Float64Array(new SharedArrayBuffer(8))];
      await pool.forEachChunk(total, chunk, (slot, from, to) => slot.api.add(from, to, slots[slot.index], 3));
      return Float64Array.of(slots[0][0], slots[1][0]);
    };
    // The same sums in this thread, in the order chunkRanges prescribes.
    const expected = chunkRanges(total, chunk, 2).map((ranges) => {
      let s = 0;
      for (const [a, b] of ranges) for (let i = a; i < b; i++) s += 1 / (i + 1) ** 1.5;
      return s;
    });
    for (let r = 0; r < 3; r++) expect(Array.from(await run())).toEqual(expected);
  });

  it('queues jobs beyond the pool size and serves them all', async () => {
    const threads = await Promise.all(Array.from({ length: 6 }, () => pool.submit((slot) => slot.api.sleep(50))));
    expect(new Set(threads).size).toBe(2);
  });

  it('a job over its time limit fails, and its worker is terminated and replaced', async () => {
    const before = new Set(await pool.current());
    await expect(pool.submit((slot) => slot.api.sleep(60_000), { timeoutMs: 300 })).rejects.toThrow(
      /^core-test\/pool: job exceeded its time limit of 0 s; worker \d was replaced$/,
    );
    const after = await pool.current();
    expect(after.filter((t) => !before.has(t))).toHaveLength(1);
    // Both workers, the replacement included, serve the next jobs; it starts with nothing sent.
    const served = await Promise.all(
      [0, 1].map((w) =>
        pool.submit(async (slot) => ({ thread: await slot.api.sleep(10), sent: slot.sent.size }), { worker: w }),
      ),
    );
    expect(new Set(served.map((s) => s.thread))).toEqual(new Set(after));
  });

  it('an error thrown in a worker fails that job only', async () => {
    await expect(pool.submit((slot) => slot.api.fail('bad input'))).rejects.toThrow('bad input');
    expect(await pool.submit((slot) => slot.api.sleep(1))).toBeGreaterThan(0);
  });
});

describe('WorkerPool failures', () => {
  it('a crashed worker fails its job and the jobs pinned to it; the other worker keeps serving', async () => {
    const pool = make(2);
    const ids = await pool.workers();
    await expect(pool.submit((slot) => slot.api.crash(3), { worker: 0 })).rejects.toThrow(
      /^core-test\/pool: worker 0 exited with code 3$/,
    );
    await expect(pool.submit((slot) => slot.api.sleep(1), { worker: 0 })).rejects.toThrow(
      /worker 0 exited with code 3/,
    );
    expect(await pool.submit((slot) => slot.api.sleep(1))).toBe(ids[1]);
    await pool.close();
    await expect(pool.submit((slot) => slot.api.sleep(1))).rejects.toThrow('core-test/pool: closed');
  });

  it('a failed init rejects workers() and the queued jobs', async () => {
    const pool = make(1, { failInit: true });
    await expect(pool.workers()).rejects.toThrow('init refused');
    await expect(pool.submit((slot) => slot.api.sleep(1))).rejects.toThrow('init refused');
    await pool.close();
  });

  it('rejects a bad size or worker index', () => {
    expect(() => make(-2)).toThrow('core-test/pool: size must be 0 (one per core) or a positive integer, got -2');
    const pool = make(1);
    return expect(pool.submit((slot) => slot.api.sleep(1), { worker: 1 }))
      .rejects.toThrow('core-test/pool: no worker 1 in a pool of 1')
      .finally(() => pool.close());
  });
});

describe('WorkerPool close with unrefIdle', () => {
  it('lets `await close()` return in a process that nothing else keeps alive (no IPC, no timers)', () => {
    // The bug this guards: the first worker's exit unref'd the others, the event loop ended,
    // and the caller's continuation never ran (ingest --edges printed nothing and exited 0).
    const script = `
      import { WorkerPool } from '@clvlab/core/node';
      const pool = new WorkerPool({ entry: new URL(${JSON.stringify(entry.href)}), size: 2, name: 't', unrefIdle: true });
      await pool.workers();
      await pool.close();
      process.stdout.write('closed');
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out).toBe('closed');
  });
});
