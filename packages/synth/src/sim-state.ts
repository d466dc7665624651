// Mutable per-customer state of the simulation (columnar). The state at the cutoff is what
// the oracle conditions on: alive (dropout time), intent regime, social excitation, a pending
// return, the end of the last session (gap rule), and holdout value already committed by a
// session that started before the cutoff and ran past it.

export interface SimState {
  /** Dropout time (epoch ms); the customer is active while t < dropout. */
  dropout: Float64Array;
  /** Planted signal (a): hidden shopping-intent regime, 0 normal, 1 considering, 2 buying. */
  engaged: Uint8Array;
  /** Planted signal (b): decayed, strength-normalised purchases of neighbours. */
  social: Float64Array;
  /** Time of the last event (epoch ms; −Infinity before the first session). */
  lastEnd: Float64Array;
  /** A purchase to be returned at the next session: money, units, item, category. */
  pendingAmount: Float64Array;
  pendingQuantity: Float64Array;
  pendingItem: Int32Array;
  pendingCategory: Int32Array;
  /** Per-day scratch: orders (sessions with a purchase) today. */
  purchasesToday: Int32Array;
  /** Accumulators: holdout net value, holdout purchase events, sessions. */
  holdValue: Float64Array;
  holdPurchases: Int32Array;
  sessions: Int32Array;
}

export function createSimState(n: number, dropout: Float64Array): SimState {
  return {
    dropout: dropout.slice(),
    engaged: new Uint8Array(n),
    social: new Float64Array(n),
    lastEnd: new Float64Array(n).fill(-Infinity),
    pendingAmount: new Float64Array(n),
    pendingQuantity: new Float64Array(n),
    pendingItem: new Int32Array(n).fill(-1),
    pendingCategory: new Int32Array(n).fill(-1),
    purchasesToday: new Int32Array(n),
    holdValue: new Float64Array(n),
    holdPurchases: new Int32Array(n),
    sessions: new Int32Array(n),
  };
}

/** Deep copy (the oracle re-simulates many futures from one cutoff state). */
export function cloneSimState(s: SimState): SimState {
  return {
    dropout: s.dropout.slice(),
    engaged: s.engaged.slice(),
    social: s.social.slice(),
    lastEnd: s.lastEnd.slice(),
    pendingAmount: s.pendingAmount.slice(),
    pendingQuantity: s.pendingQuantity.slice(),
    pendingItem: s.pendingItem.slice(),
    pendingCategory: s.pendingCategory.slice(),
    purchasesToday: s.purchasesToday.slice(),
    holdValue: s.holdValue.slice(),
    holdPurchases: s.holdPurchases.slice(),
    sessions: s.sessions.slice(),
  };
}
