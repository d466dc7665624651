// Per-customer token grids for the sequence models (docs/architecture.md §Models, issue 5 §2): for
// every cohort customer the last events before `featureEnd`, each event a token of categorical
// fields (indices into one concatenated embedding table, so the model does a single gather) plus a
// signed log1p amount, with a padding mask. Layouts: `flat` (last L events, right-aligned,
// most recent last) and `sessions` (last S sessions × last E events of each, chronological).
// Columnar typed arrays throughout; no object per event. Item and category tokens are buckets
// of a hash of the id string (`idHashes`, once per dictionary), never of the dictionary index,
// so inputs depend only on the events before featureEnd. `fillTokenRows` is the per-customer
// loop, shared with the block stream over a prepared Zarr store (zarr-batch-stream.ts). Without
// a sequence (architecture `none`, T = 0) the grid is empty and only the non-empty check runs.
import type { ModelTask } from '@clvlab/sessions';
import type { EncoderConfig } from '../adapters/encoder-config.ts';
import { tokenGridLength } from '../adapters/encoder-config.ts';

export interface SequenceInputs {
  /** Cohort customers (rows, aligned with split.customers). */
  readonly rows: number;
  /** Token slots per row (T). */
  readonly length: number;
  /** Categorical fields per token (F). */
  readonly fields: number;
  /** [rows × T × F] indices into the concatenated embedding table. */
  readonly tokens: Int32Array;
  /** [rows × T] sign(amount)·log1p(|amount|), 0 on padding. */
  readonly amount: Float32Array;
  /** [rows × T] 1 for an event, 0 for padding. */
  readonly mask: Float32Array;
  /** Events kept per row. */
  readonly eventCounts: Int32Array;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const LOG_YEAR_S = Math.log1p(366 * 86_400);

/** Sizes of the token fields, in table order: type, item, category, gap, age, hour, weekday, session position, session index, position. */
export function tokenFieldSizes(c: Readonly<EncoderConfig>): number[] {
  return [
    6,
    c.itemBuckets + 1,
    c.categoryBuckets + 1,
    c.gapBuckets,
    c.ageBuckets,
    24,
    7,
    c.maxSessionPosition,
    c.maxSessionIndex,
    tokenGridLength(c),
  ];
}

// Id hashes. The item and category fields of a token are buckets of a hash of the id STRING,
// not of its index in the log's dictionary: readers number ids in order of first appearance in
// the source file, so the same events in another row order — or a file whose holdout events
// (which no model may see) differ — number the same items differently, and a hash of the index
// changed every customer's inputs and predictions (found by the sealed-test-fold check). The
// hash is FNV-1a over the UTF-16 code units with the murmur3 32-bit finaliser (as hashUnit in
// packages/events/src/random.ts), computed once per dictionary (`idHashes`) so that the
// per-event loop does one array lookup and no string work. Train and predict both go through
// fillTokenRows, so a saved model sees the same buckets (save-encoder.ts format 2).

/** 32-bit hash of each id string, by dictionary index (the item/category token buckets come from it). */
export function idHashes(ids: readonly string[]): Int32Array {
  const out = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    let h = 0x811c9dc5;
    for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    out[i] = h ^ (h >>> 16);
  }
  return out;
}

/** Bucket in [0, buckets) of the id hash `h`. */
function hashBucket(h: number, buckets: number): number {
  return (h >>> 0) % buckets;
}

function logBucket(ms: number, buckets: number, reserveZero: boolean): number {
  const s = Math.max(0, ms) / 1000;
  const first = reserveZero ? 1 : 0;
  const span = buckets - first;
  return first + Math.min(span - 1, Math.floor((Math.log1p(s) / LOG_YEAR_S) * span));
}

/** Index of the first event of customer range [lo, hi) with t ≥ end (binary search; events are time-sorted). */
function upperBound(t: Float64Array, lo: number, hi: number, end: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid] < end) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Event columns and customers the token builder reads: the whole log, or one block of a
 * prepared store (its slice of each column, with offsets rebased to the slice).
 */
export interface TokenEvents {
  readonly t: Float64Array;
  readonly type: Uint8Array;
  readonly item: Int32Array;
  readonly category: Int32Array;
  readonly amount: Float64Array;
  readonly session: Int32Array;
  /** idHashes(itemIds) / idHashes(categoryIds): the id-string hash per dictionary index (empty when no token is built). */
  readonly itemHash: Int32Array;
  readonly categoryHash: Int32Array;
  /** offsets[c]..offsets[c+1]: customer c's events in these columns. */
  readonly offsets: Int32Array;
  /** Customer id per customer index (error messages). */
  readonly customerIds: readonly string[];
  /** Index of element 0 in the whole log (error messages name events by their index there). */
  readonly eventBase: number;
}

/** A zero token grid for `rows` customers (fill it with `fillTokenRows`). */
export function emptyTokenGrid(rows: number, config: Readonly<EncoderConfig>): SequenceInputs {
  const T = tokenGridLength(config),
    F = tokenFieldSizes(config).length;
  return {
    rows,
    length: T,
    fields: F,
    tokens: new Int32Array(rows * T * F),
    amount: new Float32Array(rows * T),
    mask: new Float32Array(rows * T),
    eventCounts: new Int32Array(rows),
  };
}

/**
 * The cohort's token rows at `featureEnd` (events with t < featureEnd only), built on demand:
 * `grid(idx, from, to)` is the grid of cohort rows idx[from..to) in that order, each row exactly
 * the row buildSequenceInputs would hold (a row depends only on its customer's events). Why:
 * the whole grid is ~1.5 kB per cohort customer (T = 32, 10 fields), 1.4 GB at 1M customers,
 * held through training and again for prediction; a batch's rows cost microseconds to fill.
 * Checks the inputs and that some cohort customer has an event before featureEnd.
 */
export interface TokenRows {
  /** Cohort customers. */
  readonly rows: number;
  /** Token slots per row (T) and fields per token (F). */
  readonly length: number;
  readonly fields: number;
  grid(idx: Int32Array, from: number, to: number): SequenceInputs;
}

export function tokenRows(
  task: Pick<ModelTask, 'log' | 'session' | 'offsets' | 'split'>,
  featureEnd: number,
  config: Readonly<EncoderConfig>,
): TokenRows {
  const { log, session, offsets, split } = task;
  const sequence = tokenGridLength(config) > 0;
  if (sequence && (session === undefined || session.length !== log.length)) {
    throw new Error(
      `behavior-encoder/sequence-inputs: dataset has no sessions (session has ${session?.length ?? 0} entries, log has ${log.length} events); prepare it with @clvlab/sessions`,
    );
  }
  if (offsets.length !== log.customerIds.length + 1) {
    throw new Error(
      `behavior-encoder/sequence-inputs: offsets has ${offsets.length} entries, expected customers + 1 = ${log.customerIds.length + 1}`,
    );
  }
  const { t, type, item, category, amount } = log;
  const events: TokenEvents = {
    t,
    type,
    item,
    category,
    amount,
    session,
    itemHash: sequence ? idHashes(log.itemIds) : new Int32Array(0),
    categoryHash: sequence ? idHashes(log.categoryIds) : new Int32Array(0),
    offsets,
    customerIds: log.customerIds,
    eventBase: 0,
  };
  const cohort = split.customers;
  let nonEmpty = 0; // as fillTokenRows counts them: a first event before featureEnd (events are time-sorted)
  for (let r = 0; r < cohort.length; r++) {
    const c = cohort[r];
    if (offsets[c] < offsets[c + 1] && t[offsets[c]] < featureEnd) nonEmpty++;
  }
  checkNotAllEmpty(cohort.length, nonEmpty, featureEnd);
  return Object.freeze({
    rows: cohort.length,
    length: tokenGridLength(config),
    fields: tokenFieldSizes(config).length,
    grid(idx: Int32Array, from: number, to: number): SequenceInputs {
      const g = emptyTokenGrid(to - from, config);
      fillTokenRows(
        events,
        Int32Array.from(idx.subarray(from, to), (r) => cohort[r]),
        featureEnd,
        config,
        g,
        0,
      );
      return g;
    },
  });
}

/** The whole token grid for the cohort at `featureEnd` (events with t < featureEnd only), rows in cohort order. */
export function buildSequenceInputs(
  task: Pick<ModelTask, 'log' | 'session' | 'offsets' | 'split'>,
  featureEnd: number,
  config: Readonly<EncoderConfig>,
): SequenceInputs {
  const source = tokenRows(task, featureEnd, config);
  const all = Int32Array.from({ length: source.rows }, (_, i) => i);
  return Object.freeze(source.grid(all, 0, source.rows));
}

/** Throws when a cohort of `rows` customers has no non-empty sequence. */
export function checkNotAllEmpty(rows: number, nonEmpty: number, featureEnd: number): void {
  if (rows > 0 && nonEmpty === 0) {
    throw new Error(
      `behavior-encoder/sequence-inputs: every sequence is empty (no cohort customer has events before featureEnd ${new Date(featureEnd).toISOString()})`,
    );
  }
}

/**
 * Writes the token rows of `customers` (indices into `events.offsets`) into rows row0.. of
 * `grid`; returns how many of them have at least one event before `featureEnd`. The one
 * implementation behind the in-memory grid and the store stream (zarr-batch-stream.ts).
 */
export function fillTokenRows(
  events: TokenEvents,
  customers: Int32Array,
  featureEnd: number,
  config: Readonly<EncoderConfig>,
  grid: SequenceInputs,
  row0: number,
): number {
  const { t: time, type, item, category, amount: money, session, offsets, itemHash, categoryHash } = events;
  const { itemBuckets, categoryBuckets } = config;
  const sessionLayout = config.architecture === 'session-transformer';
  const T = grid.length,
    F = grid.fields;
  const base: number[] = [];
  tokenFieldSizes(config).reduce((acc, s) => {
    base.push(acc);
    return acc + s;
  }, 0);
  const { tokens, amount, mask, eventCounts } = grid;
  const slots = new Int32Array(T); // event index per slot, -1 = padding
  let nonEmpty = 0;
  for (let i = 0; i < customers.length; i++) {
    const r = row0 + i;
    const c = customers[i];
    const lo = offsets[c],
      hi = upperBound(time, lo, offsets[c + 1], featureEnd);
    if (hi > lo) nonEmpty++;
    if (T === 0) continue;
    slots.fill(-1);
    if (hi > lo) {
      if (sessionLayout) fillSessionSlots(session, lo, hi, config.maxSessions, config.eventsPerSession, slots);
      else for (let k = 0, n = Math.min(T, hi - lo); k < n; k++) slots[T - n + k] = hi - n + k;
    }
    const lastSession = hi > lo ? session[hi - 1] : 0;
    let count = 0;
    for (let j = 0; j < T; j++) {
      const e = slots[j];
      const o = (r * T + j) * F;
      if (e < 0) {
        for (let f = 0; f < F; f++) tokens[o + f] = base[f];
        continue;
      }
      const t = time[e],
        a = money[e],
        it = item[e],
        ct = category[e];
      if (!Number.isFinite(t) || Number.isNaN(a) || it >= itemHash.length || ct >= categoryHash.length) {
        const what = !Number.isFinite(t)
          ? 'non-finite time'
          : Number.isNaN(a)
            ? 'NaN amount'
            : it >= itemHash.length
              ? `item index ${it} outside the item dictionary of ${itemHash.length}`
              : `category index ${ct} outside the category dictionary of ${categoryHash.length}`;
        throw new Error(
          `behavior-encoder/sequence-inputs: ${what} at event ${events.eventBase + e} (customer '${events.customerIds[c]}')`,
        );
      }
      let pos = 0; // position inside the session (walk back, clipped)
      while (pos < config.maxSessionPosition - 1 && e - pos > lo && session[e - pos - 1] === session[e]) pos++;
      const day = Math.floor(t / DAY_MS);
      tokens[o] = base[0] + Math.min(type[e], 5);
      tokens[o + 1] = base[1] + (it < 0 ? itemBuckets : hashBucket(itemHash[it], itemBuckets)); // -1: the 'absent' bucket
      tokens[o + 2] = base[2] + (ct < 0 ? categoryBuckets : hashBucket(categoryHash[ct], categoryBuckets));
      tokens[o + 3] = base[3] + (e > lo ? logBucket(t - time[e - 1], config.gapBuckets, true) : 0);
      tokens[o + 4] = base[4] + logBucket(featureEnd - t, config.ageBuckets, false);
      tokens[o + 5] = base[5] + Math.floor((t - day * DAY_MS) / HOUR_MS);
      tokens[o + 6] = base[6] + ((((day + 4) % 7) + 7) % 7); // 1970-01-01 was a Thursday (UTC weekday 4)
      tokens[o + 7] = base[7] + pos;
      tokens[o + 8] = base[8] + Math.min(config.maxSessionIndex - 1, lastSession - session[e]);
      tokens[o + 9] = base[9] + Math.min(T - 1, hi - 1 - e);
      amount[r * T + j] = Math.sign(a) * Math.log1p(Math.abs(a));
      mask[r * T + j] = 1;
      count++;
    }
    eventCounts[r] = count;
  }
  return nonEmpty;
}

/** Sessions layout: last S sessions (chronological, most recent in slot S−1), last E events of each, right-aligned. */
function fillSessionSlots(session: Int32Array, lo: number, hi: number, S: number, E: number, slots: Int32Array): void {
  let end = hi;
  for (let s = S - 1; s >= 0 && end > lo; s--) {
    let start = end - 1;
    while (start > lo && session[start - 1] === session[end - 1]) start--;
    const n = Math.min(E, end - start);
    for (let k = 0; k < n; k++) slots[s * E + E - n + k] = end - n + k;
    end = start;
  }
}
