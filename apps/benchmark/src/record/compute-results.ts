// The statistics of a benchmark record (issue 10), from the chosen cells alone:
//   - metrics per dataset × model × seed on that seed's test customers (seed s re-draws the split);
//   - aggregate rows over seeds: with one seed the percentile bootstrap over test customers
//     (Efron & Tibshirani 1993 §13.3); with k ≥ 2 seeds the mean and the corrected resampled t
//     interval of Nadeau & Bengio (2003), which covers split and training variance and corrects
//     for overlapping training sets: var = (1/k + n_test/n_train)·s², t with k − 1 df;
//   - every choice on the VALID fold: the best baseline (best non-sequence model) and the primary
//     comparison (best sequence model vs best non-sequence model), fixed before any test score;
//   - paired differences on the same customers and seed (paired bootstrap), aggregated over seeds
//     by the same corrected t-test; the primary comparison is tested alone, every other
//     difference carries a Holm (1979) adjusted p-value;
//   - metrics per RFM segment and lifecycle stage (first seed).
// Deterministic given the cells, so metrics.csv is byte-identical after an interrupted run.
import { resolveOptions } from '@clvlab/core';
import type { BootstrapReplicates, MetricName, PairedDifference } from '@clvlab/metrics';
import {
  intervalsFromReplicates,
  correctedResampledT,
  decileMapeDeciles,
  DEFAULT_BOOTSTRAP,
  evaluate,
  holmAdjust,
  METRIC_NAMES,
  metricsBySegment,
  pairedFromReplicates,
  studentTTwoSidedP,
} from '@clvlab/metrics';
import { Fold } from '@clvlab/sessions';
import type { RecordDataset } from '../runner/record-dataset.ts';
import type { ModelFamily } from '../models/model-registry.ts';
import { replicatesOf, replicateTask } from './cell-replicates.ts';
import { embeddingResults, type EmbeddingRow } from './embedding-results.ts';
import {
  campaignResults,
  DEFAULT_CAMPAIGN,
  type CampaignDelta,
  type CampaignResults,
  type CampaignRow,
  type CampaignUplift,
  type QiniPoint,
} from './campaign-results.ts';
import { segmentTransitions, type SegmentTransitions } from './segment-labels.ts';
import {
  decisionResults,
  DEFAULT_DECISIONS,
  type DecisionResults,
  type DecisionSettings,
  type DecisionRow,
  type ProfitCurvePoint,
  type ProfitDeltaRow,
} from './decision-results.ts';
import type { BenchCell } from '../runner/run-bench.ts';
import { segmentLabels } from './segment-labels.ts';
import { validScore } from './select-trials.ts';
import { pickRows, testView, type TestView } from './test-view.ts';

export type MetricRecord = Record<MetricName, number>;

/** How an aggregate row's interval was computed (cluster-bootstrap: resampling the synthetic generator's communities). */
export type IntervalMethod = 'bootstrap' | 'cluster-bootstrap' | 'nadeau-bengio';

export interface MetricsRow {
  readonly dataset: string;
  readonly model: string;
  readonly family: ModelFamily;
  readonly sequence: boolean;
  /** A seed, or 'mean' for the aggregate row over seeds. */
  readonly seed: number | 'mean';
  readonly n: number;
  readonly metrics: MetricRecord;
  /** Deciles (of 10, by predicted value) with a positive actual mean, i.e. those decile MAPE averages (aggregate rows: the fewest over seeds). */
  readonly decileMapeDeciles: number;
  /** Aggregate rows only: 95% interval bounds and how they were computed. */
  readonly lower?: MetricRecord;
  readonly upper?: MetricRecord;
  readonly interval?: IntervalMethod;
}

export interface PairedRow {
  readonly dataset: string;
  readonly model: string;
  readonly baseline: string;
  readonly seed: number | 'mean';
  readonly metrics: Readonly<Record<MetricName, PairedDifference>>;
  /** Aggregate rows only: interval method, whether this is the dataset's primary comparison. */
  readonly interval?: IntervalMethod;
  readonly primary?: boolean;
  /**
   * Aggregate rows: Holm-adjusted p of Δ normalized Gini within each table the row appears in
   * (`comparisons`: every difference; `leaderboard`: each model vs the best baseline;
   * `sequence`: each sequence model vs its sequence-free twin and override vs plain twin).
   * The primary comparison is not adjusted (its p stands for all three).
   */
  readonly holm?: Readonly<Partial<Record<HolmFamily, number>>>;
  /** Aggregate rows: primary → p < alpha unadjusted; every other → Holm-adjusted (comparisons) p < alpha. */
  readonly significant?: boolean;
}

export interface SegmentRow {
  readonly dataset: string;
  readonly model: string;
  readonly seed: number;
  readonly segmentation: string;
  readonly segment: string;
  readonly n: number;
  readonly metrics: MetricRecord;
}

/** Valid-fold selection score of every chosen (dataset, model, seed) and every tuning trial. */
export interface SelectionRow {
  readonly dataset: string;
  readonly model: string;
  readonly seed: number;
  readonly trial: number;
  readonly config: Readonly<Record<string, unknown>>;
  /** Share of the train fold the trial trained on (< 1: successive-halving rung 0). */
  readonly train_fraction: number;
  readonly valid_normalized_gini: number;
  readonly chosen: boolean;
}

export interface PrimaryComparison {
  /** Best sequence model and best non-sequence model by mean valid-fold normalized Gini. */
  readonly sequence: string;
  readonly nonSequence: string;
  readonly validSequence: number;
  readonly validNonSequence: number;
}

export interface BenchResults {
  readonly bootstrap: typeof DEFAULT_BOOTSTRAP;
  readonly alpha: number;
  readonly rows: readonly MetricsRow[];
  /** Best non-sequence, non-oracle model per dataset, chosen on the valid fold. */
  readonly bestBaseline: Readonly<Record<string, string | null>>;
  readonly primary: Readonly<Record<string, PrimaryComparison | null>>;
  readonly selection: readonly SelectionRow[];
  readonly paired: readonly PairedRow[];
  readonly segments: readonly SegmentRow[];
  /** Profit at best k, budget capture, short vs long horizon, Δ profit vs the best baseline (decision-results.ts). */
  readonly decisions: DecisionResults;
  /** Linear probes and look-alike lift of the models' embeddings against RFM (embedding-results.ts). */
  readonly embeddings: readonly EmbeddingRow[];
  /** Lifecycle-stage and RFM-segment transitions, cutoff → end of holdout, first seed's train-fold tier cuts (segment-labels.ts). */
  readonly transitions: readonly SegmentTransitions[];
  /** Targeting policies on the synthetic campaign: Qini and incremental profit (campaign-results.ts; no rows without a campaign). */
  readonly campaign: CampaignResults;
}

/** The tables whose differences share one Holm correction. */
export type HolmFamily = 'comparisons' | 'leaderboard' | 'sequence';

/** Significance level of every test in the record. */
export const ALPHA = 0.05;

/**
 * The plain model a variant extends: overrides are dropped first ('transformer:useRfm=false' →
 * 'transformer'), else the last '+flag' ('gru+social+rfm' → 'gru+social'); null for a plain model.
 */
export function ablationTwin(model: string): string | null {
  const colon = model.indexOf(':');
  if (colon > 0) return model.slice(0, colon);
  const k = model.lastIndexOf('+');
  return k > 0 ? model.slice(0, k) : null;
}

/** The sequence-free counterpart of an encoder row: same '+flags' and overrides on `ziln-mlp` ('transformer+social' → 'ziln-mlp+social'). */
export function sequenceFreeTwin(model: string): string {
  const colon = model.indexOf(':');
  const name = colon > 0 ? model.slice(0, colon) : model;
  const plus = name.indexOf('+');
  return `ziln-mlp${plus > 0 ? name.slice(plus) : ''}`;
}

const asRecord = (v: Readonly<Record<MetricName, number>>): MetricRecord =>
  Object.fromEntries(METRIC_NAMES.map((m) => [m, v[m]])) as MetricRecord;

/** Degrees of freedom at which Student's t is the normal distribution to ~1e-8 (p of a z statistic). */
const NORMAL_DF = 1e8;

/** n_test / n_train of a fold vector (the Nadeau–Bengio correction's ratio). */
function testTrainRatio(fold: Uint8Array): number {
  let train = 0,
    test = 0;
  for (const f of fold) {
    if (f === Fold.train) train++;
    else if (f === Fold.test) test++;
  }
  return train > 0 ? test / train : Number.NaN;
}

function argmaxBy(names: readonly string[], score: (name: string) => number): string | null {
  let best: string | null = null;
  for (const n of names)
    if (best === null || score(n) > score(best) || (Number.isNaN(score(best)) && !Number.isNaN(score(n)))) best = n;
  return best;
}

/** Computes every table of the record from the datasets, their cells and the folds of each seed. */
export function computeResults(
  datasets: readonly RecordDataset[],
  allCells: readonly BenchCell[],
  folds: Readonly<Record<string, readonly Uint8Array[]>>,
  options: {
    readonly clusterBootstrap?: boolean;
    readonly decisions?: Partial<DecisionSettings>;
    readonly campaignUplift?: CampaignUplift;
    /** Progress lines (a 1M-customer record takes minutes): one per stage and dataset. */
    readonly log?: (line: string) => void;
    /** The chosen cells' bootstrap replicates, computed ahead (cell-replicates.ts, on worker threads); missing ones are computed here. */
    readonly replicates?: ReadonlyMap<BenchCell, BootstrapReplicates>;
  } = {},
): BenchResults {
  const t0 = performance.now();
  const progress = (ds: string, what: string): void =>
    options.log?.(`record: ${ds}: ${what} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  const decisionSettings = resolveOptions('benchmark/record: decisions', DEFAULT_DECISIONS, options.decisions ?? {});
  const rows: MetricsRow[] = [];
  const paired: PairedRow[] = [];
  const segments: SegmentRow[] = [];
  const selection: SelectionRow[] = [];
  const bestBaseline: Record<string, string | null> = {};
  const primary: Record<string, PrimaryComparison | null> = {};
  const decisionRows: DecisionRow[] = [],
    profitDeltas: ProfitDeltaRow[] = [],
    profitCurves: ProfitCurvePoint[] = [];
  const embeddings: EmbeddingRow[] = [];
  const transitions: SegmentTransitions[] = [];
  const campaignRows: CampaignRow[] = [],
    campaignDeltas: CampaignDelta[] = [],
    qiniCurves: QiniPoint[] = [];
  for (const ds of datasets) {
    const dsFolds = folds[ds.id];
    const views = new Map<number, TestView>();
    const viewOf = (seed: number): TestView => {
      let v = views.get(seed);
      if (!v) views.set(seed, (v = testView(ds.payload, dsFolds[seed - 1])));
      return v;
    };
    for (const c of allCells.filter((x) => x.dataset === ds.id)) {
      selection.push({
        dataset: ds.id,
        model: c.model.name,
        seed: c.seed,
        trial: c.trial,
        config: c.trialConfig,
        train_fraction: c.trainFraction,
        valid_normalized_gini: c.validScore ?? validScore(ds, dsFolds[c.seed - 1], c.stored.value),
        chosen: c.chosen,
      });
    }
    const mine = allCells.filter((c) => c.dataset === ds.id && c.chosen);
    const models = [...new Set(mine.map((c) => c.model.name))];
    const entryOf = (m: string) => mine.find((c) => c.model.name === m)!.model;
    const cellsOf = (m: string) => mine.filter((c) => c.model.name === m).sort((a, b) => a.seed - b.seed);
    const preds = (c: BenchCell) => {
      const v = viewOf(c.seed);
      return { predicted: pickRows(c.stored.value, v.rows), repurchaseScore: pickRows(c.stored.repurchase, v.rows) };
    };
    const ratio = testTrainRatio(dsFolds[0]);
    // Opt-in (`--cluster-bootstrap`): synthetic outcomes are correlated within the generator's
    // communities, so resample communities instead of customers (only 24 at the default size:
    // wide and rough intervals, hence not the default).
    const clusters = options.clusterBootstrap ? ds.payload.clusters : undefined;
    const oneSeed: IntervalMethod = clusters ? 'cluster-bootstrap' : 'bootstrap';
    // Each chosen cell's bootstrap replicates, computed once: resamples depend only on the seed's
    // test customers and the bootstrap options, so a pair's paired bootstrap is the difference of
    // the two models' replicates (metrics pairedFromReplicates) — the same numbers as running
    // pairedBootstrap per pair, at one model evaluation per resample and cell instead of two per pair.
    // A one-seed row's interval is the percentile interval of the same replicates (metrics
    // intervalsFromReplicates: the numbers of bootstrapIntervals, without evaluating every resample again).
    const replicates = new Map<BenchCell, BootstrapReplicates>();
    const replicatesFor = (c: BenchCell): BootstrapReplicates => {
      let r = replicates.get(c) ?? options.replicates?.get(c);
      if (!r) replicates.set(c, (r = replicatesOf(replicateTask(c, viewOf(c.seed), clusters))));
      return r;
    };
    progress(ds.id, `metrics and bootstrap replicates of ${models.length} models`);
    for (const model of models) {
      const cs = cellsOf(model);
      const { family, sequence } = entryOf(model);
      const deciles: number[] = [];
      const perSeed = cs.map((c) => {
        const v = viewOf(c.seed),
          p = preds(c);
        const m = asRecord(
          evaluate({
            actual: v.actual,
            predicted: p.predicted,
            repurchaseScore: p.repurchaseScore,
            actualRepurchase: v.actualRepurchase,
          }),
        );
        const k = decileMapeDeciles(v.actual, p.predicted);
        deciles.push(k);
        rows.push({
          dataset: ds.id,
          model,
          family,
          sequence,
          seed: c.seed,
          n: v.actual.length,
          metrics: m,
          decileMapeDeciles: k,
        });
        return m;
      });
      const lower = {} as MetricRecord,
        upper = {} as MetricRecord,
        mean = {} as MetricRecord;
      let interval: IntervalMethod;
      if (cs.length === 1) {
        const b = intervalsFromReplicates(replicatesFor(cs[0]));
        for (const m of METRIC_NAMES) {
          mean[m] = perSeed[0][m];
          lower[m] = b.metrics[m].lower;
          upper[m] = b.metrics[m].upper;
        }
        interval = oneSeed;
      } else {
        for (const m of METRIC_NAMES) {
          const values = perSeed.map((r) => r[m]);
          const finite = values.every(Number.isFinite);
          const t = finite ? correctedResampledT(values, { testTrainRatio: ratio }) : null;
          mean[m] = finite ? t!.mean : Number.NaN;
          lower[m] = t ? t.lower : Number.NaN;
          upper[m] = t ? t.upper : Number.NaN;
        }
        interval = 'nadeau-bengio';
      }
      rows.push({
        dataset: ds.id,
        model,
        family,
        sequence,
        seed: 'mean',
        n: Math.round(cs.reduce((a, c) => a + viewOf(c.seed).actual.length, 0) / cs.length),
        metrics: mean,
        decileMapeDeciles: Math.min(...deciles),
        lower,
        upper,
        interval,
      });
    }
    // Choices on the valid fold: mean over seeds of the chosen cells' valid normalized Gini.
    const validMean = new Map<string, number>();
    for (const model of models) {
      const s = selection.filter((r) => r.dataset === ds.id && r.model === model && r.chosen);
      validMean.set(model, s.reduce((a, r) => a + r.valid_normalized_gini, 0) / s.length);
    }
    // Candidates for the best baseline and references of the paired tables: the built-in
    // non-sequence models (a plugin or a predictions file is a challenger, never the baseline).
    const nonSequence = models.filter(
      (m) => !entryOf(m).sequence && !['oracle', 'plugin', 'external'].includes(entryOf(m).family),
    );
    const sequenceModels = models.filter((m) => entryOf(m).sequence);
    const best = argmaxBy(nonSequence, (m) => validMean.get(m)!);
    bestBaseline[ds.id] = best;
    const bestSeq = argmaxBy(sequenceModels, (m) => validMean.get(m)!);
    primary[ds.id] =
      best && bestSeq
        ? {
            sequence: bestSeq,
            nonSequence: best,
            validSequence: validMean.get(bestSeq)!,
            validNonSequence: validMean.get(best)!,
          }
        : null;
    progress(ds.id, 'paired differences');
    // Paired differences: every model against every non-sequence model (the best first) and
    // each variant against its plain twin ('transformer+social' vs 'transformer',
    // 'transformer:useRfm=false' vs 'transformer'); encoder − ziln-mlp is the sequence contribution.
    const references = (model: string): string[] => {
      const refs = [best, ...nonSequence].filter((b): b is string => b !== null && b !== model);
      const twin = ablationTwin(model);
      if (twin !== null && models.includes(twin)) refs.push(twin);
      return [...new Set(refs)];
    };
    const aggregates: PairedRow[] = [];
    for (const model of models) {
      for (const ref of references(model)) {
        const perSeed: PairedRow[] = [];
        for (const c of cellsOf(model)) {
          const b = mine.find((x) => x.model.name === ref && x.seed === c.seed);
          if (!b) continue;
          const r = pairedFromReplicates(replicatesFor(c), replicatesFor(b));
          const row: PairedRow = { dataset: ds.id, model, baseline: ref, seed: c.seed, metrics: r.metrics };
          perSeed.push(row);
          paired.push(row);
        }
        if (perSeed.length === 0) continue;
        const isPrimary = primary[ds.id]?.sequence === model && primary[ds.id]?.nonSequence === ref;
        if (perSeed.length === 1) {
          // One seed: the p of each difference from its bootstrap standard error (normal
          // approximation): percentile p-values cannot go below 2/(B + 1), which no Holm
          // correction over tens of tests could ever pass.
          const metrics = Object.fromEntries(
            METRIC_NAMES.map((m) => {
              const d = perSeed[0].metrics[m];
              return [
                m,
                {
                  ...d,
                  p: d.se > 0 ? studentTTwoSidedP(d.difference / d.se, NORMAL_DF) : d.difference === 0 ? 1 : Number.NaN,
                },
              ];
            }),
          ) as Record<MetricName, PairedDifference>;
          aggregates.push({ ...perSeed[0], metrics, seed: 'mean', interval: oneSeed, primary: isPrimary });
          continue;
        }
        const metrics = {} as Record<MetricName, PairedDifference>;
        for (const m of METRIC_NAMES) {
          const d = perSeed.map((r) => r.metrics[m].difference);
          const mean = (f: (x: PairedDifference) => number) =>
            perSeed.reduce((a, r) => a + f(r.metrics[m]), 0) / perSeed.length;
          const t = d.every(Number.isFinite) ? correctedResampledT(d, { testTrainRatio: ratio }) : null;
          metrics[m] = {
            a: mean((x) => x.a),
            b: mean((x) => x.b),
            difference: t ? t.mean : Number.NaN,
            lower: t ? t.lower : Number.NaN,
            upper: t ? t.upper : Number.NaN,
            se: t ? t.se : Number.NaN,
            valid: perSeed.length,
            significant: t ? t.lower > 0 || t.upper < 0 : false,
            p: t ? t.p : Number.NaN,
          };
        }
        aggregates.push({
          dataset: ds.id,
          model,
          baseline: ref,
          seed: 'mean',
          metrics,
          interval: 'nadeau-bengio',
          primary: isPrimary,
        });
      }
    }
    // The primary comparison is one pre-registered test; every other one shares a Holm
    // correction with the rest of each table it appears in.
    const families: Record<HolmFamily, (r: PairedRow) => boolean> = {
      comparisons: () => true,
      leaderboard: (r) => r.baseline === best,
      sequence: (r) =>
        entryOf(r.model).sequence &&
        (r.baseline === sequenceFreeTwin(r.model) || (r.model.includes(':') && r.baseline === ablationTwin(r.model))),
    };
    const holm = new Map<PairedRow, Partial<Record<HolmFamily, number>>>(aggregates.map((r) => [r, {}]));
    for (const [family, member] of Object.entries(families) as [HolmFamily, (r: PairedRow) => boolean][]) {
      const rows = aggregates.filter((r) => !r.primary && member(r));
      const adjusted = holmAdjust(rows.map((r) => r.metrics.normalized_gini.p));
      rows.forEach((r, i) => {
        holm.get(r)![family] = adjusted[i];
      });
    }
    for (const r of aggregates) {
      const p = r.metrics.normalized_gini.p;
      const h = holm.get(r)!;
      if (r.primary) for (const f of Object.keys(families) as HolmFamily[]) if (families[f](r)) h[f] = p;
      paired.push({ ...r, holm: h, significant: (r.primary ? p : h.comparisons!) < ALPHA });
    }
    progress(ds.id, 'decisions, campaign, transitions, embeddings');
    const d = decisionResults(
      ds.payload,
      mine.map((c) => ({ model: c.model.name, seed: c.seed, value: c.stored.value })),
      viewOf,
      (seed) => dsFolds[seed - 1],
      best,
      ratio,
      decisionSettings,
    );
    decisionRows.push(...d.rows);
    profitDeltas.push(...d.deltas);
    profitCurves.push(...d.curves);
    const cr = campaignResults(
      ds.payload,
      mine.map((c) => ({ model: c.model.name, seed: c.seed, value: c.stored.value })),
      viewOf,
      (seed) => dsFolds[seed - 1],
      best,
      bestSeq,
      ratio,
      options.campaignUplift?.get(ds.id),
    );
    campaignRows.push(...cr.rows);
    campaignDeltas.push(...cr.deltas);
    qiniCurves.push(...cr.curves);
    transitions.push(segmentTransitions(ds.payload, dsFolds[0]));
    embeddings.push(
      ...embeddingResults(
        ds.payload,
        mine.map((c) => ({ model: c.model.name, seed: c.seed, embedding: c.stored.embedding })),
        (seed) => dsFolds[seed - 1],
      ),
    );
    progress(ds.id, 'per-segment metrics');
    // Per-segment metrics on the first seed of each model.
    const first = Math.min(...mine.map((c) => c.seed));
    for (const seg of segmentLabels(ds.payload, viewOf(first).rows, dsFolds[first - 1])) {
      const v = viewOf(first);
      for (const model of models) {
        const c = cellsOf(model).find((x) => x.seed === first);
        if (!c) continue;
        const p = preds(c);
        for (const s of metricsBySegment(seg.labels, {
          actual: v.actual,
          predicted: p.predicted,
          repurchaseScore: p.repurchaseScore,
          actualRepurchase: v.actualRepurchase,
        })) {
          segments.push({
            dataset: ds.id,
            model,
            seed: c.seed,
            segmentation: seg.name,
            segment: String(s.segment),
            n: s.n,
            metrics: asRecord(s.metrics),
          });
        }
      }
    }
  }
  const decisions: DecisionResults = {
    settings: decisionSettings,
    rows: decisionRows,
    deltas: profitDeltas,
    curves: profitCurves,
  };
  return {
    bootstrap: DEFAULT_BOOTSTRAP,
    alpha: ALPHA,
    rows,
    bestBaseline,
    primary,
    selection,
    paired,
    segments,
    decisions,
    embeddings,
    transitions,
    campaign: { settings: DEFAULT_CAMPAIGN, rows: campaignRows, deltas: campaignDeltas, curves: qiniCurves },
  };
}
