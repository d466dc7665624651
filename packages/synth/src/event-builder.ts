// Growable columnar event buffer (typed arrays, capacity doubled when full; no object per
// event). The simulator appends events day by day, so the buffer is in time order per
// customer but interleaved across customers; `toEventLog` makes the (customer, t) order of
// docs/architecture.md §Event log with one stable counting sort, gathering one column at a time to
// bound memory.
import type { EventLog } from '@clvlab/events';

export class EventBuilder {
  length = 0;
  customer: Int32Array;
  t: Float64Array;
  type: Uint8Array;
  item: Int32Array;
  category: Int32Array;
  amount: Float64Array;
  quantity: Float64Array;

  constructor(capacity = 1 << 16) {
    this.customer = new Int32Array(capacity);
    this.t = new Float64Array(capacity);
    this.type = new Uint8Array(capacity);
    this.item = new Int32Array(capacity);
    this.category = new Int32Array(capacity);
    this.amount = new Float64Array(capacity);
    this.quantity = new Float64Array(capacity);
  }

  push(
    customer: number,
    t: number,
    type: number,
    item: number,
    category: number,
    amount: number,
    quantity: number,
  ): void {
    if (this.length === this.t.length) this.grow();
    const i = this.length++;
    this.customer[i] = customer;
    this.t[i] = t;
    this.type[i] = type;
    this.item[i] = item;
    this.category[i] = category;
    this.amount[i] = amount;
    this.quantity[i] = quantity;
  }

  private grow(): void {
    const cap = this.t.length * 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.customer = g(this.customer, (n) => new Int32Array(n));
    this.t = g(this.t, (n) => new Float64Array(n));
    this.type = g(this.type, (n) => new Uint8Array(n));
    this.item = g(this.item, (n) => new Int32Array(n));
    this.category = g(this.category, (n) => new Int32Array(n));
    this.amount = g(this.amount, (n) => new Float64Array(n));
    this.quantity = g(this.quantity, (n) => new Float64Array(n));
  }

  /** Sorts stably by customer (events of one customer are already in time order) into an EventLog. */
  toEventLog(customerIds: readonly string[], itemIds: readonly string[], categoryIds: readonly string[]): EventLog {
    const n = this.length,
      nc = customerIds.length;
    const offsets = new Int32Array(nc + 1);
    for (let i = 0; i < n; i++) offsets[this.customer[i] + 1]++;
    for (let c = 0; c < nc; c++) offsets[c + 1] += offsets[c];
    const perm = new Int32Array(n);
    const pos = offsets.slice(0, nc);
    for (let i = 0; i < n; i++) perm[pos[this.customer[i]]++] = i;
    const customer = new Int32Array(n);
    for (let c = 0; c < nc; c++) customer.fill(c, offsets[c], offsets[c + 1]);
    const gather = <T extends Int32Array | Float64Array | Uint8Array>(src: T, out: T): T => {
      for (let i = 0; i < n; i++) out[i] = src[perm[i]];
      return out;
    };
    const t = gather(this.t, new Float64Array(n));
    const type = gather(this.type, new Uint8Array(n));
    const item = gather(this.item, new Int32Array(n));
    const category = gather(this.category, new Int32Array(n));
    const amount = gather(this.amount, new Float64Array(n));
    const quantity = gather(this.quantity, new Float64Array(n));
    for (let i = 1; i < n; i++) {
      if (customer[i] === customer[i - 1] && t[i] < t[i - 1]) {
        throw new Error(`synth/event-builder: events of customer ${customer[i]} out of time order at ${i}`);
      }
    }
    return Object.freeze({
      length: n,
      customer,
      t,
      type,
      item,
      category,
      amount,
      quantity,
      customerIds,
      itemIds,
      categoryIds,
      valueTarget: 'revenue' as const,
    });
  }
}
