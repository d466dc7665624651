// The randomized campaign of src/campaign.ts: isolated from the rest of the world (its own rng
// streams), planted so that uplift is not value, and its true uplift checked against a
// brute-force re-simulation of the holdout with and without treatment.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { redrawLifetimes } from '../src/estimate-oracle.ts';
import { simulateWorld } from '../src/generate-synthetic.ts';
import { generateSynthetic } from '../src/index.ts';
import type { SyntheticData, SyntheticTruth } from '../src/index.ts';
import { cloneSimState } from '../src/sim-state.ts';
import { simulateDays } from '../src/simulate-days.ts';

const LOG_COLUMNS = ['customer', 't', 'type', 'item', 'category', 'amount', 'quantity'] as const;
/** Truth columns of the campaign-free generator. */
const WORLD_TRUTH = [
  'community',
  'joinTime',
  'purchaseRate',
  'browseRate',
  'dropoutRate',
  'dropoutProbability',
  'dropoutTime',
  'aliveAtCutoff',
  'spendMean',
  'category',
  'intentAtCutoff',
  'socialAtCutoff',
  'sessions',
  'oracle',
  'oracleRepurchase',
] as const satisfies readonly (keyof SyntheticTruth)[];

/** sha256 of every column of the log, the campaign-free truth and the graph, in a fixed order. */
function fingerprint(d: SyntheticData): string {
  const h = createHash('sha256');
  const put = (a: ArrayBufferView): void => {
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  };
  for (const c of LOG_COLUMNS) put(d.log[c]);
  for (const c of WORLD_TRUTH) put(d.truth[c]);
  put(d.edges.src);
  put(d.edges.dst);
  put(d.edges.weight);
  return h.digest('hex');
}

/** Each customer's events as one string per event (all columns), split at the cutoff. */
function eventsByCustomer(d: SyntheticData): { before: string[][]; after: string[][] } {
  const n = d.log.customerIds.length;
  const before = Array.from({ length: n }, () => [] as string[]),
    after = Array.from({ length: n }, () => [] as string[]);
  for (let e = 0; e < d.log.length; e++) {
    const row = LOG_COLUMNS.map((c) => d.log[c][e]).join(',');
    (d.log.t[e] < d.cutoff ? before : after)[d.log.customer[e]].push(row);
  }
  return { before, after };
}

describe('synthetic campaign: isolation', () => {
  const small = { customers: 600, seed: 11, oracleSamples: 4 };
  const off = generateSynthetic({ ...small, campaign: 0 });
  const on = generateSynthetic(small);

  it('campaign: 0 is the generator as it was before the campaign, bit for bit', () => {
    // Recorded from the generator at commit f9edae3 (before the campaign existed).
    expect(off.log.length).toBe(37244);
    expect(fingerprint(off)).toBe('0eae93edfc629ab17e603242d3a18cbb1d0db994aa6c46ad4e3641d37728696e');
    expect(off.truth.treated.every((t) => t === 0)).toBe(true);
    expect(off.truth.upliftValue.every((u) => u === 0)).toBe(true);
  });

  it("with the campaign only treated customers' holdout events change; calibration is the same for everyone", () => {
    const a = eventsByCustomer(off),
      b = eventsByCustomer(on);
    const { treated } = on.truth;
    let changed = 0,
      treatedCount = 0;
    for (let i = 0; i < treated.length; i++) {
      expect(b.before[i]).toEqual(a.before[i]);
      if (treated[i] === 0) expect(b.after[i]).toEqual(a.after[i]);
      else {
        treatedCount++;
        if (b.after[i].join('\n') !== a.after[i].join('\n')) changed++;
      }
    }
    // Binomial(600, 0.5): 300 ± 3·12.
    expect(treatedCount).toBeGreaterThan(264);
    expect(treatedCount).toBeLessThan(336);
    expect(changed).toBeGreaterThan(treatedCount / 4);
    expect(Array.from(on.edges.dst)).toEqual(Array.from(off.edges.dst));
    for (const c of WORLD_TRUTH) {
      const x = on.truth[c],
        y = off.truth[c];
      for (let i = 0; i < x.length; i++) {
        // A treated customer's sessions and oracle are those of its treated world.
        if (treated[i] === 1 && (c === 'sessions' || c === 'oracle' || c === 'oracleRepurchase')) continue;
        if (x[i] !== y[i]) throw new Error(`truth.${c}[${i}] differs: ${x[i]} vs ${y[i]}`);
      }
    }
  });

  it('is deterministic and the oracle of treated customers includes their uplift', () => {
    expect(fingerprint(generateSynthetic(small))).toBe(fingerprint(on));
    let treatedOracle = 0,
      offOracle = 0,
      uplift = 0;
    for (let i = 0; i < on.truth.treated.length; i++) {
      if (on.truth.treated[i] === 0) continue;
      treatedOracle += on.truth.oracle[i];
      offOracle += off.truth.oracle[i];
      uplift += on.truth.upliftValue[i];
      expect(on.truth.oracleRepurchase[i]).toBeGreaterThanOrEqual(0);
    }
    // Σ oracle(treated) − Σ oracle(untreated) over the treated ≈ Σ uplift (4 Monte Carlo samples: loose).
    expect(Math.abs(treatedOracle - offOracle - uplift) / uplift).toBeLessThan(0.25);
  });

  it('rejects a campaign flag other than 0/1 and a share outside (0, 1)', () => {
    expect(() => generateSynthetic({ campaign: 2 })).toThrow(
      /^synth\/generate-synthetic: option 'campaign' must be 0 or 1/,
    );
    expect(() => generateSynthetic({ campaignShare: 1 })).toThrow(/campaignShare/);
    expect(() => generateSynthetic({ campaignWeeks: 0 })).toThrow(/campaignWeeks/);
  });
});

describe('synthetic campaign: planted uplift', () => {
  const { truth, log, cutoff } = generateSynthetic({ customers: 2000, seed: 3, oracleSamples: 8 });

  it('is 0 for customers gone at the cutoff, ≥ 0 for all, and not the same as high value', () => {
    const n = log.customerIds.length;
    const bought = new Uint8Array(n);
    for (let e = 0; e < log.length; e++) if (log.t[e] < cutoff && log.type[e] === 2) bought[log.customer[e]] = 1;
    const cohort = Array.from({ length: n }, (_, i) => i).filter((i) => bought[i] === 1);
    for (let i = 0; i < n; i++) {
      expect(truth.upliftValue[i]).toBeGreaterThanOrEqual(0);
      if (truth.aliveAtCutoff[i] === 0) expect(truth.upliftValue[i]).toBe(0);
    }
    // Untreated expected value: the oracle less the uplift of the treated.
    const base = (i: number): number => truth.oracle[i] - truth.treated[i] * truth.upliftValue[i];
    const meanUplift = (rows: number[]): number => rows.reduce((a, i) => a + truth.upliftValue[i], 0) / rows.length;
    const top = Math.ceil(cohort.length / 10);
    const byValue = [...cohort].sort((a, b) => base(b) - base(a)).slice(0, top);
    const byUplift = [...cohort].sort((a, b) => truth.upliftValue[b] - truth.upliftValue[a]).slice(0, top);
    const all = meanUplift(cohort);
    // Targeting the most valuable tenth buys about the average uplift; the most responsive tenth has several times it.
    expect(meanUplift(byValue)).toBeLessThan(1.5 * all);
    expect(meanUplift(byUplift)).toBeGreaterThan(3 * all);
  });
});

/**
 * Σ over customers and per customer: the mean over `replicates` re-simulations of the holdout of
 * max(0, treated value) − max(0, untreated value) (everyone treated in the treated pass, the
 * lifetimes redrawn as the oracle does), with its Monte Carlo variance.
 */
function bruteForceUplift(
  options: Parameters<typeof simulateWorld>[0],
  replicates: number,
): { truth: Float64Array; mean: Float64Array; variance: Float64Array } {
  const world = simulateWorld(options);
  const { population: pop, options: o, atCutoff, cutoffDay, endDay, campaign } = world;
  const n = pop.n,
    everyone = new Uint8Array(n).fill(1);
  const sum = new Float64Array(n),
    sumSq = new Float64Array(n);
  for (let r = 0; r < replicates; r++) {
    const rng = createRng(7000 + r, 1);
    const untreated = cloneSimState(atCutoff);
    redrawLifetimes(pop, untreated, world.data.cutoff, rng);
    const treated = cloneSimState(untreated);
    simulateDays(pop, o, untreated, cutoffDay, endDay, rng, null, {
      include: everyone,
      rate: campaign!.rate,
      fromDay: cutoffDay,
      rng: createRng(7000 + r, 2),
      state: treated,
      builder: null,
    });
    for (let i = 0; i < n; i++) {
      const d = Math.max(0, treated.holdValue[i]) - Math.max(0, untreated.holdValue[i]);
      sum[i] += d;
      sumSq[i] += d * d;
    }
  }
  const mean = sum.map((s) => s / replicates);
  const variance = mean.map((m, i) => (sumSq[i] / replicates - m * m) / replicates);
  return { truth: world.data.truth.upliftValue, mean, variance };
}

const total = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);

describe('synthetic campaign: true uplift against brute force', () => {
  it('without returns the closed form is exact: per customer and in total within Monte Carlo error', () => {
    const b = bruteForceUplift({ customers: 300, seed: 5, oracleSamples: 0, returnProbability: 0 }, 250);
    const top = Array.from(b.truth.keys())
      .sort((x, y) => b.truth[y] - b.truth[x])
      .slice(0, 8);
    for (const i of top)
      expect(Math.abs(b.mean[i] - b.truth[i])).toBeLessThan(4 * Math.sqrt(b.variance[i]) + 0.01 * b.truth[i]);
    expect(Math.abs(total(b.mean) - total(b.truth))).toBeLessThan(
      4 * Math.sqrt(total(b.variance)) + 0.01 * total(b.truth),
    );
  });

  it('at the defaults it is within 5% of brute force (a campaign visit also brings in returns that would have missed the holdout)', () => {
    const b = bruteForceUplift({ customers: 300, seed: 5, oracleSamples: 0 }, 250);
    expect(Math.abs(total(b.mean) - total(b.truth))).toBeLessThan(
      4 * Math.sqrt(total(b.variance)) + 0.05 * total(b.truth),
    );
  });
});
