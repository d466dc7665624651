// Data for the BTYD tracking plot (Fader, Hardie & Lee 2005, Figure 2: cumulative repeat
// purchases, actual vs expected) from the fitted BG/NBD and Pareto/NBD cells of a run:
// their recorded parameters are turned back into fits and handed to @clvlab/baselines'
// trackingData, which evaluates the expectations over the dataset's cohort.
import type { PurchaseFit } from '@clvlab/baselines';
import { trackingData } from '@clvlab/baselines';
import type { RecordDataset } from '../runner/record-dataset.ts';
import type { BenchCell } from '../runner/run-bench.ts';

export interface TrackingRecord {
  readonly unit: string;
  readonly calibrationSteps: number;
  readonly period: readonly number[];
  readonly actual: readonly number[];
  readonly expected: Readonly<Record<string, readonly number[]>>;
}

const KIND: Readonly<Record<string, PurchaseFit['model']>> = Object.freeze({
  'bgnbd-gg': 'bgnbd',
  'pareto-nbd-gg': 'pareto-nbd',
});

/** Tracking data for one dataset, or null when no BTYD cell with parameters ran on it. */
export function btydTracking(dataset: RecordDataset, cells: readonly BenchCell[]): TrackingRecord | null {
  const fits: Record<string, PurchaseFit> = {};
  let unit: string | null = null;
  for (const c of cells) {
    const kind = KIND[c.model.name];
    if (!kind || c.dataset !== dataset.id || fits[c.model.name]) continue;
    const info = c.stored.info as {
      params?: unknown;
      stdErrors?: unknown;
      unit?: string;
      logLikelihood?: number;
      nCustomers?: number;
      iterations?: number;
    };
    if (!info.params || !info.unit) continue;
    if (unit !== null && info.unit !== unit) continue; // one time axis per plot
    unit = info.unit;
    fits[c.model.name] = {
      model: kind,
      params: info.params,
      stdErrors: info.stdErrors,
      logLikelihood: info.logLikelihood,
      nCustomers: info.nCustomers,
      iterations: info.iterations,
      converged: true,
    } as unknown as PurchaseFit;
  }
  if (unit === null) return null;
  const { split, log } = dataset.payload;
  const t = trackingData(log, fits, {
    calibrationEnd: split.cutoff,
    holdoutEnd: split.cutoff + split.horizon,
    start: split.start,
    unit: unit as 'week' | 'day',
  });
  const expected: Record<string, number[]> = {};
  for (const name of Object.keys(fits)) expected[name] = t.cumulative.map((p) => p.expected[name]);
  return {
    unit: t.unit,
    calibrationSteps: t.calibrationSteps,
    period: t.cumulative.map((p) => p.step),
    actual: t.cumulative.map((p) => p.actual),
    expected,
  };
}
