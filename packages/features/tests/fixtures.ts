// Test fixtures: the real CDNOW sample from ../shared/data (read once per test file) and the
// small hand-written logs of the sessions tests.
import { fileURLToPath } from 'node:url';
import { customerOffsets } from '@clvlab/events';
import { readEventLog } from '@clvlab/events/node';
import type { EventLog } from '@clvlab/events';
import { evaluationSplit } from '@clvlab/sessions';
import type { ModelTask } from '@clvlab/sessions';
export { logOf } from '../../sessions/tests/fixtures.ts';

export const CDNOW_DIR = fileURLToPath(new URL('../../../../shared/data/cdnow/', import.meta.url));
export const CDNOW_SAMPLE = `${CDNOW_DIR}CDNOW_sample.txt.gz`;
export const CDNOW_CUTOFF = Date.UTC(1997, 9, 1);
export const CDNOW_HOLDOUT_END = Date.UTC(1998, 6, 1);

let sample: Promise<EventLog> | null = null;
/** The raw CDNOW sample read by @clvlab/events. */
export function cdnowSampleLog(): Promise<EventLog> {
  sample ??= readEventLog(CDNOW_SAMPLE, { format: 'cdnow' }).then((r) => r.log);
  return sample;
}

/** The default CDNOW benchmark task: calibration to 1997-09-30, 39-week holdout. */
export async function cdnowTask(): Promise<ModelTask> {
  const log = await cdnowSampleLog();
  const split = evaluationSplit(log, { cutoff: CDNOW_CUTOFF, horizon: CDNOW_HOLDOUT_END - CDNOW_CUTOFF });
  return { log, session: new Int32Array(log.length), offsets: customerOffsets(log), split, seed: 1 };
}
