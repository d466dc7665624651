// The histogram kernel: sums per bin equal a direct count, building it over feature ranges
// separately (as worker threads will) gives the bit-identical histogram, and the subtraction
// trick gives the sibling's histogram up to rounding.
import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import {
  FEATURE_STRIDE,
  binMatrix,
  buildHistogram,
  gatherGradients,
  subtractHistogram,
  type HistogramInput,
} from '../src/index.ts';
import { syntheticCustomers } from './synthetic-customers.ts';

const n = 3_000,
  p = 11;
const x = binMatrix(syntheticCustomers(n, p, 4).columns);
const rng = createRng(8, 1);
const gh = new Float64Array(2 * n).map((_, k) => (k % 2 ? 0.5 + rng.next() : rng.normal()));
const rows = Int32Array.from({ length: n }, (_, i) => i).filter(() => rng.next() < 0.6);
const features = Int32Array.from({ length: p }, (_, f) => f);
const input = (r: Int32Array): HistogramInput => ({
  bins: x.bins,
  n,
  rows: r,
  start: 0,
  end: r.length,
  nodeGh: gatherGradients(gh, r, 0, r.length, new Float64Array(2 * r.length)),
  features,
});

describe('buildHistogram', () => {
  const full = new Float64Array(p * FEATURE_STRIDE);
  buildHistogram(input(rows), 0, p, full);

  it('sums g and h of the node rows per bin', () => {
    for (const f of [0, 2, 5]) {
      const expected = new Float64Array(FEATURE_STRIDE);
      for (const r of rows) {
        const b = x.bins[f * n + r];
        expected[2 * b] += gh[2 * r];
        expected[2 * b + 1] += gh[2 * r + 1];
      }
      const got = full.subarray(f * FEATURE_STRIDE, (f + 1) * FEATURE_STRIDE);
      for (let s = 0; s < FEATURE_STRIDE; s++) expect(got[s]).toBeCloseTo(expected[s], 10);
    }
  });

  it('is bit-identical when built feature range by feature range (the worker split)', () => {
    const split = new Float64Array(p * FEATURE_STRIDE).fill(NaN);
    for (const [a, b] of [
      [0, 3],
      [3, 4],
      [4, 9],
      [9, 11],
    ])
      buildHistogram(input(rows), a, b, split);
    expect(split).toEqual(full);
  });

  it('parent − smaller child = larger child (subtraction trick) to rounding', () => {
    const all = Int32Array.from({ length: n }, (_, i) => i);
    const rest = all.filter((i) => !rows.includes(i));
    const parent = new Float64Array(p * FEATURE_STRIDE),
      small = new Float64Array(p * FEATURE_STRIDE);
    buildHistogram(input(all), 0, p, parent);
    buildHistogram(input(rest), 0, p, small);
    subtractHistogram(parent, small, features);
    for (let s = 0; s < parent.length; s++) expect(parent[s]).toBeCloseTo(full[s], 9);
  });
});
