// The cell pool (core's worker pool) with real worker threads (tsx-loaded TypeScript workers, tfjs backend set
// up per worker): datasets travel as SharedArrayBuffer-backed arrays, a cell run in a worker
// equals the same model run on the main thread, and a bad model name fails its job cleanly.
import { proxy } from '@clvlab/core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDataset } from '@clvlab/sessions';
import { generateSynthetic } from '@clvlab/synth';
import { createCalibrationFrequencyModel } from '../src/models/calibration-frequency.ts';
import type { DatasetPayload } from '../src/runner/cell-protocol.ts';
import { sealedSplit, sealedTask, sealPayload } from '../src/runner/sealed-task.ts';
import { shareArrays } from '../src/runner/shared-dataset.ts';
import { createCellPool, type CellPool } from '../src/runner/cell-pool.ts';

describe('cell pool', () => {
  let pool: CellPool;
  let payload: DatasetPayload;

  beforeAll(() => {
    pool = createCellPool(2);
    const data = generateSynthetic({ customers: 300 } as Parameters<typeof generateSynthetic>[0]);
    const p = prepareDataset(data.log, {
      dataset: 'synthetic',
      start: data.start,
      cutoff: data.cutoff,
      horizon: data.horizon,
    });
    payload = { id: 'tiny', log: p.log, session: p.session, offsets: p.offsets, split: p.split };
  });

  afterAll(async () => {
    await pool.close();
  });

  it('starts one worker per slot, each with its own tfjs backend', async () => {
    const infos = await pool.workers();
    expect(infos).toHaveLength(2);
    expect(new Set(infos.map((i) => i.threadId)).size).toBe(2);
    for (const i of infos) {
      expect(['tensorflow', 'wasm', 'cpu']).toContain(i.backend);
      expect(i.tfjsVersion).toMatch(/^4\./);
    }
  });

  it('shares sealed dataset columns through SharedArrayBuffer and runs cells on both workers with main-thread results', async () => {
    const sealed = sealPayload(payload);
    const shared = shareArrays(sealed);
    const split = shareArrays(sealedSplit(payload.split, payload.split.fold));
    expect(shared.log.t.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(split.customers.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(shared.log.t.subarray(0, 50))).toEqual(Array.from(sealed.log.t.subarray(0, 50)));
    const expected = await createCalibrationFrequencyModel().run(
      sealedTask(sealed, sealedSplit(payload.split, payload.split.fold), 1),
    );
    const progress: number[] = [];
    const used = new Set<number>();
    const results = await Promise.all(
      [0, 1, 2, 3].map(() =>
        pool.submit(async (slot) => {
          if (!slot.sent.has('tiny')) {
            slot.sent.add('tiny');
            await slot.api.loadDataset(shared);
          }
          used.add(slot.index);
          return slot.api.runCell(
            { datasetId: 'tiny', model: 'calibration-frequency', seed: 1, split, config: {} },
            proxy((f: number) => {
              progress.push(f);
            }),
          );
        }),
      ),
    );
    expect(used.size).toBe(2);
    for (const r of results) {
      expect(Array.from(r.value)).toEqual(Array.from(expected.value));
      expect(Array.from(r.repurchase)).toEqual(Array.from(expected.repurchase));
      expect(r.info.slope).toBe((expected.info as { slope: number }).slope);
      expect(r.wallMs).toBeGreaterThanOrEqual(0);
      expect(r.peakHeapBytes).toBeGreaterThan(0);
    }
    expect(progress).toContain(1);
  });

  it('fails a job with the model error and keeps serving the next jobs', async () => {
    await expect(
      pool.submit((slot) =>
        slot.api.runCell(
          { datasetId: 'tiny', model: 'no-such-model', seed: 1, split: payload.split, config: {} },
          proxy(() => undefined),
        ),
      ),
    ).rejects.toThrow(/unknown model 'no-such-model'/);
    await expect(
      pool.submit((slot) =>
        slot.api.runCell(
          { datasetId: 'missing', model: 'oracle', seed: 1, split: payload.split, config: {} },
          proxy(() => undefined),
        ),
      ),
    ).rejects.toThrow(/dataset 'missing' was not loaded/);
  });

  it('fails a job over its time limit and replaces its worker with a fresh one', async () => {
    const initial = new Set((await pool.workers()).map((i) => i.threadId));
    await expect(pool.submit(() => new Promise<never>(() => undefined), { timeoutMs: 300 })).rejects.toThrow(
      /exceeded its time limit of 0 s; worker \d was replaced/,
    );
    const now = (await pool.current()).map((i) => i.threadId);
    expect(now.filter((t) => !initial.has(t))).toHaveLength(1);
    const shared = shareArrays(sealPayload(payload));
    const split = shareArrays(sealedSplit(payload.split, payload.split.fold));
    // Two slow jobs at once: both slots must serve one, including the replacement worker.
    const after = await Promise.all(
      [0, 1].map(() =>
        pool.submit(async (slot) => {
          if (!slot.sent.has('tiny')) {
            slot.sent.add('tiny');
            await slot.api.loadDataset(shared);
          }
          const r = await slot.api.runCell(
            { datasetId: 'tiny', model: 'calibration-frequency', seed: 1, split, config: {} },
            proxy(() => undefined),
          );
          await new Promise((res) => setTimeout(res, 1500));
          return { thread: slot.info.threadId, n: r.value.length };
        }),
      ),
    );
    for (const a of after) expect(a.n).toBe(payload.split.customers.length);
    expect(new Set(after.map((a) => a.thread)).size).toBe(2);
    expect(after.some((a) => !initial.has(a.thread))).toBe(true);
  });
});
