// The main thread's half of a parallel read (read-ranges.ts): turns the ranges' results into
// exactly what one thread reading the whole file would have built. The first range is already
// in the builder (parsed into it); the others are appended in file order: each range's rows
// move down to follow the previous range's (in place: a row never moves up), and its
// range-local id codes are replaced by the file's, assigned at an id's first kept row, so that
// customerIds, itemIds and categoryIds come out in the one-thread reader's first-seen order.
// Online Retail's duplicate rule spans ranges: a row an earlier range kept is dropped here as
// `duplicate`, before its ids can be assigned.
import type { ByteDictionary } from './byte-dictionary.ts';
import type { FormatSummary } from './format-reader.ts';
import type { EventColumns, IngestBuilder } from './ingest-builder.ts';
import type { RangeLabels, RangeParse, RangeResult } from './parse-range.ts';

/** A range's result and where its rows start in the shared columns. */
export interface PlacedRange {
  readonly result: RangeResult;
  readonly offset: number;
}

/**
 * Appends the ranges after the first to `b` (whose reserved block is `columns`, and which holds
 * the first range, parsed into it); returns the file's summary and blank lines.
 */
export function mergeRanges(
  b: IngestBuilder,
  columns: EventColumns,
  first: RangeParse,
  ranges: readonly PlacedRange[],
): { summary: FormatSummary; blankLines: number } {
  const seen = new Set<string>(first.keptKeys);
  let at = b.rowsKept,
    blankLines = first.blankLines;
  for (const { result: r, offset } of ranges) {
    b.rowsRead += r.rowsRead;
    blankLines += r.blankLines;
    for (const [reason, n] of r.rejected) b.rejected.set(reason, (b.rejected.get(reason) ?? 0) + n);
    const drop = r.keptKeys && duplicates(r.keptKeys, seen);
    let dropped = 0;
    if (drop) for (let i = 0; i < drop.length; i++) dropped += drop[i];
    if (dropped > 0) b.rejected.set('duplicate', (b.rejected.get('duplicate') ?? 0) + dropped);
    const n = r.rowsKept;
    remap(columns.customer, offset, n, at, r.customers, b.customers, drop);
    remap(columns.item, offset, n, at, r.items, b.items, drop);
    remap(columns.category, offset, n, at, r.categories, b.categories, drop);
    for (const key of ['t', 'type', 'amount', 'quantity'] as const) move(columns[key], offset, n, at, drop);
    at += n - dropped;
  }
  b.rowsKept = at;
  return { summary: mergeSummaries([first.summary, ...ranges.map((r) => r.result.summary)]), blankLines };
}

/** 1 for each kept row whose key an earlier range kept; adds the range's keys to `seen`. */
function duplicates(keys: readonly string[], seen: Set<string>): Uint8Array | undefined {
  let drop: Uint8Array | undefined;
  for (let i = 0; i < keys.length; i++) {
    if (seen.has(keys[i])) (drop ??= new Uint8Array(keys.length))[i] = 1;
    else seen.add(keys[i]);
  }
  return drop;
}

/**
 * Rewrites codes a[from, from + n) to the file's codes at a[to, …), skipping dropped rows. A
 * range's local codes are in the order of its kept rows' first use, so with no row dropped
 * the file's codes for them are assigned label by label, in code order, before the rows are
 * rewritten; a dropped row may have been a label's first use, so with drops each label gets
 * its code at its first kept row instead.
 */
function remap(
  a: Int32Array,
  from: number,
  n: number,
  to: number,
  labels: RangeLabels,
  dict: ByteDictionary,
  drop: Uint8Array | undefined,
): void {
  const { values, texts } = labels;
  const code = new Int32Array(values.length).fill(-1);
  let text: Int32Array | undefined; // local code -> index in `texts`
  if (texts.length > 0) {
    text = new Int32Array(values.length);
    for (let i = 0, k = 0; i < values.length; i++) if (Number.isNaN(values[i])) text[i] = k++;
  }
  const codeOf = (local: number): number => {
    const v = values[local];
    return (code[local] = Number.isNaN(v) ? dict.idOf(texts[text![local]]) : dict.idOfNumber(v));
  };
  if (drop === undefined) {
    for (let k = 0; k < values.length; k++) codeOf(k);
    for (let i = 0; i < n; i++) {
      const local = a[from + i];
      a[to + i] = local >= 0 ? code[local] : -1;
    }
    return;
  }
  for (let i = 0, d = to; i < n; i++) {
    if (drop[i] === 1) continue;
    const local = a[from + i];
    let global = -1;
    if (local >= 0) {
      global = code[local];
      if (global < 0) global = codeOf(local);
    }
    a[d++] = global;
  }
}

/** Moves a[from, from + n) to a[to, …) (to ≤ from), skipping dropped rows. */
function move(a: Float64Array | Uint8Array, from: number, n: number, to: number, drop: Uint8Array | undefined): void {
  if (drop === undefined) {
    if (to !== from) a.copyWithin(to, from, from + n);
    return;
  }
  for (let i = 0, d = to; i < n; i++) if (drop[i] === 0) a[d++] = a[from + i];
}

/**
 * The file's summary from its ranges'. They agree for every format but `events`, whose value
 * target is `revenue` as soon as any row has an amount: the first such range's summary wins.
 */
function mergeSummaries(summaries: readonly FormatSummary[]): FormatSummary {
  return summaries.find((s) => s.valueTarget === 'revenue') ?? summaries[0];
}
