import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { backendInfo, initBackend } from '../src/internal.ts';

describe('initBackend', () => {
  it('loads wasm and cpu by name and reports the tfjs version', async () => {
    const w = await initBackend('wasm');
    expect(w).toEqual({ name: 'wasm', version: tf.version_core });
    expect(tf.getBackend()).toBe('wasm');
    const c = await initBackend('cpu');
    expect(c.name).toBe('cpu');
    expect(backendInfo().name).toBe('cpu');
  });
  it('auto picks tensorflow when tfjs-node loads, else wasm', async () => {
    const info = await initBackend('auto');
    let nodeLoads = true;
    try {
      await import('@tensorflow/tfjs-node' as string);
    } catch {
      nodeLoads = false;
    }
    // `auto` after an explicit choice keeps it, so only check the kind is one of the chain.
    expect(['tensorflow', 'wasm', 'cpu']).toContain(info.name);
    if (!nodeLoads) expect(info.name).not.toBe('tensorflow');
  });
  it('a forced backend that cannot load is an error, as is an unknown name', async () => {
    let nodeLoads = true;
    try {
      await import('@tensorflow/tfjs-node' as string);
    } catch {
      nodeLoads = false;
    }
    if (!nodeLoads)
      await expect(initBackend('tensorflow')).rejects.toThrow(
        /behavior-encoder\/backend: backend 'tensorflow' failed to load/,
      );
    await expect(initBackend('gpu' as 'cpu')).rejects.toThrow(/unknown backend 'gpu'/);
  });
});
