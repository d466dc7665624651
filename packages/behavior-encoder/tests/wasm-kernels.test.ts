import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../src/internal.ts';

// tf.gather's gradient needs UnsortedSegmentSum, which tfjs-backend-wasm 4.22 lacks; the
// registered kernel must give the cpu backend's gradient (duplicates summed, ids out of order).
describe('wasm gradient kernels', () => {
  const table = [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
    [10, 11, 12],
  ];
  const idx = [3, 0, 3, 1, 3];
  const upstream = [
    [1, 0, 2],
    [0.5, 1, 1],
    [2, 2, 2],
    [1, 1, 1],
    [-1, 0, 3],
  ];
  const gradOn = async (backend: 'cpu' | 'wasm'): Promise<number[][]> => {
    await initBackend(backend);
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.gather(x, tf.tensor1d(idx, 'int32')), tf.tensor2d(upstream))))(
      tf.tensor2d(table),
    );
    return g.arraySync() as number[][];
  };
  it('gather gradient on wasm equals cpu and the hand-computed scatter-add', async () => {
    const expected = [
      [0.5, 1, 1],
      [1, 1, 1],
      [0, 0, 0],
      [2, 2, 7],
    ];
    expect(await gradOn('cpu')).toEqual(expected);
    expect(await gradOn('wasm')).toEqual(expected);
  });
  it('unsortedSegmentSum runs on wasm directly', async () => {
    await initBackend('wasm');
    const out = tf.unsortedSegmentSum(
      tf.tensor2d([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
      tf.tensor1d([2, 0, 2], 'int32'),
      3,
    );
    expect(out.arraySync()).toEqual([
      [3, 4],
      [0, 0],
      [6, 8],
    ]);
  });
  it('Identity shares the buffer on wasm: clones stay valid after the source is freed, gradients pass through', async () => {
    await initBackend('wasm');
    const backend = tf.backend() as unknown as { dataIdMap: { get(id: object): { refCount: number } } };
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const y = tf.clone(x);
    expect(backend.dataIdMap.get(x.dataId).refCount).toBe(2); // one buffer, two owners: no copy was made
    x.dispose();
    expect(y.arraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.clone(t), t)))(y);
    expect(g.arraySync()).toEqual([
      [2, 4],
      [6, 8],
    ]);
    tf.dispose([y, g]);
  });
});
