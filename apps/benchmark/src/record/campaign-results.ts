// The synthetic campaign in the record (issue 14 §3): the generator ran a randomized campaign at
// the cutoff (packages/synth campaign.ts), so on each seed's test customers targeting policies
// can be compared on what they cause, not only on whom they rank high:
//   - CLV targeting: the best baseline's predicted value, and the best sequence model's (both the
//     record's choices on the valid fold);
//   - T-learner uplift (Künzel et al. 2019): gbdt fitted on the treated train customers and on
//     the control train customers (each early-stopped on its own arm's valid customers) through
//     the sealed path (no holdout event, no test label), uplift = prediction treated − control;
//   - random (seeded), and the oracle uplift (the generator's true incremental value).
// Outcome: the observed holdout value. Per policy and seed: the Qini curve of decisions' qiniCurve
// (area and coefficient = area − random area) and decisions' incrementalProfit at k = 10%, 20%,
// 30%, with 95% percentile bootstrap intervals over test customers (`resamples` resamples, seeded
// by the run seed); every policy's Δ against CLV targeting by the best baseline on the same
// resamples (paired). Over ≥ 2 seeds: the mean and the Nadeau–Bengio corrected resampled t, as
// every aggregate of the record. The cost of a contact is the campaign's break-even cost: the
// train fold's treated − control difference in mean holdout value (treating everyone then earns
// ~0, and a policy profits by finding customers who respond more than average); train labels
// only, as decision-results.ts sets its contact cost.
// Runner-only: the treatment flags and true uplift never reach a model (sealed-task.ts keeps them
// out of the sealed payload). The T-learner fits are async (a BenchModel runs async), so the
// record writer fits them first (fitCampaignUplift) and computeResults takes them in.
import { createRng } from '@clvlab/core';
import { incrementalProfit, qiniCurve } from '@clvlab/decisions';
import { createBaselineModel } from '@clvlab/baselines';
import { correctedResampledT } from '@clvlab/metrics';
import { Fold } from '@clvlab/sessions';
import type { RecordDataset } from '../runner/record-dataset.ts';
import type { RecordPayload } from '../runner/cell-protocol.ts';
import { HELD_OUT, sealedSplit, sealedTask } from '../runner/sealed-task.ts';
import { csvText } from './csv-format.ts';
import { pickRows, type TestView } from './test-view.ts';

export const DEFAULT_CAMPAIGN = Object.freeze({
  /** Shares of the test customers treated, top by each policy's score. */
  ks: Object.freeze([0.1, 0.2, 0.3]) as readonly number[],
  /** Value is margin already (as DEFAULT_DECISIONS.margin). */
  margin: 1,
  /** Bootstrap resamples of the test customers per seed (as DEFAULT_DECISIONS.resamples). */
  resamples: 200,
  /** The T-learner's outcome model: a cheap, strong baseline fitted in process. */
  tLearnerModel: 'gbdt' as const,
  /** Points of the first seed's Qini curve kept for the chart (fraction 0, 0.02, …, 1). */
  curvePoints: 51,
});
export type CampaignSettings = typeof DEFAULT_CAMPAIGN;

/** The policies, in report order. */
export const CAMPAIGN_POLICIES = [
  'clv-best-baseline',
  'clv-best-sequence',
  't-learner',
  'random',
  'oracle-uplift',
] as const;
export type CampaignPolicy = (typeof CAMPAIGN_POLICIES)[number];

/** A value with its 95% interval (bootstrap with one seed, corrected t over seeds). */
export interface Estimate {
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
}

export interface CampaignRow {
  readonly dataset: string;
  readonly policy: CampaignPolicy;
  /** The model whose scores the policy ranks by (CLV: the chosen model; T-learner: its outcome model). */
  readonly model: string | null;
  readonly seed: number | 'mean';
  readonly n: number;
  readonly treated: number;
  readonly contactCost: number;
  readonly qiniArea: number;
  readonly qini: Estimate;
  /** Incremental profit at each of settings.ks, in that order. */
  readonly profit: readonly Estimate[];
  readonly interval: 'bootstrap' | 'nadeau-bengio';
}

/** A policy minus CLV targeting by the best baseline, on the same customers (per seed: paired bootstrap; 'mean': corrected t over seeds). */
export interface CampaignDelta {
  readonly dataset: string;
  readonly policy: CampaignPolicy;
  readonly against: 'clv-best-baseline';
  /** 'qini' or 'profit@<k>'. */
  readonly metric: string;
  readonly seed: number | 'mean';
  readonly difference: number;
  readonly lower: number;
  readonly upper: number;
  readonly p: number;
  readonly seeds: number;
}

export interface QiniPoint {
  readonly dataset: string;
  readonly policy: CampaignPolicy;
  readonly fraction: number;
  readonly qini: number;
}

export interface CampaignResults {
  readonly settings: CampaignSettings;
  readonly rows: readonly CampaignRow[];
  readonly deltas: readonly CampaignDelta[];
  /** First seed's Qini curve per policy at settings.curvePoints fractions. */
  readonly curves: readonly QiniPoint[];
}

/** T-learner uplift per cohort customer, by dataset id and run seed. */
export type CampaignUplift = ReadonlyMap<string, ReadonlyMap<number, Float64Array>>;

/** True when the record can evaluate the campaign on this payload (synthetic truth, cross-sectional split: the fit window's labels are the campaign's holdout). */
export function hasCampaign(payload: RecordPayload): boolean {
  return payload.campaign !== undefined && payload.split.fit === payload.split.score;
}

/** Fits the T-learner of each dataset with a campaign, for each of its seeds (folds[id][seed − 1]), through the sealed path. */
export async function fitCampaignUplift(
  datasets: readonly RecordDataset[],
  seedsOf: (dataset: string) => readonly number[],
  folds: Readonly<Record<string, readonly Uint8Array[]>>,
  settings: CampaignSettings = DEFAULT_CAMPAIGN,
): Promise<CampaignUplift> {
  const out = new Map<string, Map<number, Float64Array>>();
  for (const ds of datasets) {
    if (!hasCampaign(ds.payload)) continue;
    const { treated } = ds.payload.campaign!;
    const sealed = ds.sealed; // the cells' sealed payload (record-dataset.ts): no second copy
    const bySeed = new Map<number, Float64Array>();
    for (const seed of seedsOf(ds.id)) {
      const fold = folds[ds.id][seed - 1];
      const arm = async (flag: number): Promise<Float64Array> => {
        // Train and valid customers of the other arm are left out; the test fold stays sealed.
        const armFold = Uint8Array.from(fold, (f, r) => (f === Fold.test || treated[r] === flag ? f : HELD_OUT));
        const model = createBaselineModel(settings.tLearnerModel);
        const output = await model.run(sealedTask(sealed, sealedSplit(ds.payload.split, armFold), seed));
        return Float64Array.from(output.value);
      };
      const t = await arm(1),
        c = await arm(0);
      bySeed.set(
        seed,
        t.map((v, r) => v - c[r]),
      );
    }
    out.set(ds.id, bySeed);
  }
  return out;
}

/** What campaignResults needs of one model's chosen cell of one seed. */
export interface CampaignCell {
  readonly model: string;
  readonly seed: number;
  readonly value: ArrayLike<number>;
}

/** Resample draws of the bootstrap: `resamples` × n indices into the test customers. */
function resampleIndices(n: number, resamples: number, seed: number): Int32Array[] {
  const rng = createRng(seed, 0xca);
  return Array.from({ length: resamples }, () => Int32Array.from({ length: n }, () => rng.int(n)));
}

/** numpy's default ("linear") quantile of ascending `xs`. */
function quantile(xs: Float64Array, q: number): number {
  const h = (xs.length - 1) * q,
    lo = Math.floor(h);
  return lo + 1 < xs.length ? xs[lo] + (h - lo) * (xs[lo + 1] - xs[lo]) : xs[lo];
}

/**
 * Percentile interval of the finite replicates around `value`, and the two-sided bootstrap p of
 * "= 0" with the +1 convention (as decisions' paired profit bootstrap): p = min(1, 2·(1 +
 * min(#{x* ≤ 0}, #{x* ≥ 0})) / (1 + B)).
 */
function summarize(value: number, replicates: readonly number[]): Estimate & { readonly p: number } {
  const xs = Float64Array.from(replicates.filter(Number.isFinite)).sort();
  if (xs.length < 2) return { value, lower: NaN, upper: NaN, p: NaN };
  let below = 0,
    above = 0;
  for (const x of xs) {
    if (x <= 0) below++;
    if (x >= 0) above++;
  }
  return {
    value,
    lower: quantile(xs, 0.025),
    upper: quantile(xs, 0.975),
    p: Math.min(1, (2 * (1 + Math.min(below, above))) / (1 + xs.length)),
  };
}

/** Qini coefficient and incremental profit at each k of one policy's scores on (a resample of) the test customers. */
function policyMetrics(
  score: Float64Array,
  treated: Uint8Array,
  outcome: Float64Array,
  cost: number,
  settings: CampaignSettings,
): { area: number; qini: number; profit: number[] } {
  const q = qiniCurve(score, treated, outcome);
  const profit = settings.ks.map(
    (k) => incrementalProfit(score, treated, outcome, { k, margin: settings.margin, contactCost: cost }).profit,
  );
  return { area: q.area, qini: q.coefficient, profit };
}

/** Q at `fraction` by linear interpolation of a Qini curve. */
function qiniAt(fraction: Float64Array, qini: Float64Array, x: number): number {
  let j = 1;
  while (j < fraction.length - 1 && fraction[j] < x) j++;
  const x0 = fraction[j - 1],
    x1 = fraction[j];
  return x1 > x0 ? qini[j - 1] + ((x - x0) / (x1 - x0)) * (qini[j] - qini[j - 1]) : qini[j];
}

/**
 * The campaign tables of one dataset (see header). `best` and `bestSequence` are the record's
 * choices on the valid fold; `uplift` the T-learner's predictions per seed (absent: no T-learner
 * row). Empty when the payload has no campaign.
 */
export function campaignResults(
  payload: RecordPayload,
  cells: readonly CampaignCell[],
  viewOf: (seed: number) => TestView,
  foldOf: (seed: number) => Uint8Array,
  best: string | null,
  bestSequence: string | null,
  testTrainRatio: number,
  uplift?: ReadonlyMap<number, Float64Array>,
  settings: CampaignSettings = DEFAULT_CAMPAIGN,
): Omit<CampaignResults, 'settings'> {
  const rows: CampaignRow[] = [],
    deltas: CampaignDelta[] = [],
    curves: QiniPoint[] = [];
  if (!hasCampaign(payload)) return { rows, deltas, curves };
  const campaign = payload.campaign!;
  const seeds = [...new Set(cells.map((c) => c.seed))].sort((a, b) => a - b);
  const metricNames = ['qini', ...settings.ks.map((k) => `profit@${k}`)];
  const perSeed = new Map<CampaignPolicy, CampaignRow[]>();
  const perSeedDelta = new Map<string, { difference: number; lower: number; upper: number; p: number }[]>();
  for (const seed of seeds) {
    const v = viewOf(seed),
      fold = foldOf(seed);
    const n = v.rows.length;
    const treated = Uint8Array.from(v.rows, (r) => campaign.treated[r]);
    // Break-even contact cost from the train fold: mean holdout value treated − control.
    let sT = 0,
      nT = 0,
      sC = 0,
      nC = 0;
    for (let r = 0; r < fold.length; r++) {
      if (fold[r] !== Fold.train) continue;
      if (campaign.treated[r] === 1) {
        sT += payload.split.score.target[r];
        nT++;
      } else {
        sC += payload.split.score.target[r];
        nC++;
      }
    }
    const cost = nT > 0 && nC > 0 ? Math.max(0, sT / nT - sC / nC) : 0;
    const cellOf = (model: string | null) =>
      model === null ? undefined : cells.find((c) => c.model === model && c.seed === seed);
    const scores = new Map<CampaignPolicy, { model: string | null; score: Float64Array }>();
    const clv = cellOf(best),
      seq = cellOf(bestSequence);
    if (clv) scores.set('clv-best-baseline', { model: best, score: pickRows(clv.value, v.rows) });
    if (seq) scores.set('clv-best-sequence', { model: bestSequence, score: pickRows(seq.value, v.rows) });
    const t = uplift?.get(seed);
    if (t) scores.set('t-learner', { model: settings.tLearnerModel, score: pickRows(t, v.rows) });
    const rng = createRng(seed, 0x5eed);
    scores.set('random', { model: null, score: Float64Array.from({ length: n }, () => rng.next()) });
    scores.set('oracle-uplift', { model: null, score: pickRows(campaign.uplift, v.rows) });
    const policies = CAMPAIGN_POLICIES.filter((p) => scores.has(p));
    const point = new Map(
      policies.map((p) => [p, policyMetrics(scores.get(p)!.score, treated, v.actual, cost, settings)]),
    );
    // Bootstrap: the same resamples for every policy (paired differences).
    const reps = new Map(policies.map((p) => [p, [] as number[][]]));
    for (const idx of resampleIndices(n, settings.resamples, seed)) {
      const tr = Uint8Array.from(idx, (i) => treated[i]),
        y = Float64Array.from(idx, (i) => v.actual[i]);
      if (tr.every((x) => x === tr[0])) continue; // a resample without one of the arms has no Qini
      for (const p of policies) {
        const s = scores.get(p)!.score,
          m = policyMetrics(
            Float64Array.from(idx, (i) => s[i]),
            tr,
            y,
            cost,
            settings,
          );
        reps.get(p)!.push([m.qini, ...m.profit]);
      }
    }
    const ref = reps.get('clv-best-baseline');
    for (const p of policies) {
      const m = point.get(p)!,
        r = reps.get(p)!;
      const values = [m.qini, ...m.profit];
      const est = values.map((x, j) =>
        summarize(
          x,
          r.map((row) => row[j]),
        ),
      );
      const row: CampaignRow = {
        dataset: payload.id,
        policy: p,
        model: scores.get(p)!.model,
        seed,
        n,
        treated: treated.reduce((a, b) => a + b, 0),
        contactCost: cost,
        qiniArea: m.area,
        qini: strip(est[0]),
        profit: est.slice(1).map(strip),
        interval: 'bootstrap',
      };
      rows.push(row);
      perSeed.set(p, [...(perSeed.get(p) ?? []), row]);
      if (seed === seeds[0]) {
        const q = qiniCurve(scores.get(p)!.score, treated, v.actual);
        for (let j = 0; j < settings.curvePoints; j++) {
          const x = j / (settings.curvePoints - 1);
          curves.push({ dataset: payload.id, policy: p, fraction: x, qini: qiniAt(q.fraction, q.qini, x) });
        }
      }
      if (!ref || p === 'clv-best-baseline') continue;
      const base = point.get('clv-best-baseline')!,
        baseValues = [base.qini, ...base.profit];
      metricNames.forEach((metric, j) => {
        const d = summarize(
          values[j] - baseValues[j],
          r.map((row, k) => row[j] - ref[k][j]),
        );
        const key = `${p}\u0000${metric}`;
        perSeedDelta.set(key, [
          ...(perSeedDelta.get(key) ?? []),
          { difference: d.value, lower: d.lower, upper: d.upper, p: d.p },
        ]);
        deltas.push({
          dataset: payload.id,
          policy: p,
          against: 'clv-best-baseline',
          metric,
          seed,
          difference: d.value,
          lower: d.lower,
          upper: d.upper,
          p: d.p,
          seeds: 1,
        });
      });
    }
  }
  // Aggregates: one seed keeps its bootstrap interval; ≥ 2 seeds the corrected resampled t.
  const overSeeds = (values: number[], one: Estimate & { p?: number }): Estimate & { p: number } => {
    if (values.length === 1) return { value: one.value, lower: one.lower, upper: one.upper, p: one.p ?? NaN };
    if (!values.every(Number.isFinite)) return { value: NaN, lower: NaN, upper: NaN, p: NaN };
    const t = correctedResampledT(values, { testTrainRatio });
    return { value: t.mean, lower: t.lower, upper: t.upper, p: t.p };
  };
  for (const p of CAMPAIGN_POLICIES) {
    const rs = perSeed.get(p);
    if (!rs) continue;
    const mean = (f: (r: CampaignRow) => number) => rs.reduce((a, r) => a + f(r), 0) / rs.length;
    rows.push({
      dataset: payload.id,
      policy: p,
      model: rs[0].model,
      seed: 'mean',
      n: Math.round(mean((r) => r.n)),
      treated: Math.round(mean((r) => r.treated)),
      contactCost: mean((r) => r.contactCost),
      qiniArea: mean((r) => r.qiniArea),
      qini: strip(
        overSeeds(
          rs.map((r) => r.qini.value),
          rs[0].qini,
        ),
      ),
      profit: settings.ks.map((_, j) =>
        strip(
          overSeeds(
            rs.map((r) => r.profit[j].value),
            rs[0].profit[j],
          ),
        ),
      ),
      interval: rs.length === 1 ? 'bootstrap' : 'nadeau-bengio',
    });
  }
  for (const [key, ds] of perSeedDelta) {
    const [policy, metric] = key.split('\u0000') as [CampaignPolicy, string];
    const a = overSeeds(
      ds.map((d) => d.difference),
      { value: ds[0].difference, lower: ds[0].lower, upper: ds[0].upper, p: ds[0].p },
    );
    deltas.push({
      dataset: payload.id,
      policy,
      against: 'clv-best-baseline',
      metric,
      seed: 'mean',
      difference: a.value,
      lower: a.lower,
      upper: a.upper,
      p: a.p,
      seeds: ds.length,
    });
  }
  return { rows, deltas, curves };
}

const strip = (e: Estimate): Estimate => ({ value: e.value, lower: e.lower, upper: e.upper });

const pct = (k: number): string => `${Math.round(k * 100)}pct`;

/** campaign.csv: one row per (dataset, policy, seed) plus the aggregate ('mean'); NaN is an empty field. */
export function campaignCsv(results: CampaignResults): string {
  const ks = results.settings.ks;
  const header = [
    'dataset',
    'policy',
    'model',
    'seed',
    'n',
    'treated',
    'contact_cost',
    'qini_area',
    'qini_coefficient',
    'qini_coefficient_lo',
    'qini_coefficient_hi',
    ...ks.flatMap((k) => [
      `incremental_profit_${pct(k)}`,
      `incremental_profit_${pct(k)}_lo`,
      `incremental_profit_${pct(k)}_hi`,
    ]),
    'interval',
  ];
  return csvText(
    header,
    results.rows.map((r) => [
      r.dataset,
      r.policy,
      r.model,
      r.seed,
      r.n,
      r.treated,
      r.contactCost,
      r.qiniArea,
      r.qini.value,
      r.qini.lower,
      r.qini.upper,
      ...r.profit.flatMap((e) => [e.value, e.lower, e.upper]),
      r.interval,
    ]),
  );
}
