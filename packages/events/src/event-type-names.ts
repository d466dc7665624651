// Event-type names accepted by the generic `events` format, with the synonyms common in
// public clickstream logs (Taobao pv/buy/fav, RetailRocket addtocart/transaction, REES46
// remove_from_cart). Matching is case-insensitive; unknown names are rejected, not guessed.
import { EventType } from './event-log.ts';

export const EVENT_TYPE_SYNONYMS: Readonly<Record<string, number>> = Object.freeze({
  view: EventType.view,
  pv: EventType.view,
  page_view: EventType.view,
  pageview: EventType.view,
  click: EventType.view,
  detail: EventType.view,
  cart: EventType.cart,
  add_to_cart: EventType.cart,
  addtocart: EventType.cart,
  'add-to-cart': EventType.cart,
  purchase: EventType.purchase,
  buy: EventType.purchase,
  order: EventType.purchase,
  transaction: EventType.purchase,
  sale: EventType.purchase,
  return: EventType.return,
  refund: EventType.return,
  cancel: EventType.return,
  cancellation: EventType.return,
  other: EventType.other,
  fav: EventType.other,
  favorite: EventType.other,
  favourite: EventType.other,
  wishlist: EventType.other,
  remove_from_cart: EventType.other,
});

/** EventType of a name, or -1 when unknown. */
export function eventTypeOf(name: string): number {
  return EVENT_TYPE_SYNONYMS[name.trim().toLowerCase()] ?? -1;
}

/** Caches the type of the last few distinct byte patterns so the hot path makes no string. */
export class EventTypeLookup {
  private readonly patterns: Uint8Array[] = [];
  private readonly types: number[] = [];
  private readonly decoder = new TextDecoder();

  of(buf: Uint8Array, s: number, e: number): number {
    const len = e - s;
    outer: for (let k = 0; k < this.patterns.length; k++) {
      const p = this.patterns[k];
      if (p.length !== len) continue;
      for (let j = 0; j < len; j++) if (p[j] !== buf[s + j]) continue outer;
      return this.types[k];
    }
    const type = eventTypeOf(this.decoder.decode(buf.subarray(s, e)));
    if (this.patterns.length < 32 && len <= 64) {
      this.patterns.push(buf.slice(s, e));
      this.types.push(type);
    }
    return type;
  }
}

/**
 * Epoch milliseconds of a numeric timestamp: |v| ≥ 1e11 is read as milliseconds, smaller
 * values as seconds (1e11 s is the year 5138, 1e11 ms is 1973-03-03, so the ranges that real
 * logs use never overlap).
 */
export function epochMs(v: number): number {
  return Math.abs(v) >= 1e11 ? v : v * 1000;
}
