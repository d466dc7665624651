import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CellStore,
  cellKey,
  decodeEmbedding,
  encodeEmbedding,
  type CellIdentity,
  type StoredCell,
} from '../src/runner/cell-store.ts';
import { stableStringify } from '@clvlab/core';
import { writeFileAtomic } from '@clvlab/core/node';

const ID: CellIdentity = {
  dataset: 'synthetic',
  datasetHash: 'sha256:ab',
  model: 'gru',
  config: { layers: 1, dropout: 0.1 },
  seed: 1,
  codeVersion: 'c0de',
};

function cell(key: string): StoredCell {
  return {
    key,
    identity: ID,
    value: [1.5, 0, 2 / 3],
    repurchase: [0.25, 0.5, 1 / 3],
    info: { slope: 0.1 },
    timing: {
      wallMs: 1,
      cpuMs: 1,
      cpuScope: 'thread',
      peakHeapBytes: 1,
      worker: 0,
      finishedAt: '2026-01-01T00:00:00.000Z',
    },
    backend: 'cpu',
  };
}

describe('cellKey', () => {
  it('changes with every identity field and ignores key order in the config', () => {
    const base = cellKey(ID);
    expect(cellKey({ ...ID, config: { dropout: 0.1, layers: 1 } })).toBe(base);
    const variants: CellIdentity[] = [
      { ...ID, dataset: 'cdnow' },
      { ...ID, datasetHash: 'sha256:ac' },
      { ...ID, model: 'transformer' },
      { ...ID, config: { layers: 2, dropout: 0.1 } },
      { ...ID, seed: 2 },
      { ...ID, codeVersion: 'c0df' },
    ];
    const keys = new Set(variants.map(cellKey));
    expect(keys.size).toBe(variants.length);
    expect(keys.has(base)).toBe(false);
    expect(base).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('CellStore', () => {
  it('round-trips a cell exactly (float64 values via shortest round-trip text) and leaves no temp files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clvlab-cells-'));
    const store = new CellStore(dir);
    const key = cellKey(ID);
    expect(store.read(key)).toBeNull();
    store.write(cell(key));
    const back = store.read(key)!;
    expect(back.value).toEqual([1.5, 0, 2 / 3]);
    expect(back.repurchase[2]).toBe(1 / 3);
    expect(readdirSync(join(dir, 'cells'))).toEqual([`${key}.json`]);
  });

  it('treats a file whose key does not match, or that does not parse, as missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clvlab-cells-'));
    const store = new CellStore(dir);
    const key = cellKey(ID);
    writeFileSync(join(dir, 'cells', `${key}.json`), JSON.stringify(cell('0'.repeat(32))));
    expect(store.read(key)).toBeNull();
    writeFileSync(join(dir, 'cells', `${key}.json`), '{"key":');
    expect(store.read(key)).toBeNull();
  });

  it('encodes embeddings as exact float32 bytes', () => {
    const e = Float32Array.from([0.1, -2.5, 3e-8, 65504]);
    expect(Array.from(decodeEmbedding(encodeEmbedding(e)))).toEqual(Array.from(e));
  });
});

describe('writeFileAtomic / stableStringify', () => {
  it('replaces a file in one rename and sorts keys at every level', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clvlab-atomic-'));
    const p = join(dir, 'sub', 'a.json');
    writeFileAtomic(p, 'old');
    writeFileAtomic(p, stableStringify({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 3 } }));
    expect(readFileSync(p, 'utf8')).toBe('{"a":{"c":3,"d":[{"y":2,"z":1}]},"b":1}');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['a.json']);
    expect(existsSync(p)).toBe(true);
  });
});
