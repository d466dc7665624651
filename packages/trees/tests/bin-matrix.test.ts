// Binning: one bin per distinct value when they fit, XGBoost-style quantile cuts (255 value bins)
// otherwise, NaN in bin 255, and "bin ≤ b" exactly the raw rule "x < edges[b]".
import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { MISSING_BIN, applyBins, binMatrix } from '../src/index.ts';

const rng = createRng(3, 0);
const n = 10_000;
const counts = Float64Array.from({ length: n }, () => rng.poisson(3));
const money = Float64Array.from({ length: n }, () => Math.exp(3 + rng.normal()));
const partly = Float32Array.from({ length: n }, (_, i) => (i % 4 === 0 ? NaN : rng.next()));

describe('binMatrix', () => {
  const x = binMatrix([counts, money, partly], ['frequency', 'monetary', 'partly']);

  it('gives each distinct value its own bin when they fit', () => {
    const distinct = [...new Set(counts)].sort((a, b) => a - b);
    expect(Array.from(x.edges[0])).toEqual(distinct.slice(1));
    expect(x.valueBins[0]).toBe(distinct.length);
    for (let i = 0; i < 100; i++) expect(x.bins[i]).toBe(distinct.indexOf(counts[i]));
  });

  it('cuts a continuous column into 255 near-equal-count value bins', () => {
    expect(x.edges[1].length).toBe(254);
    expect(x.valueBins[1]).toBe(255);
    const perBin = new Int32Array(256);
    for (let i = 0; i < n; i++) perBin[x.bins[n + i]]++;
    for (let b = 0; b < 254; b++) expect(Math.abs(perBin[b] - n / 255)).toBeLessThanOrEqual(2);
    expect(perBin[MISSING_BIN]).toBe(0);
  });

  it('puts NaN in the missing bin and keeps bin ≤ b ⇔ x < edges[b]', () => {
    for (let f = 0; f < 3; f++) {
      const col = [counts, money, partly][f],
        e = x.edges[f];
      for (let i = 0; i < n; i += 7) {
        const b = x.bins[f * n + i];
        if (Number.isNaN(col[i])) {
          expect(b).toBe(MISSING_BIN);
          continue;
        }
        if (b > 0) expect(col[i]).toBeGreaterThanOrEqual(e[b - 1]);
        if (b < e.length) expect(col[i]).toBeLessThan(e[b]);
      }
    }
  });

  it('gives a constant column one value bin and an all-NaN column none', () => {
    const y = binMatrix([new Float64Array(50).fill(2), new Float64Array(50).fill(NaN)]);
    expect(Array.from(y.valueBins)).toEqual([1, 0]);
    expect(y.bins.subarray(50).every((b) => b === MISSING_BIN)).toBe(true);
    expect(y.names).toEqual(['f0', 'f1']);
  });

  it('bins new rows with the training cut points (values beyond them fall in the end bins)', () => {
    const fresh = applyBins(x, [Float64Array.of(-5, 1e9), Float64Array.of(0, 1e9), Float32Array.of(NaN, 0.5)]);
    expect(fresh.edges).toBe(x.edges);
    expect(Array.from(fresh.bins)).toEqual([0, x.valueBins[0] - 1, 0, 254, MISSING_BIN, fresh.bins[5]]);
    expect(fresh.names).toEqual(['frequency', 'monetary', 'partly']);
  });

  it('rejects ±Infinity, ragged columns, mismatched or repeated names and a bad maxBins', () => {
    expect(() => binMatrix([Float64Array.of(1, Infinity)])).toThrow(
      'trees/bin-matrix: feature column 0 row 1 is Infinity; use NaN for a missing value',
    );
    expect(() => binMatrix([new Float64Array(3), new Float64Array(2)])).toThrow(
      'feature column 1 has 2 rows, column 0 has 3',
    );
    expect(() => binMatrix([new Float64Array(3)], ['a', 'b'])).toThrow('2 feature names for 1 columns');
    expect(() => binMatrix([new Float64Array(3), new Float64Array(3)], ['a', 'a'])).toThrow(
      'feature names must be distinct',
    );
    expect(() => binMatrix([new Float64Array(3)], undefined, { maxBins: 300 })).toThrow(
      'maxBins must be an integer in [3, 256], got 300',
    );
    expect(() => binMatrix([new Float64Array(0)])).toThrow('trees/bin-matrix: no rows to bin');
  });
});
