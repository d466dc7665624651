// Session splitting (docs/architecture.md §Sessions): within one customer, a new session starts
// when the gap to the previous event is strictly greater than the threshold. Sessions never span
// customers; session 0 is each customer's first. This sits in the ingest hot path (≥ 1M events/s),
// so it is one pass over the typed arrays with no allocation besides the output.
import type { EventLog } from '@clvlab/events';

/** Default inactivity gap: 30 minutes, the web-analytics convention (Google Analytics, Adobe). */
export const DEFAULT_GAP_MS = 30 * 60 * 1000;

/**
 * Session index per event within its customer (0 = first session). `log` must be sorted by
 * customer then time (the EventLog contract); a violation throws, naming the event.
 */
export function splitSessions(log: EventLog, gapMs: number = DEFAULT_GAP_MS): Int32Array {
  if (!(gapMs >= 0) || !Number.isFinite(gapMs)) {
    throw new Error(`sessions/split-sessions: gap must be a finite number of ms ≥ 0, got ${gapMs}`);
  }
  const n = log.length;
  const customer = log.customer;
  const t = log.t;
  const session = new Int32Array(n);
  let current = 0;
  for (let i = 1; i < n; i++) {
    const c = customer[i];
    const prev = customer[i - 1];
    if (c !== prev) {
      if (c < prev) throw unsorted(i, 'customer', prev, c);
      current = 0;
    } else {
      const gap = t[i] - t[i - 1];
      if (gap > gapMs) current++;
      else if (!(gap >= 0)) throw unsorted(i, 'time', t[i - 1], t[i]);
    }
    session[i] = current;
  }
  return session;
}

function unsorted(i: number, what: string, before: number, after: number): Error {
  return new Error(
    `sessions/split-sessions: event log not sorted by customer then time at event ${i} ` +
      `(${what} ${after} after ${before}); build it with createEventLog`,
  );
}

/** Number of sessions in the log: Σ over customers of (last session index + 1). */
export function countSessions(log: EventLog, session: Int32Array): number {
  const n = log.length;
  if (session.length !== n) {
    throw new Error(`sessions/split-sessions: session array has ${session.length} entries, log has ${n}`);
  }
  const customer = log.customer;
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (i === n - 1 || customer[i + 1] !== customer[i]) total += session[i] + 1;
  }
  return total;
}
