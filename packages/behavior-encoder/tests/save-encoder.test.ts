import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readZarrGroup } from '@clvlab/events/node';
import {
  initBackend,
  loadEncoder,
  predictEncoder,
  resolveEncoderConfig,
  saveEncoder,
  trainEncoder,
  writeEmbeddings,
} from '../src/internal.ts';
import { tinyTask } from './fixtures/tiny-task.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('saveEncoder / loadEncoder / writeEmbeddings', () => {
  it('round-trips weights and config; a model trained on wasm predicts the same on cpu', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clvlab-enc-'));
    dirs.push(dir);
    await initBackend('wasm');
    const task = tinyTask(80, 4);
    const trained = await trainEncoder(
      task,
      resolveEncoderConfig('tiny', { architecture: 'session-transformer', useRfm: true }),
    );
    const onWasm = predictEncoder(trained, task);
    await saveEncoder(join(dir, 'model'), trained);
    await saveEncoder(join(dir, 'model'), trained); // replacing an existing model works
    const loaded = await loadEncoder(join(dir, 'model'));
    expect(loaded.config).toEqual(trained.config);
    expect(loaded.datasetHash).toBe(trained.datasetHash);
    expect(Array.from(loaded.staticMean)).toEqual(Array.from(trained.staticMean));
    for (const [n, w] of Object.entries(trained.weights))
      expect(Array.from(loaded.weights[n].values)).toEqual(Array.from(w.values));
    await initBackend('cpu');
    const onCpu = predictEncoder(loaded, task);
    onCpu.value.forEach((v, i) =>
      expect(Math.abs(v - onWasm.value[i]) / Math.max(1, onWasm.value[i])).toBeLessThan(1e-4),
    );
    onCpu.repurchase.forEach((v, i) => expect(v).toBeCloseTo(onWasm.repurchase[i], 5));
    const summary = await writeEmbeddings(join(dir, 'emb.zarr'), loaded, task);
    const g = await readZarrGroup(join(dir, 'emb.zarr'));
    expect(g.arrays['embedding'].shape).toEqual([task.split.customers.length, summary.dim]);
    expect((g.attributes['customer_ids'] as string[])[0]).toBe(task.log.customerIds[task.split.customers[0]]);
    Array.from(g.arrays['embedding'].data.subarray(0, 8)).forEach((v, i) =>
      expect(v).toBeCloseTo(onCpu.embedding[i], 6),
    );
  });
  it('rejects a model directory with an unknown config key or a truncated weight file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clvlab-enc-'));
    dirs.push(dir);
    await initBackend('wasm');
    const task = tinyTask(40, 2);
    await saveEncoder(join(dir, 'm'), await trainEncoder(task, resolveEncoderConfig('tiny', { epochs: 1 })));
    const json = JSON.parse(await readFile(join(dir, 'm', 'model.json'), 'utf8'));
    await writeFile(join(dir, 'm', 'model.json'), JSON.stringify({ ...json, config: { ...json.config, depth: 3 } }));
    await expect(loadEncoder(join(dir, 'm'))).rejects.toThrow(/unknown option 'depth'/);
    await writeFile(join(dir, 'm', 'model.json'), JSON.stringify(json));
    await writeFile(join(dir, 'm', 'weights.bin'), new Uint8Array(16));
    await expect(loadEncoder(join(dir, 'm'))).rejects.toThrow(/weights.bin is truncated/);
    await expect(loadEncoder(join(dir, 'nothing'))).rejects.toThrow(
      /behavior-encoder\/save-encoder: .*model.json: cannot read a model/,
    );
  });
  it('round-trips a ziln-mlp (no sequence), which has no embedding to write', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clvlab-enc-'));
    dirs.push(dir);
    await initBackend('wasm');
    const task = tinyTask(60, 3);
    const trained = await trainEncoder(task, resolveEncoderConfig('ziln-mlp', { epochs: 2 }));
    await saveEncoder(join(dir, 'mlp'), trained);
    const loaded = await loadEncoder(join(dir, 'mlp'));
    expect(loaded.config.architecture).toBe('none');
    expect(predictEncoder(loaded, task).value).toEqual(predictEncoder(trained, task).value);
    await expect(writeEmbeddings(join(dir, 'emb.zarr'), loaded, task)).rejects.toThrow(
      /has no sequence, so there is no customer embedding to write/,
    );
  });
});
