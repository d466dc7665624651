// Everything the page shows after the row accounting, from an EventLog and a calibration
// cutoff, with the same packages the benchmark uses: the BTYD summary (weeks) and RFM
// segments from @clvlab/features, BG/NBD + Gamma-Gamma with P(alive), conditional expected
// purchases and expected spend from @clvlab/baselines, the gain / Lorenz curve and the
// normalized Gini from @clvlab/metrics. Pure: runs in the page's worker and in Node tests.
import {
  conditionalExpectedPurchases,
  expectedAverageSpend,
  fitBgNbd,
  fitGammaGamma,
  probabilityAlive,
} from '@clvlab/baselines';
import type { BgNbdParams, GammaGammaParams } from '@clvlab/baselines';
import { customerOffsets } from '@clvlab/events';
import type { EventLog } from '@clvlab/events';
import { btydSummary, RFM_SEGMENTS, rfmColumns, rfmSegment, rfmTiers } from '@clvlab/features';
import type { RfmSegmentName } from '@clvlab/features';
import { gainCurve, normalizedGini } from '@clvlab/metrics';
import { holdoutValue } from './holdout-value.ts';

const WEEK_MS = 7 * 86_400_000;
/** Points of the gain curve (customer shares 0, 1%, …, 100%). */
const CURVE_POINTS = 101;

export interface AnalysisOptions {
  /** Epoch ms, exclusive end of calibration. */
  readonly cutoff: number;
  /** Prediction horizon in weeks (also the holdout window the gain curve scores). */
  readonly horizonWeeks: number;
  /** Called before each stage, for the page's status line. */
  readonly step?: (message: string) => void;
}

export interface ParameterFit<P> {
  readonly params: P;
  readonly stdErrors: P;
  readonly logLikelihood: number;
  readonly nCustomers: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly ms: number;
}

export interface SpendFit extends ParameterFit<GammaGammaParams> {
  readonly excluded: Readonly<{ noRepeatPurchases: number; nonPositiveSpend: number }>;
}

export interface SegmentRow {
  readonly segment: RfmSegmentName;
  readonly customers: number;
  readonly meanPAlive: number;
  readonly expectedPurchases: number;
}

/** Per cohort customer (row r = customer ids[r]), in weeks. */
export interface Scores {
  readonly ids: readonly string[];
  readonly frequency: Int32Array;
  readonly recency: Float64Array;
  readonly T: Float64Array;
  readonly pAlive: Float64Array;
  readonly expected: Float64Array;
  /** Gamma-Gamma expected spend per purchase; NaN when there is no spend fit. */
  readonly spend: Float64Array;
  /** Actual value in [cutoff, cutoff + horizon). */
  readonly actual: Float64Array;
}

export interface CurveSummary {
  /** 'holdout': the model's ranking of actual holdout value; 'calibration': the Lorenz curve of value before the cutoff (no holdout value). */
  readonly kind: 'holdout' | 'calibration';
  readonly customerShare: number[];
  /** Lorenz curve: customers ranked by the value itself. */
  readonly lorenz: number[];
  /** Customers ranked by predicted value (holdout only). */
  readonly model?: number[];
  readonly gini?: number;
  /** Weeks of data after the cutoff inside the horizon (less than the horizon when the data ends first). */
  readonly holdoutWeeks: number;
  readonly totalValue: number;
}

export interface Analysis {
  readonly cutoff: number;
  readonly horizonWeeks: number;
  readonly cohort: number;
  readonly bgnbd: ParameterFit<BgNbdParams>;
  readonly gammaGamma: SpendFit | { readonly error: string };
  readonly segments: readonly SegmentRow[];
  readonly curve: CurveSummary;
  /** Rows of `scores` with the highest expected purchases (20, descending). */
  readonly top: readonly number[];
  readonly expectedTotal: number;
  readonly scores: Scores;
}

export function analyzeLog(log: EventLog, options: AnalysisOptions): Analysis {
  const { cutoff, horizonWeeks, step = () => {} } = options;
  if (!(Number.isFinite(horizonWeeks) && horizonWeeks > 0))
    throw new Error(`playground/analyzeLog: horizon must be a positive number of weeks, got ${horizonWeeks}`);
  step('summarising customers');
  const summary = btydSummary(log, { calibrationEnd: cutoff, unit: 'week' });
  const customers = summary.customer,
    n = customers.length;

  step(`fitting BG/NBD on ${n.toLocaleString('en-US')} customers`);
  let t0 = performance.now();
  const bg = fitBgNbd(summary);
  const bgnbd = { ...pick(bg), ms: performance.now() - t0 };
  const pAlive = probabilityAlive(bg, summary);
  const expected = conditionalExpectedPurchases(bg, horizonWeeks, summary);

  step('fitting Gamma-Gamma');
  let gammaGamma: Analysis['gammaGamma'];
  let spend: Float64Array = new Float64Array(n).fill(NaN);
  if (log.valueTarget === 'count') gammaGamma = { error: 'count log (no amount column): no spend to fit' };
  else {
    try {
      t0 = performance.now();
      const gg = fitGammaGamma(summary);
      gammaGamma = { ...pick(gg), excluded: gg.excluded, ms: performance.now() - t0 };
      spend = expectedAverageSpend(gg, summary);
    } catch (err) {
      gammaGamma = { error: (err as Error).message };
    }
  }

  step('RFM segments and gain curve');
  const rfm = rfmColumns(log, customerOffsets(log), customers, -Infinity, cutoff, 'week');
  const segments = segmentRows(rfmTiers(rfm), pAlive, expected);
  const actual = holdoutValue(log, customers, cutoff, cutoff + horizonWeeks * WEEK_MS);
  const predicted = expected.map((e, r) => (Number.isNaN(spend[r]) ? e : e * spend[r]));
  const curve = curveSummary(log, cutoff, horizonWeeks, actual, predicted, rfm.monetary);

  const order = Array.from({ length: n }, (_, r) => r).sort((a, b) => expected[b] - expected[a] || a - b);
  return {
    cutoff,
    horizonWeeks,
    cohort: n,
    bgnbd,
    gammaGamma,
    segments,
    curve,
    top: order.slice(0, 20),
    expectedTotal: expected.reduce((a, b) => a + b, 0),
    scores: {
      ids: Array.from(customers, (c) => log.customerIds[c]),
      frequency: summary.frequency,
      recency: summary.recency,
      T: summary.T,
      pAlive,
      expected,
      spend,
      actual,
    },
  };
}

function pick<P>(fit: {
  params: P;
  stdErrors: P;
  logLikelihood: number;
  nCustomers: number;
  converged: boolean;
  iterations: number;
}): Omit<ParameterFit<P>, 'ms'> {
  const { params, stdErrors, logLikelihood, nCustomers, converged, iterations } = fit;
  return { params: { ...params }, stdErrors: { ...stdErrors }, logLikelihood, nCustomers, converged, iterations };
}

function segmentRows(tiers: ReturnType<typeof rfmTiers>, pAlive: Float64Array, expected: Float64Array): SegmentRow[] {
  const acc = new Map<RfmSegmentName, { customers: number; alive: number; expected: number }>(
    RFM_SEGMENTS.map((s) => [s, { customers: 0, alive: 0, expected: 0 }]),
  );
  for (let r = 0; r < pAlive.length; r++) {
    const a = acc.get(rfmSegment(tiers.recency[r], tiers.frequency[r], tiers.monetary[r]))!;
    a.customers++;
    a.alive += pAlive[r];
    a.expected += expected[r];
  }
  return RFM_SEGMENTS.map((segment) => {
    const a = acc.get(segment)!;
    return {
      segment,
      customers: a.customers,
      meanPAlive: a.customers > 0 ? a.alive / a.customers : NaN,
      expectedPurchases: a.expected,
    };
  });
}

function curveSummary(
  log: EventLog,
  cutoff: number,
  horizonWeeks: number,
  actual: Float64Array,
  predicted: Float64Array,
  calibrationValue: Float64Array,
): CurveSummary {
  let last = -Infinity;
  for (let i = 0; i < log.length; i++) if (log.t[i] > last) last = log.t[i];
  const holdoutWeeks = Math.max(0, Math.min(horizonWeeks, (last - cutoff) / WEEK_MS + 1 / 7));
  const totalActual = actual.reduce((a, b) => a + b, 0);
  if (totalActual > 0) {
    const lorenz = gainCurve(actual, actual, CURVE_POINTS),
      model = gainCurve(actual, predicted, CURVE_POINTS);
    return {
      kind: 'holdout',
      customerShare: Array.from(lorenz.customerShare),
      lorenz: Array.from(lorenz.valueShare),
      model: Array.from(model.valueShare),
      gini: normalizedGini(actual, predicted),
      holdoutWeeks,
      totalValue: totalActual,
    };
  }
  const value = calibrationValue.map((v) => Math.max(0, v));
  const lorenz = gainCurve(value, value, CURVE_POINTS);
  return {
    kind: 'calibration',
    customerShare: Array.from(lorenz.customerShare),
    lorenz: Array.from(lorenz.valueShare),
    holdoutWeeks,
    totalValue: value.reduce((a, b) => a + b, 0),
  };
}
