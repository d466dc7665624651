// Look-alike lift of a customer embedding: do the test customers nearest to the best train
// customers turn out valuable? (The look-alike audience of seed-based targeting.) Definitions:
//   seeds:      the top ⌈topFraction · n_train⌉ train rows by holdout value (ties by position
//               in trainRows); when there are more than maxSeeds of them, a seeded uniform
//               sample of maxSeeds (createRng(seed, 3)), kept best first;
//   similarity: each test customer's MAXIMUM cosine similarity to any seed (exact: every
//               test × seed pair, vectors normalised once, max-cosine.ts; a zero vector has
//               cosine 0 with everything);
//   look-alikes: the k test customers with the highest similarity (ties by position in
//               testRows), i.e. "the k nearest test customers" to the seed SET is the union
//               ranking by nearest seed, not k per seed;
//   random:     k test customers drawn uniformly without replacement (createRng(seed, 1));
//   lift = mean holdout value of the look-alikes / mean holdout value of the random ones.
// The interval is a two-sample percentile bootstrap of that ratio of means (Efron &
// Tibshirani 1993, §13.3 and ch. 8 two-sample problems): each replicate redraws k look-alikes
// and k random customers with replacement from the two audiences (createRng(seed, 2));
// replicates with a zero denominator are dropped and counted out of `valid`. The audiences are
// fixed: the embedding chose them from the features alone, the values only score them.
// Cost: O(n_test · min(n_seeds, maxSeeds) · d) multiply-adds (20,000 × 5,000 × 64 takes
// seconds). Without the cap it grew as n²: on 1M synthetic customers 186k test × 56k seeds × 32
// dimensions is 3.3e11 multiply-adds, ~4 CPU-minutes per embedding (issue 16 §1); with it the
// cost is linear in the customers, and any set of at most maxSeeds seeds is used exactly.

import { createRng, type Rng } from '@clvlab/core';
import type { NumericArray } from '@clvlab/metrics';
import { contactCount, descendingOrder } from './contact-order.ts';
import { maxDotToSet, unitRows } from './max-cosine.ts';
import type { BootstrapSettings } from './bootstrap-summary.ts';
import { resolveBootstrap, summarizeReplicates } from './bootstrap-summary.ts';
import {
  disjointRows,
  matrixRows,
  positiveInteger,
  rowIndices,
  unitFraction,
  withDefaults,
} from './validate-inputs.ts';

/** Look-alike settings (bootstrap fields default to metrics' DEFAULT_BOOTSTRAP). */
export interface LookalikeSettings {
  readonly topFraction: number;
  readonly audienceFraction: number;
  readonly maxSeeds: number;
}

/** Look-alike defaults. */
export const DEFAULT_LOOKALIKE: Readonly<LookalikeSettings> = Object.freeze({
  /** Seeds: the top 10% of train customers by holdout value, as the issue states. */
  topFraction: 0.1,
  /** Audience k = ⌈10% of the test customers⌉ unless k is given: the top-10% capture's size. */
  audienceFraction: 0.1,
  /**
   * At most this many seeds (a seeded sample of the top train customers above it; Infinity =
   * all): keeps the exact similarity pass linear in the customers. 5,000 uses every seed up to
   * 50,000 train customers (the default 10k-customer benchmark has ~560).
   */
  maxSeeds: 5000,
});

/** Options: any subset of the settings, an explicit audience size k, bootstrap settings. */
export type LookalikeOptions = Partial<LookalikeSettings> & Partial<BootstrapSettings> & { readonly k?: number };

/** The look-alike audience, the random audience, and the lift with its interval. */
export interface LookalikeLift {
  readonly k: number;
  /** Seed rows (top train customers by value, or maxSeeds of them drawn at random), best first. */
  readonly seeds: Int32Array;
  /** The top train customers the seeds come from (= seeds.length unless sampled). */
  readonly seedPool: number;
  /** Look-alike rows, most similar first, and their maximum cosine similarity to a seed. */
  readonly lookalike: Int32Array;
  readonly similarity: Float64Array;
  /** The random audience's rows. */
  readonly random: Int32Array;
  readonly lookalikeMean: number;
  readonly randomMean: number;
  /** Mean holdout value over all test rows (the random audience's expectation). */
  readonly testMean: number;
  /** lookalikeMean / randomMean (NaN when randomMean is 0). */
  readonly lift: number;
  readonly lower: number;
  readonly upper: number;
  readonly se: number;
  readonly valid: number;
  readonly resamples: number;
  readonly seed: number;
  readonly level: number;
}

/** The first k positions of a seeded shuffle of 0..count−1 (partial Fisher–Yates). */
function shuffledPrefix(count: number, k: number, rng: Rng): Int32Array {
  const perm = Int32Array.from({ length: count }, (_, i) => i);
  for (let j = 0; j < k; j++) {
    const m = j + rng.int(count - j);
    const tmp = perm[j];
    perm[j] = perm[m];
    perm[m] = tmp;
  }
  return perm.subarray(0, k);
}

/** Mean of values[rows]. */
function meanAt(values: NumericArray, rows: Int32Array): number {
  let s = 0;
  for (const r of rows) s += values[r];
  return s / rows.length;
}

/**
 * Look-alike lift of `embeddings` (rows × d, row-major) for holdout `value` (one per row):
 * seeds from trainRows, audiences from testRows (disjoint). Throws `decisions/lookalikeLift:
 * ...` on bad input.
 */
export function lookalikeLift(
  embeddings: Float32Array | Float64Array,
  d: number,
  value: NumericArray,
  trainRows: ArrayLike<number>,
  testRows: ArrayLike<number>,
  options: LookalikeOptions = {},
): LookalikeLift {
  const fn = 'lookalikeLift';
  const { k: kOption, resamples, seed, level, ...rest } = options;
  const o = withDefaults(DEFAULT_LOOKALIKE, rest);
  const bs = resolveBootstrap(fn, { resamples, seed, level });
  unitFraction(fn, 'topFraction', o.topFraction);
  unitFraction(fn, 'audienceFraction', o.audienceFraction);
  if (o.maxSeeds !== Number.POSITIVE_INFINITY) positiveInteger(fn, 'maxSeeds', o.maxSeeds);
  const rows = matrixRows(fn, 'embeddings', embeddings, d);
  if (value == null || value.length !== rows)
    throw new Error(`decisions/${fn}: value has length ${value?.length}, expected ${rows} (one per embedding row)`);
  const train = rowIndices(fn, 'trainRows', trainRows, rows),
    test = rowIndices(fn, 'testRows', testRows, rows);
  disjointRows(fn, train, test, rows);
  for (const list of [train, test]) {
    for (const r of list)
      if (!(Number.isFinite(value[r]) && value[r] >= 0))
        throw new Error(`decisions/${fn}: value[${r}] is ${value[r]}, expected a finite holdout value ≥ 0`);
  }
  const k =
    kOption === undefined
      ? contactCount(o.audienceFraction, test.length)
      : positiveInteger(fn, 'k', kOption, test.length);
  const trainValue = Float64Array.from(train, (r) => value[r]);
  const pool = descendingOrder(trainValue).subarray(0, contactCount(o.topFraction, train.length));
  const picked =
    pool.length > o.maxSeeds
      ? shuffledPrefix(pool.length, o.maxSeeds, createRng(bs.seed, 3))
          .sort()
          .map((j) => pool[j])
      : pool;
  const seeds = picked.map((pos) => train[pos]);
  const sim = new Float64Array(test.length);
  maxDotToSet(unitRows(embeddings, d, test), unitRows(embeddings, d, seeds), d, sim);
  const ranked = descendingOrder(sim).subarray(0, k);
  const lookalike = ranked.map((pos) => test[pos]),
    similarity = Float64Array.from(ranked, (pos) => sim[pos]);
  const random = shuffledPrefix(test.length, k, createRng(bs.seed, 1)).map((pos) => test[pos]);
  const lookalikeMean = meanAt(value, lookalike),
    randomMean = meanAt(value, random);
  const la = Float64Array.from(lookalike, (r) => value[r]),
    ra = Float64Array.from(random, (r) => value[r]);
  const boot = createRng(bs.seed, 2),
    reps = new Float64Array(bs.resamples);
  for (let b = 0; b < bs.resamples; b++) {
    let num = 0,
      den = 0;
    for (let j = 0; j < k; j++) num += la[boot.int(k)];
    for (let j = 0; j < k; j++) den += ra[boot.int(k)];
    reps[b] = den > 0 ? num / den : NaN;
  }
  const lift = randomMean > 0 ? lookalikeMean / randomMean : NaN;
  const iv = summarizeReplicates(reps, bs.level, lift);
  return Object.freeze({
    k,
    seeds,
    seedPool: pool.length,
    lookalike,
    similarity,
    random,
    lookalikeMean,
    randomMean,
    testMean: meanAt(value, test),
    lift,
    lower: iv.lower,
    upper: iv.upper,
    se: iv.se,
    valid: iv.valid,
    resamples: bs.resamples,
    seed: bs.seed,
    level: bs.level,
  });
}
