// recordDataset (runner/record-dataset.ts): what the runner keeps of a dataset once sealed. The
// log keeps exactly the record's columns (the same arrays, not copies), the sessions are gone,
// the sealed payload is sealPayload's column for column, and a record computed from the narrowed
// dataset equals one computed from the full payload (nothing the record reads was dropped).
import { describe, expect, it } from 'vitest';
import { loadBenchDataset } from '../src/datasets/load-bench-dataset.ts';
import { computeResults } from '../src/record/compute-results.ts';
import { recordDataset, type RecordDataset } from '../src/runner/record-dataset.ts';
import type { BenchCell } from '../src/runner/run-bench.ts';
import { modelEntry } from '../src/models/model-registry.ts';
import { sealPayload } from '../src/runner/sealed-task.ts';

describe('recordDataset', () => {
  it("keeps the record's log columns and the sealed payload; the record is the full payload's", async () => {
    const ds = await loadBenchDataset('synthetic', { customers: 500 });
    const r = recordDataset(ds);
    expect(Object.keys(r.payload.log).sort()).toEqual(
      ['amount', 'customer', 'customerIds', 'length', 't', 'type', 'valueTarget'].sort(),
    );
    for (const k of ['customer', 't', 'type', 'amount'] as const) expect(r.payload.log[k]).toBe(ds.payload.log[k]);
    expect('session' in r.payload).toBe(false);
    expect(r.payload.split).toBe(ds.payload.split);
    const want = sealPayload(ds.payload);
    for (const k of ['customer', 't', 'type', 'item', 'category', 'amount', 'quantity'] as const)
      expect(Array.from(r.sealed.log[k]), k).toEqual(Array.from(want.log[k]));
    expect(Array.from(r.sealed.session)).toEqual(Array.from(want.session));
    expect(r.sealed.log.t.buffer).toBeInstanceOf(SharedArrayBuffer);
    // Two models' "predictions" (the oracle's value and a noisy copy) scored both ways.
    const n = ds.payload.split.customers.length;
    const value = Array.from(ds.payload.oracle!.value);
    const cell = (name: string, v: number[]): BenchCell => ({
      dataset: ds.id,
      model: modelEntry(name),
      seed: 1,
      trial: 0,
      trialConfig: {},
      config: {},
      trainFraction: 1,
      reused: false,
      chosen: true,
      stored: { value: v, repurchase: v } as unknown as BenchCell['stored'],
    });
    const cells = [
      cell('oracle', value),
      cell(
        'historical-rate',
        value.map((x, i) => x * (1 + ((i * 7) % 5) / 10)),
      ),
    ];
    const folds = { [ds.id]: [ds.payload.split.fold] };
    const full: RecordDataset = { ...ds, sealed: r.sealed };
    const a = computeResults([r], cells, folds),
      b = computeResults([full], cells, folds);
    expect(a.rows.length).toBe(4);
    expect(a.rows[0].n).toBeLessThan(n);
    expect(a).toEqual(b);
  });
});
