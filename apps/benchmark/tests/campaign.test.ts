// The synthetic campaign in the record (campaign-results.ts): the payload carries the
// generator's treatment flags and true uplift per cohort customer, the sealed payload and task
// carry neither, the T-learner is fitted through the sealed path (test labels cannot move it),
// and the Qini and incremental-profit numbers equal a brute-force recomputation.
import { closeGraphPools } from '@clvlab/social-graph/node';
import { evaluationFolds, Fold } from '@clvlab/sessions';
import { generateSynthetic } from '@clvlab/synth';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBenchDataset, type BenchDataset } from '../src/datasets/load-bench-dataset.ts';
import { campaignCsv, campaignResults, DEFAULT_CAMPAIGN, fitCampaignUplift } from '../src/record/campaign-results.ts';
import { testView } from '../src/record/test-view.ts';
import { sealedSplit, sealedTask, sealPayload } from '../src/runner/sealed-task.ts';
import type { BenchRecord } from '../src/report/read-record.ts';
import { campaignTable } from '../src/report/report-tables.ts';
import { recordDataset } from '../src/runner/record-dataset.ts';

afterAll(closeGraphPools);

/** Q(t) after each customer by score descending (scores distinct), as Radcliffe defines it. */
function bruteQini(
  score: ArrayLike<number>,
  treated: ArrayLike<number>,
  y: ArrayLike<number>,
): { area: number; coefficient: number } {
  const order = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  let nT = 0,
    nC = 0,
    yT = 0,
    yC = 0,
    area = 0,
    prev = 0;
  const n = order.length;
  for (const i of order) {
    if (treated[i] === 1) {
      nT++;
      yT += y[i];
    } else {
      nC++;
      yC += y[i];
    }
    const q = nC === 0 ? yT : yT - (yC * nT) / nC;
    area += (q + prev) / (2 * n);
    prev = q;
  }
  return { area, coefficient: area - prev / 2 };
}

/** Incremental profit of the top ⌈k·n⌉ by score (scores distinct). */
function bruteProfit(
  score: ArrayLike<number>,
  treated: ArrayLike<number>,
  y: ArrayLike<number>,
  k: number,
  cost: number,
): number {
  const order = Array.from({ length: score.length }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  const top = order.slice(0, Math.ceil(k * order.length - 1e-9));
  const tr = top.filter((i) => treated[i] === 1),
    co = top.filter((i) => treated[i] === 0);
  const mean = (xs: number[]): number => xs.reduce((a, i) => a + y[i], 0) / xs.length;
  return top.length * (mean(tr) - mean(co)) - cost * top.length;
}

describe('synthetic campaign in the record', async () => {
  const ds: BenchDataset = await loadBenchDataset('synthetic', { customers: 900 });
  const p = ds.payload;
  const n = p.split.customers.length;

  it('the payload carries treatment and true uplift per cohort customer; campaign=0 carries none', async () => {
    const truth = generateSynthetic({ customers: 900 }).truth;
    expect(p.campaign).toBeDefined();
    expect(Array.from(p.campaign!.treated)).toEqual(Array.from(p.split.customers, (c) => truth.treated[c]));
    expect(Array.from(p.campaign!.uplift)).toEqual(Array.from(p.split.customers, (c) => truth.upliftValue[c]));
    const off = await loadBenchDataset('synthetic', { customers: 300, synth: { campaign: 0 } });
    expect(off.payload.campaign).toBeUndefined();
  });

  it('the sealed payload and the sealed task hold no campaign field and no campaign array', () => {
    const sealed = sealPayload(p);
    const task = sealedTask(sealed, sealedSplit(p.split, p.split.fold), 1);
    const forbidden = new Set<unknown>([p.campaign!.treated, p.campaign!.uplift, p.campaign, p.clusters]);
    const seen = new Set<unknown>();
    const walk = (value: unknown, path: string): void => {
      if (value === null || typeof value !== 'object' || seen.has(value)) return;
      seen.add(value);
      if (forbidden.has(value)) throw new Error(`${path} is a campaign (or cluster) array of the payload`);
      if (ArrayBuffer.isView(value)) return;
      for (const [k, v] of Object.entries(value)) {
        if (/campaign|treated|uplift|cluster/i.test(k))
          throw new Error(`${path}.${k}: a runner-only field reached the sealed side`);
        walk(v, `${path}.${k}`);
      }
    };
    walk(sealed, 'sealed');
    walk(task, 'task');
    expect(seen.size).toBeGreaterThan(10); // the walk went through the log, split and graph
  });

  it('Qini and incremental profit per policy equal a brute-force recomputation; contact cost from the train fold', () => {
    const view = testView(p);
    // Distinct scores (ties need no convention): a CLV "model" and a T-learner-like uplift.
    const clv = Float64Array.from({ length: n }, (_, r) => ((r * 7919) % 1009) + r / n);
    const tl = Float64Array.from(p.campaign!.uplift, (u, r) => u + ((r * 104729) % 97) / 10 + r / (10 * n));
    const cells = [{ model: 'clv-model', seed: 1, value: clv }];
    const out = campaignResults(
      p,
      cells,
      () => view,
      () => p.split.fold,
      'clv-model',
      null,
      0.33,
      new Map([[1, tl]]),
    );
    let sT = 0,
      nT = 0,
      sC = 0,
      nC = 0;
    for (let r = 0; r < n; r++) {
      if (p.split.fold[r] !== Fold.train) continue;
      if (p.campaign!.treated[r] === 1) {
        sT += p.split.score.target[r];
        nT++;
      } else {
        sC += p.split.score.target[r];
        nC++;
      }
    }
    const cost = Math.max(0, sT / nT - sC / nC);
    const treated = Array.from(view.rows, (r) => p.campaign!.treated[r]);
    const policies = { 'clv-best-baseline': clv, 't-learner': tl, 'oracle-uplift': p.campaign!.uplift };
    expect(out.rows.filter((r) => r.seed === 1).map((r) => r.policy)).toEqual([
      'clv-best-baseline',
      't-learner',
      'random',
      'oracle-uplift',
    ]);
    for (const [policy, full] of Object.entries(policies)) {
      const score = Array.from(view.rows, (r) => full[r] - r * 1e-9); // the oracle's zeros tie: break them by index, as the contact list does
      const row = out.rows.find((r) => r.policy === policy && r.seed === 1)!;
      expect(row.contactCost).toBeCloseTo(cost, 9);
      expect(row.n).toBe(view.rows.length);
      const q = bruteQini(score, treated, view.actual);
      if (policy !== 'oracle-uplift') {
        // the oracle's tie blocks of zeros are one Qini point each (decisions' convention)
        expect(row.qiniArea).toBeCloseTo(q.area, 6);
        expect(row.qini.value).toBeCloseTo(q.coefficient, 6);
      }
      DEFAULT_CAMPAIGN.ks.forEach((k, j) => {
        expect(row.profit[j].value).toBeCloseTo(bruteProfit(score, treated, view.actual, k, cost), 6);
        expect(row.profit[j].lower).toBeLessThan(row.profit[j].upper);
      });
      expect(row.qini.lower).toBeLessThan(row.qini.upper);
    }
    // Δ against CLV targeting: the difference of the point estimates.
    const row = (policy: string) => out.rows.find((r) => r.policy === policy && r.seed === 1)!;
    for (const seed of [1, 'mean'] as const) {
      const d = out.deltas.find((x) => x.policy === 't-learner' && x.metric === 'profit@0.2' && x.seed === seed)!;
      expect(d.difference).toBeCloseTo(row('t-learner').profit[1].value - row('clv-best-baseline').profit[1].value, 9);
      expect(d.seeds).toBe(1);
      expect(d.p).toBeGreaterThan(0);
      expect(d.p).toBeLessThanOrEqual(1);
    }
    // the oracle uplift's targeted customers truly respond more than the CLV list's
    expect(row('oracle-uplift').qini.value).toBeGreaterThan(row('clv-best-baseline').qini.value);
    expect(out.curves.filter((c) => c.policy === 't-learner')).toHaveLength(DEFAULT_CAMPAIGN.curvePoints);
    const csv = campaignCsv({ settings: DEFAULT_CAMPAIGN, ...out }).split('\n');
    expect(csv[0]).toContain('incremental_profit_10pct_lo');
    expect(csv).toHaveLength(out.rows.length + 2);
    // The report's table: a row per policy and seed plus the mean; Δ rows for every policy but the reference.
    const record = { metrics: { campaign: { settings: DEFAULT_CAMPAIGN, ...out } } } as unknown as BenchRecord;
    const table = campaignTable(record, 'synthetic')!;
    expect(table.rows.map((r) => r[1])).toEqual(Array.from({ length: 4 }, () => ['1', 'mean (bootstrap)']).flat());
    expect(table.rows[0][0]).toBe('CLV targeting (best baseline): clv-model');
    expect(table.deltaRows).toHaveLength(6);
    expect(table.deltaRows[0][3]).toMatch(/^[+-]\d/);
  });

  it('over two seeds the aggregate is the mean with a corrected resampled t interval', () => {
    const folds = [1, 2].map((s) => evaluationFolds(p.log.customerIds, p.split.customers, s));
    const clv = Float64Array.from({ length: n }, (_, r) => ((r * 7919) % 1009) + r / n);
    const cells = [1, 2].map((seed) => ({ model: 'm', seed, value: clv }));
    const out = campaignResults(
      p,
      cells,
      (s) => testView(p, folds[s - 1]),
      (s) => folds[s - 1],
      'm',
      null,
      0.33,
    );
    const perSeed = out.rows.filter((r) => r.policy === 'oracle-uplift' && r.seed !== 'mean');
    const mean = out.rows.find((r) => r.policy === 'oracle-uplift' && r.seed === 'mean')!;
    expect(perSeed).toHaveLength(2);
    expect(mean.interval).toBe('nadeau-bengio');
    expect(mean.qini.value).toBeCloseTo((perSeed[0].qini.value + perSeed[1].qini.value) / 2, 9);
    expect(mean.qini.lower).toBeLessThan(mean.qini.value);
    expect(out.rows.some((r) => r.policy === 't-learner')).toBe(false); // no fitted uplift passed
  });

  it("the T-learner is fitted through the sealed path: scrambling the test customers' labels changes nothing", async () => {
    const fold = p.split.fold;
    const fit = await fitCampaignUplift([recordDataset(ds)], () => [1], { synthetic: [fold] });
    const u = fit.get('synthetic')!.get(1)!;
    expect(u).toHaveLength(n);
    expect(u.every(Number.isFinite)).toBe(true);
    const target = Float64Array.from(p.split.score.target, (y, r) => (fold[r] === Fold.test ? 1000 - y : y));
    const window = { ...p.split.score, target };
    const scrambled: BenchDataset = { ...ds, payload: { ...p, split: { ...p.split, fit: window, score: window } } };
    const again = await fitCampaignUplift([recordDataset(scrambled)], () => [1], { synthetic: [fold] });
    expect(Array.from(again.get('synthetic')!.get(1)!)).toEqual(Array.from(u));
  });
});
