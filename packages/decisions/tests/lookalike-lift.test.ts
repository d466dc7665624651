import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { DEFAULT_LOOKALIKE, lookalikeLift } from '../src/index.ts';
import { quantile } from './reference.ts';

/** rows × d embeddings; with `signal`, value grows with the first coordinate. */
function embeddingCase(
  rows: number,
  d: number,
  seed: number,
  signal: boolean,
): { emb: Float32Array; value: Float64Array; train: number[]; test: number[] } {
  const rng = createRng(seed);
  const emb = new Float32Array(rows * d),
    value = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < d; j++) emb[r * d + j] = rng.normal();
    const x = emb[r * d];
    value[r] = Math.round(10 * (signal ? Math.max(0, x) ** 2 * 20 * rng.gamma(2) : 20 * rng.gamma(0.5))) / 10;
  }
  const rows01 = Array.from({ length: rows }, (_, r) => r);
  return { emb, value, train: rows01.filter((r) => r % 5 < 3), test: rows01.filter((r) => r % 5 >= 3) };
}

/** Readable cosine of rows a and b (0 when either is the zero vector). */
function cosine(emb: ArrayLike<number>, d: number, a: number, b: number): number {
  const x = Array.from({ length: d }, (_, j) => emb[a * d + j]),
    y = Array.from({ length: d }, (_, j) => emb[b * d + j]);
  const nx = Math.hypot(...x),
    ny = Math.hypot(...y);
  return nx === 0 || ny === 0 ? 0 : x.reduce((s, v, j) => s + v * y[j], 0) / (nx * ny);
}

describe('lookalikeLift', () => {
  it('matches a brute-force look-alike audience (max cosine to the seed set) and its bootstrap', () => {
    const c = embeddingCase(94, 5, 61, false); // 37 test rows: the 4-row blocks and a tail
    c.emb.fill(0, 3 * 5, 4 * 5); // row 3 (a test row) is the zero vector
    const k = 7,
      seed = 5,
      resamples = 60;
    const r = lookalikeLift(c.emb, 5, c.value, c.train, c.test, { k, resamples, seed, topFraction: 0.15 });
    const seeds = c.train
      .map((row, pos) => ({ row, pos }))
      .sort((a, b) => c.value[b.row] - c.value[a.row] || a.pos - b.pos)
      .slice(0, Math.ceil(0.15 * c.train.length))
      .map((s) => s.row);
    expect(Array.from(r.seeds)).toEqual(seeds);
    const sims = c.test.map((row, pos) => ({ row, pos, sim: Math.max(...seeds.map((s) => cosine(c.emb, 5, row, s))) }));
    expect(sims.find((s) => s.row === 3)!.sim).toBe(0);
    const ranked = sims.sort((a, b) => b.sim - a.sim || a.pos - b.pos).slice(0, k);
    expect(Array.from(r.lookalike)).toEqual(ranked.map((s) => s.row));
    ranked.forEach((s, j) => expect(Math.abs(r.similarity[j] - s.sim)).toBeLessThan(1e-12));
    const mean = (rows: ArrayLike<number>): number =>
      Array.from(rows).reduce((s, row) => s + c.value[row], 0) / rows.length;
    expect(new Set(r.random).size).toBe(k);
    for (const row of r.random) expect(c.test).toContain(row);
    expect(r.lookalikeMean).toBeCloseTo(mean(r.lookalike), 12);
    expect(r.randomMean).toBeCloseTo(mean(r.random), 12);
    expect(r.testMean).toBeCloseTo(mean(c.test), 12);
    expect(r.lift).toBeCloseTo(r.lookalikeMean / r.randomMean, 12);
    // Two-sample bootstrap: k draws from each audience per replicate, createRng(seed, 2).
    const rng = createRng(seed, 2),
      la = Array.from(r.lookalike, (row) => c.value[row]),
      ra = Array.from(r.random, (row) => c.value[row]);
    const reps: number[] = [];
    for (let b = 0; b < resamples; b++) {
      const num = Array.from({ length: k }, () => la[rng.int(k)]).reduce((s, v) => s + v, 0);
      const den = Array.from({ length: k }, () => ra[rng.int(k)]).reduce((s, v) => s + v, 0);
      if (den > 0) reps.push(num / den);
    }
    reps.sort((u, v) => u - v);
    expect(r.valid).toBe(reps.length);
    expect(Math.abs(r.lower - quantile(reps, 0.025))).toBeLessThan(1e-12);
    expect(Math.abs(r.upper - quantile(reps, 0.975))).toBeLessThan(1e-12);
  });

  it('finds valuable look-alikes when the embedding carries value, and about none when it does not', () => {
    const planted = embeddingCase(3000, 8, 62, true);
    const r = lookalikeLift(planted.emb, 8, planted.value, planted.train, planted.test);
    expect(r.k).toBe(Math.ceil(0.1 * planted.test.length));
    expect(r.seeds.length).toBe(Math.ceil(0.1 * planted.train.length));
    expect(r.lift).toBeGreaterThan(2);
    expect(r.lower).toBeGreaterThan(1.5);
    const noise = embeddingCase(3000, 8, 63, false);
    const q = lookalikeLift(noise.emb, 8, noise.value, noise.train, noise.test);
    expect(q.lower).toBeLessThan(1);
    expect(q.upper).toBeGreaterThan(1);
    expect(DEFAULT_LOOKALIKE).toEqual({ topFraction: 0.1, audienceFraction: 0.1, maxSeeds: 5000 });
    expect(r.seedPool).toBe(r.seeds.length);
    expect([q.resamples, q.seed, q.level]).toEqual([1000, 1, 0.95]);
  });

  it('is deterministic for a seed; the seed moves only the random audience and the interval', () => {
    const c = embeddingCase(400, 4, 64, true);
    const a = lookalikeLift(c.emb, 4, c.value, c.train, c.test, { resamples: 100, seed: 9 });
    expect(lookalikeLift(c.emb, 4, c.value, c.train, c.test, { resamples: 100, seed: 9 })).toEqual(a);
    const b = lookalikeLift(c.emb, 4, c.value, c.train, c.test, { resamples: 100, seed: 10 });
    expect(Array.from(b.lookalike)).toEqual(Array.from(a.lookalike));
    expect(Array.from(b.random)).not.toEqual(Array.from(a.random));
  });

  it('above maxSeeds uses a seeded sample of the top train customers, exactly (linear cost); at or below it, all of them', () => {
    const c = embeddingCase(400, 4, 66, true); // 240 train rows: the top half is a pool of 120
    const top = c.train
      .map((row, pos) => ({ row, pos }))
      .sort((a, b) => c.value[b.row] - c.value[a.row] || a.pos - b.pos)
      .slice(0, 120)
      .map((x) => x.row);
    const options = { topFraction: 0.5, resamples: 50, seed: 3 };
    const all = lookalikeLift(c.emb, 4, c.value, c.train, c.test, options);
    expect(Array.from(all.seeds)).toEqual(top);
    for (const maxSeeds of [120, Number.POSITIVE_INFINITY])
      expect(lookalikeLift(c.emb, 4, c.value, c.train, c.test, { ...options, maxSeeds })).toEqual(all);
    const r = lookalikeLift(c.emb, 4, c.value, c.train, c.test, { ...options, maxSeeds: 25 });
    expect([r.seeds.length, r.seedPool]).toEqual([25, 120]);
    expect(new Set(r.seeds).size).toBe(25);
    const rank = Array.from(r.seeds, (row) => top.indexOf(row));
    expect(rank.every((x, j) => x >= 0 && (j === 0 || x > rank[j - 1]))).toBe(true); // drawn from the pool, kept best first
    expect(lookalikeLift(c.emb, 4, c.value, c.train, c.test, { ...options, maxSeeds: 25 })).toEqual(r);
    expect(
      Array.from(lookalikeLift(c.emb, 4, c.value, c.train, c.test, { ...options, seed: 4, maxSeeds: 25 }).seeds),
    ).not.toEqual(Array.from(r.seeds));
    // The audience is the exact max-cosine ranking against the sampled seeds; the random audience does not move.
    const sims = c.test.map((row, pos) => ({
      row,
      pos,
      sim: Math.max(...Array.from(r.seeds, (s) => cosine(c.emb, 4, row, s))),
    }));
    const ranked = sims.sort((a, b) => b.sim - a.sim || a.pos - b.pos).slice(0, r.k);
    expect(Array.from(r.lookalike)).toEqual(ranked.map((x) => x.row));
    ranked.forEach((x, j) => expect(Math.abs(r.similarity[j] - x.sim)).toBeLessThan(1e-12));
    expect(Array.from(r.random)).toEqual(Array.from(all.random));
  });

  it('rejects bad input', () => {
    const c = embeddingCase(20, 3, 65, false);
    const bad: [() => unknown, RegExp][] = [
      [
        () => lookalikeLift(c.emb, 3, c.value, c.train, c.test, { k: 0 }),
        /^decisions\/lookalikeLift: k must be an integer in \[1, 8\], got 0$/,
      ],
      [() => lookalikeLift(c.emb, 3, c.value, c.train, c.test, { k: 9 }), /k must be an integer in \[1, 8\], got 9/],
      [
        () => lookalikeLift(c.emb, 3, c.value, c.train, c.test, { topFraction: 0 }),
        /^decisions\/lookalikeLift: topFraction must be in \(0, 1\], got 0$/,
      ],
      [
        () => lookalikeLift(c.emb, 3, c.value, c.train, c.test, { audienceFraction: 2 }),
        /audienceFraction must be in \(0, 1\], got 2/,
      ],
      [
        () => lookalikeLift(c.emb, 3, c.value, c.train, [...c.test, c.train[0]]),
        /^decisions\/lookalikeLift: row 0 is in both trainRows and testRows/,
      ],
      [
        () => lookalikeLift(c.emb, 3, c.value.slice(1), c.train, c.test),
        /^decisions\/lookalikeLift: value has length 19, expected 20/,
      ],
      [
        () =>
          lookalikeLift(
            c.emb,
            3,
            c.value.map((v, i) => (i === 4 ? NaN : v)),
            c.train,
            c.test,
          ),
        /^decisions\/lookalikeLift: value\[4\] is NaN, expected a finite holdout value ≥ 0$/,
      ],
      [
        () => lookalikeLift(c.emb, 7, c.value, c.train, c.test),
        /^decisions\/lookalikeLift: embeddings has 60 numbers, expected a non-empty multiple of d = 7$/,
      ],
      [
        () => lookalikeLift(c.emb, 3, c.value, c.train, c.test, { resamples: 1.5 }),
        /resamples must be a positive integer/,
      ],
      [
        () => lookalikeLift(c.emb, 3, c.value, c.train, c.test, { maxSeeds: 0 }),
        /^decisions\/lookalikeLift: maxSeeds must be an integer in \[1, ∞\], got 0$/,
      ],
      [
        () => lookalikeLift(c.emb, 3, c.value, c.train, c.test, { maxSeeds: 2.5 }),
        /maxSeeds must be an integer in \[1, ∞\], got 2.5/,
      ],
    ];
    for (const [fn, re] of bad) expect(fn).toThrow(re);
  });
});
