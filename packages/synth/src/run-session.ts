// One shopping session of a synthetic customer: an optional pending return first, then
// views, then either an abandoned cart (browse session, sometimes) or carts followed by
// purchases (purchase session). Gaps between a session's events are 1 s + Exp(mean 40 s),
// capped at 20 minutes, so a session never contains a gap above the 30-minute rule.
// Events at or after the log's end are not emitted (the session is cut there).
import { EventType } from '@clvlab/events';
import type { Rng } from '@clvlab/core';
import type { EventBuilder } from './event-builder.ts';
import type { SimState } from './sim-state.ts';

const MEAN_GAP_MS = 40_000;
const MAX_GAP_MS = 20 * 60_000;
const MAX_ITEMS = 64;
/** A purchase session buys 1 + Poisson(EXTRA_ITEMS) items (capped at 64). */
export const EXTRA_ITEMS = 0.3;
/** An item is bought in a multiple with this probability, then 2 + Poisson(EXTRA_UNITS) units, else 1. */
export const MULTIPLE_UNITS = 0.12;
export const EXTRA_UNITS = 0.5;
const basket = new Int32Array(MAX_ITEMS); // scratch: items carted in the current purchase session

/** Constants a session needs (shared by the main run and the oracle's re-simulations). */
export interface SessionContext {
  readonly rng: Rng;
  readonly builder: EventBuilder | null;
  readonly state: SimState;
  readonly favourite: Int32Array;
  readonly spendMean: Float64Array;
  readonly categories: number;
  readonly itemsPerCategory: number;
  readonly tasteStrength: number;
  readonly cartProbability: number;
  readonly engagedCart: number;
  readonly returnProbability: number;
  readonly spendShapeItem: number;
  readonly cutoff: number;
  readonly end: number;
}

// The session being emitted, in module scratch rather than closures: runSession runs ~10^9
// times at 1M customers (the oracle re-simulates the holdout 32 times), and two closures per
// call (with the keep-names wrapper tsx adds to each) were ~30% of a re-simulation (profile,
// 30,000 customers, 2-core VM). runSession is not re-entrant, so one cursor suffices.
let curT = 0,
  curLast = 0,
  curOpen = true,
  curCategory = 0,
  curItem = 0;

/** Emits one event at the cursor's time (nothing once the log's end is reached), then advances it by a gap. */
function emit(
  ctx: SessionContext,
  i: number,
  type: number,
  item: number,
  category: number,
  amount: number,
  quantity: number,
): void {
  if (!curOpen) return;
  if (curT >= ctx.end) {
    curOpen = false;
    return;
  }
  ctx.builder?.push(i, curT, type, item, category, amount, quantity);
  const state = ctx.state;
  if (curT >= ctx.cutoff && (type === EventType.purchase || type === EventType.return)) {
    state.holdValue[i] += amount;
    if (type === EventType.purchase) state.holdPurchases[i]++;
  }
  curLast = curT;
  curT += 1000 + Math.floor(Math.min(ctx.rng.exponential() * MEAN_GAP_MS, MAX_GAP_MS));
}

/** Picks the next item (favourite category with probability tasteStrength, skewed popularity) into the cursor. */
function pick(ctx: SessionContext, i: number): void {
  const { rng } = ctx,
    ipc = ctx.itemsPerCategory;
  curCategory = rng.next() < ctx.tasteStrength ? ctx.favourite[i] : rng.int(ctx.categories);
  curItem = curCategory * ipc + Math.min(ipc - 1, Math.floor(ipc * Math.pow(rng.next(), 2.5))); // skewed popularity
}

/** Runs a session of customer `i` starting at `start`; returns the number of purchases made. */
export function runSession(ctx: SessionContext, i: number, start: number, purchase: boolean): number {
  const { rng, state } = ctx;
  curT = start;
  curLast = start;
  curOpen = true;
  state.sessions[i]++;
  if (state.pendingAmount[i] > 0) {
    emit(
      ctx,
      i,
      EventType.return,
      state.pendingItem[i],
      state.pendingCategory[i],
      -state.pendingAmount[i],
      state.pendingQuantity[i],
    );
    state.pendingAmount[i] = 0;
    state.pendingQuantity[i] = 0;
  }
  const ipc = ctx.itemsPerCategory;
  const views = 1 + rng.poisson(purchase ? 1 : 1.2);
  for (let v = 0; v < views; v++) {
    pick(ctx, i);
    emit(ctx, i, EventType.view, curItem, curCategory, 0, 1);
  }
  let purchases = 0;
  if (!purchase) {
    if (rng.next() < (state.engaged[i] === 1 ? ctx.engagedCart : ctx.cartProbability)) {
      emit(ctx, i, EventType.cart, curItem, curCategory, 0, 1);
    }
  } else {
    const nItems = Math.min(MAX_ITEMS, 1 + rng.poisson(EXTRA_ITEMS));
    for (let k = 0; k < nItems; k++) {
      pick(ctx, i);
      emit(ctx, i, EventType.view, curItem, curCategory, 0, 1);
      emit(ctx, i, EventType.cart, curItem, curCategory, 0, 1);
      basket[k] = curItem;
    }
    for (let k = 0; k < nItems; k++) {
      const it = basket[k];
      const qty = rng.next() < MULTIPLE_UNITS ? 2 + rng.poisson(EXTRA_UNITS) : 1;
      const price = Math.max(0.5, (rng.gamma(ctx.spendShapeItem) * ctx.spendMean[i]) / ctx.spendShapeItem);
      const amount = Math.round(price * qty * 100) / 100;
      const cat = Math.floor(it / ipc);
      const wasOpen = curOpen && curT < ctx.end;
      emit(ctx, i, EventType.purchase, it, cat, amount, qty);
      if (!wasOpen) continue;
      purchases++;
      if (rng.next() < ctx.returnProbability) {
        state.pendingAmount[i] += amount;
        state.pendingQuantity[i] += qty;
        state.pendingItem[i] = it;
        state.pendingCategory[i] = cat;
      }
    }
  }
  state.lastEnd[i] = curLast;
  return purchases;
}
