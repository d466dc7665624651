// The columnar event log (docs/architecture.md §Event log): a struct of typed arrays, one entry per
// event, sorted by customer index then time. Everything downstream (sessions, features, models)
// reads these arrays directly; no object is ever made per event.

/** Event kinds stored in `EventLog.type` (uint8). Order is part of the on-disk contract. */
export const EVENT_TYPES = Object.freeze(['view', 'cart', 'purchase', 'return', 'other'] as const);
export type EventTypeName = (typeof EVENT_TYPES)[number];
export const EventType = Object.freeze({ view: 0, cart: 1, purchase: 2, return: 3, other: 4 } as const);

/** What a model's value target means for this log: money, or a count of purchases (no prices). */
export type ValueTarget = 'revenue' | 'count';

export interface EventLog {
  /** Number of events. */
  readonly length: number;
  /** Customer index per event, into `customerIds`. */
  readonly customer: Int32Array;
  /** Event time, epoch milliseconds UTC. */
  readonly t: Float64Array;
  /** Event kind, see `EventType`. */
  readonly type: Uint8Array;
  /** Item index into `itemIds`, -1 when absent. */
  readonly item: Int32Array;
  /** Category index into `categoryIds`, -1 when absent. */
  readonly category: Int32Array;
  /** Money per event (price × quantity), negative for returns, 0 when unknown. */
  readonly amount: Float64Array;
  /** Units per event (1 when unknown). */
  readonly quantity: Float64Array;
  /** Dictionaries: index -> original label. */
  readonly customerIds: readonly string[];
  readonly itemIds: readonly string[];
  readonly categoryIds: readonly string[];
  /** 'revenue' when amounts are money, 'count' when the source has no prices. */
  readonly valueTarget: ValueTarget;
}
