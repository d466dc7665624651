import { afterAll, describe, expect, it } from 'vitest';
import { readZarrGroup } from '@clvlab/events/node';
import {
  initBackend,
  predictEncoder,
  resolveEncoderConfig,
  trainEncoder,
  writeEmbeddings,
  writeEmbeddingsFromStore,
} from '../src/internal.ts';
import { removeTinyStores, writeTinyStore } from './fixtures/prepared-store.ts';

afterAll(removeTinyStores);

describe('writeEmbeddingsFromStore', () => {
  it('writes the group writeEmbeddings writes, predicted a block at a time from the store', async () => {
    await initBackend('wasm');
    const s = await writeTinyStore(150, 31);
    const trained = await trainEncoder(
      s.task,
      resolveEncoderConfig('tiny', { architecture: 'session-transformer', epochs: 2 }),
    );
    await writeEmbeddings(`${s.path}-mem.zarr`, trained, s.task, { source: 'test' });
    const summary = await writeEmbeddingsFromStore(
      `${s.path}-stream.zarr`,
      trained,
      s.path,
      { source: 'test' },
      { blockCustomers: 256 },
    );
    const mem = await readZarrGroup(`${s.path}-mem.zarr`),
      streamed = await readZarrGroup(`${s.path}-stream.zarr`);
    expect(streamed.attributes).toEqual(mem.attributes);
    expect(Object.keys(streamed.arrays).sort()).toEqual(Object.keys(mem.arrays).sort());
    for (const [name, arr] of Object.entries(mem.arrays)) {
      expect(streamed.arrays[name].shape).toEqual(arr.shape);
      expect(streamed.arrays[name].data).toEqual(arr.data);
      expect(streamed.arrays[name].attributes).toEqual(arr.attributes);
    }
    expect(summary).toMatchObject({
      customers: s.prepared.split.customers.length,
      dim: trained.config.dModel,
      path: `${s.path}-stream.zarr`,
    });
    expect(summary.stream['blocksRead']).toBe(1);

    // Blocks that do not line up with the prediction batches give the same numbers up to float rounding.
    const small = await writeEmbeddingsFromStore(`${s.path}-small.zarr`, trained, s.path, {}, { blockCustomers: 9 });
    expect(small.stream['blocksRead']).toBe(Math.ceil(s.prepared.split.customers.length / 9));
    const want = predictEncoder(trained, s.task);
    const got = (await readZarrGroup(`${s.path}-small.zarr`, ['value', 'embedding'])).arrays;
    got['value'].data.forEach((v, i) =>
      expect(Math.abs(v - want.value[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, want.value[i])),
    );
    got['embedding'].data.forEach((v, i) => expect(Math.abs(v - want.embedding[i])).toBeLessThanOrEqual(1e-5));
  });
});
