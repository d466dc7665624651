// Test helper: per-customer calibration purchases and holdout value computed from the
// generated log alone (independent of the generator's own bookkeeping).
import { EventType } from '@clvlab/events';
import type { SyntheticData } from '../src/index.ts';

/** Per-customer calibration frequency and holdout value computed from the log alone. */
export function summarise(d: SyntheticData): { freq: Float64Array; value: Float64Array; holdPurchases: Float64Array } {
  const n = d.log.customerIds.length,
    freq = new Float64Array(n),
    value = new Float64Array(n),
    holdPurchases = new Float64Array(n);
  for (let e = 0; e < d.log.length; e++) {
    const c = d.log.customer[e],
      t = d.log.t[e],
      ty = d.log.type[e];
    if (t < d.cutoff) {
      if (ty === EventType.purchase) freq[c]++;
    } else if (t < d.cutoff + d.horizon) {
      if (ty === EventType.purchase) {
        value[c] += d.log.amount[e];
        holdPurchases[c]++;
      }
      if (ty === EventType.return) value[c] += d.log.amount[e];
    }
  }
  for (let c = 0; c < n; c++) value[c] = Math.max(0, value[c]);
  return { freq, value, holdPurchases };
}
