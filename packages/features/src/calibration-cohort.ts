// The calibration cohort (docs/architecture.md §Evaluation split): customers (ascending indices)
// with at least one purchase in [start, cutoff). Shared by the tracking data and the `btyd` CLI.
import { EventType } from '@clvlab/events';
import type { EventLog } from '@clvlab/events';

/** Customers with ≥ 1 purchase in [start, cutoff); throws `${where}: empty cohort` when none. */
export function calibrationCohort(
  log: Pick<EventLog, 'length' | 'customer' | 't' | 'type' | 'customerIds'>,
  cutoff: number,
  start = -Infinity,
  where = 'features/calibrationCohort',
): Int32Array {
  const seen = new Uint8Array(log.customerIds.length);
  let n = 0;
  for (let i = 0; i < log.length; i++) {
    if (log.type[i] !== EventType.purchase || log.t[i] < start || log.t[i] >= cutoff) continue;
    const c = log.customer[i];
    if (!seen[c]) {
      seen[c] = 1;
      n++;
    }
  }
  if (n === 0) throw new Error(`${where}: empty cohort (no purchase before ${new Date(cutoff).toISOString()})`);
  const out = new Int32Array(n);
  for (let c = 0, k = 0; c < seen.length; c++) if (seen[c]) out[k++] = c;
  return out;
}
