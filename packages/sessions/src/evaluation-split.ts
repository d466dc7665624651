// The evaluation split of DESIGN §3 (cross-sectional protocol as in Wang, Liu & Miao 2019,
// "A Deep Probabilistic Model for Customer Lifetime Value Prediction" (ZILN), §4):
// calibration [start, cutoff), holdout [cutoff, cutoff + horizon); cohort = customers with
// ≥ 1 purchase in calibration; folds by a seeded hash of the customer id; labels per window.
// The temporal protocol instead learns from labels in [cutoff − horizon, cutoff) with
// features before cutoff − horizon, and scores every cohort customer forward from cutoff.
import { EventType, hashUnit, type EventLog } from '@clvlab/events';
import { cohortRows, labelWindow } from './label-window.ts';
import { Fold, type Split } from './model-task.ts';

export interface SplitOptions {
  protocol: 'cross-sectional' | 'temporal';
  /** Epoch ms; null = first event of the log. */
  start: number | null;
  /** Epoch ms; null = start + 75% of the span. */
  cutoff: number | null;
  /** Ms; null = to the end of data (midnight UTC after the last event's day). */
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
  // To the end of data (the end of the last event's UTC day, so daily-dated logs and whole-day
  // horizons line up): uses every observed label rather than dropping a tail.
  horizon: null,
  // Fixed so the same dataset always gives the same folds.
  seed: 1,
  // 60/20/20 train/valid/test, the usual split with room for early stopping.
  fractions: Object.freeze([0.6, 0.2, 0.2]) as readonly [number, number, number],
} as const);

/** One day of slack past the last event: daily-dated logs stamp each day at 00:00 UTC. */
const DAY_MS = 86_400_000;

const iso = (ms: number): string => (Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms));

/** Builds the evaluation split of `log` (see DESIGN §3 and `Split`). */
export function evaluationSplit(log: EventLog, options: Partial<SplitOptions> = {}): Split {
  for (const key of Object.keys(options)) {
    if (!(key in DEFAULT_SPLIT)) throw new Error(`sessions/evaluation-split: unknown option '${key}'`);
  }
  const o: SplitOptions = { ...DEFAULT_SPLIT, ...stripUndefined(options) };
  if (o.protocol !== 'cross-sectional' && o.protocol !== 'temporal') {
    throw new Error(`sessions/evaluation-split: protocol must be 'cross-sectional' or 'temporal', got '${String(o.protocol)}'`);
  }
  if (log.length === 0) throw new Error('sessions/evaluation-split: event log is empty');
  const t = log.t;
  let first = Infinity, last = -Infinity;
  for (let i = 0; i < log.length; i++) {
    if (t[i] < first) first = t[i];
    if (t[i] > last) last = t[i];
  }
  const start = o.start ?? first;
  const cutoff = o.cutoff ?? start + 0.75 * (last - start);
  if (!Number.isFinite(start) || !Number.isFinite(cutoff)) {
    throw new Error(`sessions/evaluation-split: start and cutoff must be finite epoch ms (got ${start}, ${cutoff})`);
  }
  if (cutoff <= start || cutoff > last) {
    throw new Error(`sessions/evaluation-split: cutoff ${iso(cutoff)} is outside the data (${iso(start)} .. ${iso(last)})`);
  }
  const horizon = o.horizon ?? (Math.floor(last / DAY_MS) + 1) * DAY_MS - cutoff;
  if (!(horizon > 0) || !Number.isFinite(horizon)) {
    throw new Error(`sessions/evaluation-split: horizon must be a finite number of ms > 0, got ${horizon}`);
  }
  if (cutoff + horizon > last + DAY_MS) {
    throw new Error(
      `sessions/evaluation-split: holdout ${iso(cutoff)} + ${horizon} ms ends after the data (last event ${iso(last)}); labels would be truncated`,
    );
  }
  if (o.protocol === 'temporal' && cutoff - horizon <= start) {
    throw new Error(`sessions/evaluation-split: temporal protocol needs cutoff − horizon (${iso(cutoff - horizon)}) after start ${iso(start)}`);
  }
  const [fTrain, fValid, fTest] = o.fractions;
  if (![fTrain, fValid, fTest].every((f) => f >= 0) || Math.abs(fTrain + fValid + fTest - 1) > 1e-9) {
    throw new Error(`sessions/evaluation-split: fractions must be 3 shares ≥ 0 summing to 1, got [${o.fractions.join(', ')}]`);
  }

  const inCohort = new Uint8Array(log.customerIds.length);
  const { customer, type } = log;
  for (let i = 0; i < log.length; i++) {
    if (type[i] === EventType.purchase && t[i] >= start && t[i] < cutoff) inCohort[customer[i]] = 1;
  }
  let size = 0;
  for (let c = 0; c < inCohort.length; c++) size += inCohort[c];
  if (size === 0) {
    throw new Error(`sessions/evaluation-split: empty cohort: no purchase in calibration ${iso(start)} .. ${iso(cutoff)}`);
  }
  const customers = new Int32Array(size);
  const fold = new Uint8Array(size);
  for (let c = 0, r = 0; c < inCohort.length; c++) {
    if (!inCohort[c]) continue;
    customers[r] = c;
    const u = hashUnit(log.customerIds[c], o.seed);
    fold[r++] = u < fTrain ? Fold.train : u < fTrain + fValid ? Fold.valid : Fold.test;
  }
  const rows = cohortRows(log, customers);
  const score = labelWindow(log, customers, cutoff, cutoff + horizon, rows);
  const fit = o.protocol === 'temporal' ? labelWindow(log, customers, cutoff - horizon, cutoff, rows) : score;
  return Object.freeze({ protocol: o.protocol, start, cutoff, horizon, customers, fold, fit, score });
}

function stripUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
