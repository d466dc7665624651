// Shared state of one ingest: the growing columns, the id dictionaries, and the row
// accounting (rows read, kept, rejected by reason) with the strict/lenient policy.
// Invariant kept here: rowsRead = rowsKept + Σ rejected.
//
// Column memory (the ≤ 64 bytes/event target): a doubling array peaks at 3× its final size
// during its last copy and ends with up to 2× slack. Instead, when the reader knows an upper
// bound on the rows (a plain file's line count, see `reserve`), each column is allocated
// once at that size and handed out as an exact-length view: no growth, no copy. Otherwise
// columns grow in fixed 64 Ki blocks, copied once into exact arrays at `finish()`. Each
// column is its own monomorphic field (no generic column class) so per-event stores stay
// on V8's fast path.
//
// Parallel reads (read-ranges.ts) use the same builder: the main thread reserves the columns
// on SharedArrayBuffer (`reserveShared`), each range worker's builder writes its rows into
// its own slice of them (`reserveIn`), and the main thread compacts the slices in place, so
// the columns exist once, as in a one-thread read of a plain file. Their unwritten slots past
// the last row (the last range's estimated slice) are pages no thread ever touched, which cost
// address space and no memory (SharedArrayBuffer memory is zero pages until written), so the
// finished columns stay views of them whatever their share.
import { ByteDictionary } from './byte-dictionary.ts';
import { createEventLog } from './create-event-log.ts';
import type { EventLog, ValueTarget } from './event-log.ts';
import { IngestError } from './ingest-error.ts';
import type { RowView } from './tokenizer.ts';

/** Events per growth block when no bound is known. */
const BLOCK = 1 << 16;
/** A reserved allocation is kept as a view unless more than this share of it went unused. */
const MAX_SLACK = 0.125;

/** The seven event columns, one slot per event. */
export interface EventColumns {
  customer: Int32Array;
  t: Float64Array;
  type: Uint8Array;
  item: Int32Array;
  category: Int32Array;
  amount: Float64Array;
  quantity: Float64Array;
}

interface Block extends EventColumns {
  size: number;
}

export class IngestBuilder {
  readonly file: string;
  readonly strict: boolean;
  private readonly blocks: Block[] = [];
  private customer: Int32Array = new Int32Array(0);
  private t: Float64Array = new Float64Array(0);
  private type: Uint8Array = new Uint8Array(0);
  private item: Int32Array = new Int32Array(0);
  private category: Int32Array = new Int32Array(0);
  private amount: Float64Array = new Float64Array(0);
  private quantity: Float64Array = new Float64Array(0);
  private pos = 0;
  private size = 0;
  /** The block is reserveShared's: its untouched slack is no memory (see the header). */
  private lazySlack = false;
  customers = new ByteDictionary();
  items = new ByteDictionary();
  categories = new ByteDictionary();
  rowsRead = 0;
  rowsKept = 0;
  readonly rejected = new Map<string, number>();
  private readonly decoder = new TextDecoder('utf-8');

  constructor(file: string, strict: boolean) {
    this.file = file;
    this.strict = strict;
  }

  /** Allocates room for `rows` events at once (call before the first push, with an upper bound). */
  reserve(rows: number): void {
    if (this.blocks.length === 0 && rows > 0) this.grow(rows);
  }

  /** Appends one kept event (ids are dictionary indices, -1 when absent). */
  push(
    customer: number,
    t: number,
    type: number,
    item: number,
    category: number,
    amount: number,
    quantity: number,
  ): void {
    if (this.pos === this.size) this.grow(BLOCK);
    const p = this.pos++;
    this.customer[p] = customer;
    this.t[p] = t;
    this.type[p] = type;
    this.item[p] = item;
    this.category[p] = category;
    this.amount[p] = amount;
    this.quantity[p] = quantity;
    this.rowsKept++;
  }

  /** Appends rows [from, from + k) of the given columns (a batch of kept events, as `push` takes them one by one). */
  pushMany(
    k: number,
    from: number,
    customer: Int32Array,
    t: Float64Array,
    type: Uint8Array,
    item: Int32Array,
    category: Int32Array,
    amount: Float64Array,
    quantity: Float64Array,
  ): void {
    for (let done = 0; done < k;) {
      if (this.pos === this.size) this.grow(BLOCK);
      const m = Math.min(k - done, this.size - this.pos),
        s = from + done,
        p = this.pos;
      this.customer.set(customer.subarray(s, s + m), p);
      this.t.set(t.subarray(s, s + m), p);
      this.type.set(type.subarray(s, s + m), p);
      this.item.set(item.subarray(s, s + m), p);
      this.category.set(category.subarray(s, s + m), p);
      this.amount.set(amount.subarray(s, s + m), p);
      this.quantity.set(quantity.subarray(s, s + m), p);
      this.pos += m;
      this.rowsKept += m;
      done += m;
    }
  }

  /** Like `reserve`, on SharedArrayBuffers that range workers fill through `reserveIn`; returns the columns. */
  reserveShared(rows: number): EventColumns {
    const shared = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(Math.max(1, rows) * bytes);
    this.lazySlack = true;
    this.use({
      customer: new Int32Array(shared(4)).subarray(0, rows),
      t: new Float64Array(shared(8)).subarray(0, rows),
      type: new Uint8Array(shared(1)).subarray(0, rows),
      item: new Int32Array(shared(4)).subarray(0, rows),
      category: new Int32Array(shared(4)).subarray(0, rows),
      amount: new Float64Array(shared(8)).subarray(0, rows),
      quantity: new Float64Array(shared(8)).subarray(0, rows),
    });
    return this.blocks[0];
  }

  /** Writes rows into `columns[start, start + rows)` (a range worker's slice of `reserveShared`'s columns). */
  reserveIn(columns: EventColumns, start: number, rows: number): void {
    const end = start + rows;
    this.use({
      customer: columns.customer.subarray(start, end),
      t: columns.t.subarray(start, end),
      type: columns.type.subarray(start, end),
      item: columns.item.subarray(start, end),
      category: columns.category.subarray(start, end),
      amount: columns.amount.subarray(start, end),
      quantity: columns.quantity.subarray(start, end),
    });
  }

  /**
   * Caps the one reserved block at `rows` (this thread's slice of a parallel read, set once the
   * split is known): rows past it go to a block of their own, which the caller detects (blockCount).
   */
  limitReserved(rows: number): void {
    if (this.blocks.length !== 1 || rows < this.pos)
      throw new Error(
        `events/ingest-builder: cannot cap ${this.blocks.length} blocks holding ${this.pos} rows at ${rows}`,
      );
    this.size = this.blocks[0].size = Math.min(this.size, rows);
  }

  /** Forgets every row, reject and id but keeps the reserved columns (a parallel read falling back to one thread). */
  reset(): void {
    const [first] = this.blocks;
    this.blocks.length = 0;
    if (first !== undefined) this.use(first);
    this.rowsRead = 0;
    this.rowsKept = 0;
    this.rejected.clear();
    this.customers = new ByteDictionary();
    this.items = new ByteDictionary();
    this.categories = new ByteDictionary();
  }

  /** Blocks of columns in use (1 when everything fit the reserved block). */
  get blockCount(): number {
    return this.blocks.length;
  }

  private grow(size: number): void {
    this.use({
      customer: new Int32Array(size),
      t: new Float64Array(size),
      type: new Uint8Array(size),
      item: new Int32Array(size),
      category: new Int32Array(size),
      amount: new Float64Array(size),
      quantity: new Float64Array(size),
    });
  }

  private use(c: EventColumns): void {
    this.customer = c.customer;
    this.t = c.t;
    this.type = c.type;
    this.item = c.item;
    this.category = c.category;
    this.amount = c.amount;
    this.quantity = c.quantity;
    this.blocks.push({ ...c, size: c.customer.length }); // a reset block (limitReserved) gets its whole length back
    this.pos = 0;
    this.size = c.customer.length;
  }

  /** Rewrites every kept event's amount from its type (post-processing, e.g. count targets). */
  rewriteAmounts(amountOf: (type: number) => number): void {
    let left = this.rowsKept;
    for (const b of this.blocks) {
      const len = Math.min(b.size, left);
      for (let i = 0; i < len; i++) b.amount[i] = amountOf(b.type[i]);
      left -= len;
    }
  }

  /** Counts a row dropped by policy (not malformed): never throws, even in strict mode. */
  drop(reason: string): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
  }

  /**
   * A malformed row: strict mode throws `file:line:column: expected …, got '…'`; lenient mode
   * counts it under `reason`. `field` is the offending field (or the field count for arity).
   */
  bad(row: RowView, field: number, reason: string, expected: string): void {
    if (this.strict) throw this.error(row, field, reason, expected);
    this.drop(reason);
  }

  /** Like `bad`, for sources without a byte row (Parquet): `line` is the 1-based row, `column` the 1-based column. */
  badAt(line: number, column: number, got: string, reason: string, expected: string): void {
    if (this.strict) throw new IngestError(this.file, line, column, expected, got, reason);
    this.drop(reason);
  }

  error(row: RowView, field: number, reason: string, expected: string): IngestError {
    if (field >= row.count || field >= row.start.length) {
      const last = Math.min(row.count, row.start.length) - 1;
      const end = last >= 0 ? row.end[last] : row.lineStart;
      return new IngestError(
        this.file,
        row.line,
        end - row.lineStart + 1,
        expected,
        this.text(row.buf, row.lineStart, end),
        reason,
      );
    }
    const s = row.start[field];
    const column = s - (row.quoted[field] !== 0 ? 1 : 0) - row.lineStart + 1;
    return new IngestError(this.file, row.line, column, expected, this.text(row.buf, s, row.end[field]), reason);
  }

  /** Decodes field bytes (slow path: errors, rare text). */
  text(buf: Uint8Array, s: number, e: number): string {
    return this.decoder.decode(buf.subarray(s, e));
  }

  /** The rejected counts as a plain object with keys in sorted order (stable output). */
  rejectedObject(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of [...this.rejected.keys()].sort()) out[key] = this.rejected.get(key)!;
    return out;
  }

  /** Finishes the columns into a sorted EventLog (views when one reserved block fits, else one copy per column). */
  finish(valueTarget: ValueTarget): EventLog {
    const n = this.rowsKept,
      blocks = this.blocks;
    const single = blocks.length === 1 && (this.lazySlack || blocks[0].size - n <= MAX_SLACK * blocks[0].size);
    const take = <K extends Exclude<keyof Block, 'size'>>(key: K, make: (len: number) => Block[K]): Block[K] => {
      if (blocks.length === 0) return make(0);
      if (single) return blocks[0][key].subarray(0, n) as Block[K];
      const out = make(n);
      let at = 0;
      for (const b of blocks) {
        const len = Math.min(b.size, n - at);
        out.set(b[key].subarray(0, len) as never, at);
        at += len;
        (b as unknown as Record<K, unknown>)[key] = undefined; // release this column's block early
      }
      return out;
    };
    const columns = {
      customer: take('customer', (m) => new Int32Array(m)),
      t: take('t', (m) => new Float64Array(m)),
      type: take('type', (m) => new Uint8Array(m)),
      item: take('item', (m) => new Int32Array(m)),
      category: take('category', (m) => new Int32Array(m)),
      amount: take('amount', (m) => new Float64Array(m)),
      quantity: take('quantity', (m) => new Float64Array(m)),
    };
    blocks.length = 0;
    return createEventLog({
      ...columns,
      customerIds: this.customers.labels,
      itemIds: this.items.labels,
      categoryIds: this.categories.labels,
      valueTarget,
    });
  }
}
