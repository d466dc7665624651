// Per-session statistics (docs/architecture.md §Sessions, §File formats): one row per (customer,
// session), columnar, in log order. One pass over the events; rows are counted first so every
// column is allocated once at its final size.
import { EventType, type EventLog } from '@clvlab/events';

/** One row per session, in log order (customer, then session index). */
export interface SessionTable {
  readonly length: number;
  /** Customer index (into log.customerIds). */
  readonly customer: Int32Array;
  /** Session index within the customer (0 = first). */
  readonly session: Int32Array;
  /** Epoch ms of the first and last event. */
  readonly start: Float64Array;
  readonly end: Float64Array;
  /** Events of any type, and purchase events. */
  readonly events: Int32Array;
  readonly purchases: Int32Array;
  /** Σ amount over purchases and returns (returns are negative), not floored. */
  readonly revenue: Float64Array;
}

/** Builds the session table from a log and its `splitSessions` output. */
export function sessionTable(log: EventLog, session: Int32Array): SessionTable {
  const n = log.length;
  if (session.length !== n) {
    throw new Error(`sessions/session-table: session array has ${session.length} entries, log has ${n}`);
  }
  const { customer: cust, t, type, amount } = log;
  let rows = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0 || cust[i] !== cust[i - 1] || session[i] !== session[i - 1]) rows++;
  }
  const customer = new Int32Array(rows);
  const sessionIndex = new Int32Array(rows);
  const start = new Float64Array(rows);
  const end = new Float64Array(rows);
  const events = new Int32Array(rows);
  const purchases = new Int32Array(rows);
  const revenue = new Float64Array(rows);
  let r = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || cust[i] !== cust[i - 1] || session[i] !== session[i - 1]) {
      r++;
      customer[r] = cust[i];
      sessionIndex[r] = session[i];
      start[r] = t[i];
    }
    end[r] = t[i];
    events[r]++;
    const k = type[i];
    if (k === EventType.purchase) {
      purchases[r]++;
      revenue[r] += amount[i];
    } else if (k === EventType.return) {
      revenue[r] += amount[i];
    }
  }
  return Object.freeze({ length: rows, customer, session: sessionIndex, start, end, events, purchases, revenue });
}
