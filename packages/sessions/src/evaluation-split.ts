// The evaluation split (docs/architecture.md §Evaluation split; cross-sectional protocol as
// in Wang, Liu & Miao 2019, "A Deep Probabilistic Model for Customer Lifetime Value
// Prediction" (ZILN), §4):
// calibration [start, cutoff), holdout [cutoff, cutoff + horizon); cohort = customers with
// ≥ 1 purchase in calibration; folds by a seeded hash of the customer id; labels per window.
// The temporal protocol instead learns from labels in [cutoff − horizon, cutoff) with
// features before cutoff − horizon, and scores every cohort customer forward from cutoff.
import { EventType, type EventLog } from '@clvlab/events';
import { hashUnit, resolveOptions } from '@clvlab/core';
import { cohortRows, labelWindow } from './label-window.ts';
import { Fold, type Split } from './model-task.ts';

export interface SplitOptions {
  protocol: 'cross-sectional' | 'temporal';
  /** Epoch ms; null = first event of the log. */
  start: number | null;
  /** Epoch ms; null = start + 75% of the span. */
  cutoff: number | null;
  /** Ms; null = to the end of data (see endOfData). */
  horizon: number | null;
  seed: number;
  /** [train, valid, test] shares of the cohort, summing to 1. */
  fractions: readonly [number, number, number];
}

export const DEFAULT_SPLIT: Readonly<SplitOptions> = Object.freeze({
  // ZILN's protocol: one cutoff, customers (not time) split into folds; the temporal variant is opt-in.
  protocol: 'cross-sectional',
  // Calibration opens with the first event so every customer's full history counts.
  start: null,
  // 75% of the span: enough history for RFM/BTYD, a holdout long enough to see repurchase.
  cutoff: null,
  // To the end of data (endOfData): the holdout ends at the last event, so it never claims time
  // the data does not cover (Taobao: 48 h, not 56 h to a UTC midnight).
  horizon: null,
  // Seed 1 is the reference partition; the benchmark's seed s re-draws it with salt s (evaluationFolds).
  seed: 1,
  // 60/20/20 train/valid/test, the usual split with room for early stopping.
  fractions: Object.freeze([0.6, 0.2, 0.2]) as readonly [number, number, number],
} as const);

const DAY_MS = 86_400_000;

/**
 * Where "to the end of data" ends (exclusive): just after the last event at the log's time
 * resolution. A daily-dated log (every stamp at 00:00 UTC, e.g. CDNOW) covers the whole last
 * day; any other log ends at the next whole second after its last event.
 */
export function endOfData(lastEventMs: number, daily = false): number {
  return daily ? (Math.floor(lastEventMs / DAY_MS) + 1) * DAY_MS : (Math.floor(lastEventMs / 1000) + 1) * 1000;
}

const iso = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms));

/** Builds the evaluation split of `log` (`Split`; docs/architecture.md §Evaluation split). */
export function evaluationSplit(log: EventLog, options: Partial<SplitOptions> = {}): Split {
  const o = resolveOptions('sessions/evaluation-split', DEFAULT_SPLIT, options);
  if (o.protocol !== 'cross-sectional' && o.protocol !== 'temporal') {
    throw new Error(
      `sessions/evaluation-split: protocol must be 'cross-sectional' or 'temporal', got '${String(o.protocol)}'`,
    );
  }
  if (log.length === 0) throw new Error('sessions/evaluation-split: event log is empty');
  const t = log.t;
  let first = Infinity,
    last = -Infinity,
    daily = true;
  for (let i = 0; i < log.length; i++) {
    if (t[i] < first) first = t[i];
    if (t[i] > last) last = t[i];
    if (daily && t[i] % DAY_MS !== 0) daily = false;
  }
  const start = o.start ?? first;
  const cutoff = o.cutoff ?? start + 0.75 * (last - start);
  if (!Number.isFinite(start) || !Number.isFinite(cutoff)) {
    throw new Error(`sessions/evaluation-split: start and cutoff must be finite epoch ms (got ${start}, ${cutoff})`);
  }
  if (cutoff <= start || cutoff > last) {
    throw new Error(
      `sessions/evaluation-split: cutoff ${iso(cutoff)} is outside the data (${iso(start)} .. ${iso(last)})`,
    );
  }
  const end = endOfData(last, daily);
  const horizon = o.horizon ?? end - cutoff;
  if (!(horizon > 0) || !Number.isFinite(horizon)) {
    throw new Error(`sessions/evaluation-split: horizon must be a finite number of ms > 0, got ${horizon}`);
  }
  // A given horizon may run up to a day past the last event (a generator's or a published window
  // whose last hours happen to be quiet); further would truncate labels.
  if (cutoff + horizon > Math.max(end, last + DAY_MS)) {
    throw new Error(
      `sessions/evaluation-split: holdout ${iso(cutoff)} + ${horizon} ms ends after the data (last event ${iso(last)}); labels would be truncated`,
    );
  }
  if (o.protocol === 'temporal' && cutoff - horizon <= start) {
    throw new Error(
      `sessions/evaluation-split: temporal protocol needs cutoff − horizon (${iso(cutoff - horizon)}) after start ${iso(start)}`,
    );
  }
  checkFractions(o.fractions);

  const inCohort = new Uint8Array(log.customerIds.length);
  const { customer, type } = log;
  for (let i = 0; i < log.length; i++) {
    if (type[i] === EventType.purchase && t[i] >= start && t[i] < cutoff) inCohort[customer[i]] = 1;
  }
  let size = 0;
  for (let c = 0; c < inCohort.length; c++) size += inCohort[c];
  if (size === 0) {
    throw new Error(
      `sessions/evaluation-split: empty cohort: no purchase in calibration ${iso(start)} .. ${iso(cutoff)}`,
    );
  }
  const customers = new Int32Array(size);
  for (let c = 0, r = 0; c < inCohort.length; c++) if (inCohort[c]) customers[r++] = c;
  const fold = evaluationFolds(log.customerIds, customers, o.seed, o.fractions);
  const rows = cohortRows(log, customers);
  const score = labelWindow(log, customers, cutoff, cutoff + horizon, rows);
  const fit = o.protocol === 'temporal' ? labelWindow(log, customers, cutoff - horizon, cutoff, rows) : score;
  return Object.freeze({ protocol: o.protocol, start, cutoff, horizon, customers, fold, fit, score });
}

function checkFractions(fractions: readonly number[]): void {
  const [fTrain, fValid, fTest] = fractions;
  if (
    fractions.length !== 3 ||
    ![fTrain, fValid, fTest].every((f) => f >= 0) ||
    Math.abs(fTrain + fValid + fTest - 1) > 1e-9
  ) {
    throw new Error(
      `sessions/evaluation-split: fractions must be 3 shares ≥ 0 summing to 1, got [${fractions.join(', ')}]`,
    );
  }
}

/**
 * The fold of each cohort customer for a seed: a hash of the customer id salted by the seed, cut
 * at the cumulative fractions. A fold depends only on (id, seed), never on events or labels, so
 * seed s re-draws the whole partition and the same customer always lands in the same fold for s.
 */
export function evaluationFolds(
  customerIds: readonly string[],
  customers: Int32Array,
  seed: number,
  fractions: readonly [number, number, number] = DEFAULT_SPLIT.fractions,
): Uint8Array {
  checkFractions(fractions);
  const [fTrain, fValid] = fractions;
  const fold = new Uint8Array(customers.length);
  for (let r = 0; r < customers.length; r++) {
    const u = hashUnit(customerIds[customers[r]], seed);
    fold[r] = u < fTrain ? Fold.train : u < fTrain + fValid ? Fold.valid : Fold.test;
  }
  return fold;
}
