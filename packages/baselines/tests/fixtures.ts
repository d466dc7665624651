// Shared test fixtures: the real CDNOW files from ../shared/data and a python3 runner for
// independent reference computations (numpy/scipy scripts in tests/python).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { customerOffsets } from '@clvlab/events';
import { evaluationSplit } from '@clvlab/sessions';
import type { ModelTask } from '@clvlab/sessions';

import { CDNOW_CUTOFF, CDNOW_DIR, cdnowSampleLog } from '../../features/tests/fixtures.ts';
export {
  CDNOW_CUTOFF,
  CDNOW_DIR,
  CDNOW_HOLDOUT_END,
  CDNOW_SAMPLE,
  cdnowSampleLog,
  cdnowTask,
} from '../../features/tests/fixtures.ts';

/** cdnow_customers_summary.csv as columns (ID, frequency, recency, T in weeks). */
export function cdnowSummary(): { frequency: number[]; recency: number[]; T: number[] } {
  const rows = readFileSync(`${CDNOW_DIR}cdnow_customers_summary.csv`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map(Number));
  return { frequency: rows.map((r) => r[1]), recency: rows.map((r) => r[2]), T: rows.map((r) => r[3]) };
}

/** CDNOW under the temporal protocol: fit labels in the 13 weeks before the cutoff, scored on the 13 after. */
export async function cdnowTemporalTask(): Promise<ModelTask> {
  const log = await cdnowSampleLog();
  const split = evaluationSplit(log, { cutoff: CDNOW_CUTOFF, horizon: 13 * 7 * 86_400_000, protocol: 'temporal' });
  return { log, session: new Int32Array(log.length), offsets: customerOffsets(log), split, seed: 1 };
}

/** Runs tests/python/<script> with `input` as JSON on stdin; returns the parsed stdout. */
export function python<T>(script: string, input: unknown): T {
  const path = fileURLToPath(new URL(`./python/${script}`, import.meta.url));
  return JSON.parse(
    execFileSync('python3', [path], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 26 }),
  ) as T;
}

/** Relative difference |a − b| / |b|. */
export const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
