// The statistics of a benchmark record (DESIGN §5, issue 6 §4), from the cells alone:
// metrics per dataset × model × seed on the test customers; aggregate rows over seeds with
// seeded 95% bootstrap intervals; paired bootstrap differences of every model against the
// best baseline (by mean normalized Gini), against every other baseline and of each `+flag`
// variant against its plain twin, on the same customers and seed; metrics per RFM
// segment and lifecycle stage. Everything here is deterministic given the cells, which is
// what makes metrics.csv byte-identical between an interrupted and an uninterrupted run.
import type { MetricName, PairedDifference } from '@clvlab/metrics';
import { DEFAULT_BOOTSTRAP, evaluate, METRIC_NAMES, metricsBySegment, pairedBootstrap } from '@clvlab/metrics';
import type { BenchDataset } from '../datasets/load-bench-dataset.ts';
import type { ModelFamily } from '../models/model-registry.ts';
import type { BenchCell } from '../runner/run-bench.ts';
import { seedIntervals } from './seed-intervals.ts';
import { segmentLabels } from './segment-labels.ts';
import { pickRows, testView, type TestView } from './test-view.ts';

export type MetricRecord = Record<MetricName, number>;

export interface MetricsRow {
  readonly dataset: string;
  readonly model: string;
  readonly family: ModelFamily;
  /** A seed, or 'mean' for the aggregate row over seeds. */
  readonly seed: number | 'mean';
  readonly n: number;
  readonly metrics: MetricRecord;
  /** Aggregate rows only: 95% interval bounds. */
  readonly lower?: MetricRecord;
  readonly upper?: MetricRecord;
}

export interface PairedRow {
  readonly dataset: string;
  readonly model: string;
  readonly baseline: string;
  readonly seed: number;
  readonly metrics: Readonly<Record<MetricName, PairedDifference>>;
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

export interface BenchResults {
  readonly bootstrap: typeof DEFAULT_BOOTSTRAP;
  readonly rows: readonly MetricsRow[];
  readonly bestBaseline: Readonly<Record<string, string | null>>;
  readonly paired: readonly PairedRow[];
  readonly segments: readonly SegmentRow[];
}

/** The plain model an ablation variant extends ('gru+social+rfm' → 'gru+social'), or null. */
export function ablationTwin(model: string): string | null {
  const k = model.lastIndexOf('+');
  return k > 0 ? model.slice(0, k) : null;
}

const asRecord = (v: Readonly<Record<MetricName, number>>): MetricRecord => Object.fromEntries(METRIC_NAMES.map((m) => [m, v[m]])) as MetricRecord;

/** Computes every table of the record from the datasets and their cells. */
export function computeResults(datasets: readonly BenchDataset[], cells: readonly BenchCell[]): BenchResults {
  const rows: MetricsRow[] = [];
  const paired: PairedRow[] = [];
  const segments: SegmentRow[] = [];
  const bestBaseline: Record<string, string | null> = {};
  for (const ds of datasets) {
    const view: TestView = testView(ds.payload);
    const mine = cells.filter((c) => c.dataset === ds.id);
    const models = [...new Set(mine.map((c) => c.model.name))];
    const preds = (c: BenchCell) => ({ predicted: pickRows(c.stored.value, view.rows), repurchaseScore: pickRows(c.stored.repurchase, view.rows) });
    const means = new Map<string, MetricRecord>();
    for (const model of models) {
      const cs = mine.filter((c) => c.model.name === model).sort((a, b) => a.seed - b.seed);
      const family = cs[0].model.family;
      const p = cs.map(preds);
      cs.forEach((c, i) => {
        const v = evaluate({ actual: view.actual, predicted: p[i].predicted, repurchaseScore: p[i].repurchaseScore, actualRepurchase: view.actualRepurchase });
        rows.push({ dataset: ds.id, model, family, seed: c.seed, n: view.actual.length, metrics: asRecord(v) });
      });
      const agg = seedIntervals(view.actual, view.actualRepurchase, p);
      means.set(model, asRecord(agg.mean));
      rows.push({ dataset: ds.id, model, family, seed: 'mean', n: view.actual.length, metrics: asRecord(agg.mean), lower: asRecord(agg.lower), upper: asRecord(agg.upper) });
    }
    // Best baseline: highest mean normalized Gini among baseline-family models (ties: first listed).
    let best: string | null = null;
    for (const model of models) {
      const fam = mine.find((c) => c.model.name === model)!.model.family;
      if (fam !== 'baseline') continue;
      if (best === null || means.get(model)!.normalized_gini > means.get(best)!.normalized_gini) best = model;
    }
    bestBaseline[ds.id] = best;
    // Paired differences on the same customers and seed: every model against every baseline
    // (the best one first: the leaderboard reads it) and each ablation variant against its
    // twin ('transformer+social' vs 'transformer', 'rfm-linear+social' vs 'rfm-linear').
    const baselines = models.filter((m) => mine.find((c) => c.model.name === m)!.model.family === 'baseline');
    const references = (model: string): string[] => {
      const refs = [best, ...baselines].filter((b): b is string => b !== null && b !== model);
      const twin = ablationTwin(model);
      if (twin !== null && models.includes(twin)) refs.push(twin);
      return [...new Set(refs)];
    };
    for (const model of models) {
      for (const ref of references(model)) {
        for (const c of mine.filter((x) => x.model.name === model).sort((a, b) => a.seed - b.seed)) {
          const b = mine.find((x) => x.model.name === ref && x.seed === c.seed);
          if (!b) continue;
          const pa = preds(c), pb = preds(b);
          const r = pairedBootstrap(view.actual, pa.predicted, pb.predicted, {
            actualRepurchase: view.actualRepurchase, repurchaseScoreA: pa.repurchaseScore, repurchaseScoreB: pb.repurchaseScore,
          });
          paired.push({ dataset: ds.id, model, baseline: ref, seed: c.seed, metrics: r.metrics });
        }
      }
    }
    // Per-segment metrics on the first seed of each model.
    for (const seg of segmentLabels(ds.payload, view.rows)) {
      for (const model of models) {
        const c = mine.filter((x) => x.model.name === model).sort((a, b) => a.seed - b.seed)[0];
        const p = preds(c);
        for (const s of metricsBySegment(seg.labels, { actual: view.actual, predicted: p.predicted, repurchaseScore: p.repurchaseScore, actualRepurchase: view.actualRepurchase })) {
          segments.push({ dataset: ds.id, model, seed: c.seed, segmentation: seg.name, segment: String(s.segment), n: s.n, metrics: asRecord(s.metrics) });
        }
      }
    }
  }
  return { bootstrap: DEFAULT_BOOTSTRAP, rows, bestBaseline, paired, segments };
}
