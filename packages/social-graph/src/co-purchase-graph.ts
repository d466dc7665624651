// Co-purchase customer graph: customers a and b are linked when they bought the same item
// within `windowMs` of each other, before `featureEnd`; the edge weight is the number of such
// items. Items bought by more than `maxItemCustomers` distinct customers (before featureEnd)
// are hubs and skipped, so a best-seller does not connect everyone (and the pair count stays
// bounded by cap² per item); the report counts them. Every customer of the log is a node
// (isolated ones included), labelled by customer id.
// The cutoff is the default: featureEnd = the task's split.score.featureEnd, so no holdout
// purchase leaks into features; the temporal protocol's fit window passes split.fit.featureEnd.
// Using every event is an explicit opt-out (featureEnd: Infinity), never an accident.
import { resolveOptions } from '@clvlab/core';
import { EventType, type EventLog } from '@clvlab/events';
import type { Split } from '@clvlab/sessions';
import { buildGraph, type Graph } from './graph.ts';

export const DEFAULT_CO_PURCHASE = Object.freeze({
  /** Two purchases of one item count as a tie when at most this far apart (30 days: same season/campaign). */
  windowMs: (30 * 24 * 3600 * 1000) as number,
  /** Items with more distinct buyers than this are hubs and skipped (50 keeps ≤ 1,225 pairs per item). */
  maxItemCustomers: 50 as number,
  /** Only purchases with t < featureEnd are read. NaN = the task's split.score.featureEnd (no leakage from the label window); Infinity = every event, an explicit opt-out. */
  featureEnd: Number.NaN as number,
});
export type CoPurchaseOptions = Partial<typeof DEFAULT_CO_PURCHASE>;

/** What the builder read and skipped (for the record). */
export interface CoPurchaseReport {
  /** The bound used: events with t < featureEnd. */
  readonly featureEnd: number;
  /** Purchase events with an item before featureEnd, and those at or after it (never read). */
  readonly eventsUsed: number;
  readonly eventsAfterCutoff: number;
  /** Items with ≥ 1 purchase before featureEnd; those with 2..maxItemCustomers buyers (the ones that can link). */
  readonly items: number;
  readonly linkingItems: number;
  /** Hub items skipped (> maxItemCustomers distinct buyers), and their purchase events. */
  readonly cappedItems: number;
  readonly cappedEvents: number;
  /** Distinct customer pairs (= graph.edgeCount) and customers with at least one tie. */
  readonly edges: number;
  readonly nodesWithEdges: number;
}

export interface CoPurchaseGraph {
  readonly graph: Graph;
  readonly report: CoPurchaseReport;
}

/** The bound of a builder over a task: options.featureEnd, else split.score.featureEnd; neither is an error. */
export function featureEndOf(where: string, featureEnd: number, split: Pick<Split, 'score'> | undefined): number {
  if (!Number.isNaN(featureEnd)) return featureEnd;
  if (split) return split.score.featureEnd;
  throw new Error(
    `${where}: no cutoff: pass the task's split (its score.featureEnd bounds the events) or featureEnd (Infinity reads every event)`,
  );
}

/** Undirected weighted customer graph from shared item purchases before the cutoff (see file header). */
export function coPurchaseGraph(
  task: { readonly log: EventLog; readonly split?: Pick<Split, 'score'> },
  options: CoPurchaseOptions = {},
): CoPurchaseGraph {
  const o = resolveOptions('social-graph/co-purchase-graph', DEFAULT_CO_PURCHASE, options);
  const { log } = task;
  const featureEnd = featureEndOf('social-graph/co-purchase-graph', o.featureEnd, task.split);
  if (!(o.windowMs >= 0)) throw new Error(`social-graph/co-purchase-graph: windowMs must be >= 0, got ${o.windowMs}`);
  if (!(Number.isInteger(o.maxItemCustomers) && o.maxItemCustomers >= 2))
    throw new Error(
      `social-graph/co-purchase-graph: maxItemCustomers must be an integer >= 2, got ${o.maxItemCustomers}`,
    );
  const nItems = log.itemIds.length,
    nCustomers = log.customerIds.length;
  // Bucket purchase events by item (counting sort), then sort each bucket by time.
  const start = new Int32Array(nItems + 1);
  let eventsAfterCutoff = 0;
  const isPurchase = (e: number): boolean => log.type[e] === EventType.purchase && log.item[e] >= 0;
  const ok = (e: number): boolean => isPurchase(e) && log.t[e] < featureEnd;
  for (let e = 0; e < log.length; e++) {
    if (ok(e)) start[log.item[e] + 1]++;
    else if (isPurchase(e)) eventsAfterCutoff++;
  }
  for (let i = 0; i < nItems; i++) start[i + 1] += start[i];
  const fill = start.slice(0, nItems),
    byItem = new Int32Array(start[nItems]);
  for (let e = 0; e < log.length; e++) if (ok(e)) byItem[fill[log.item[e]]++] = e;
  const src: number[] = [],
    dst: number[] = [];
  const mark = new Int32Array(nCustomers).fill(-1);
  let items = 0,
    linkingItems = 0,
    cappedItems = 0,
    cappedEvents = 0;
  for (let item = 0; item < nItems; item++) {
    if (start[item + 1] === start[item]) continue;
    items++;
    const events = Array.from(byItem.subarray(start[item], start[item + 1]));
    let distinct = 0;
    for (const e of events)
      if (mark[log.customer[e]] !== item) {
        mark[log.customer[e]] = item;
        distinct++;
      }
    if (distinct > o.maxItemCustomers) {
      cappedItems++;
      cappedEvents += events.length;
      continue;
    }
    if (distinct < 2) continue;
    linkingItems++;
    events.sort((a, b) => log.t[a] - log.t[b] || a - b); // ties by event index: deterministic
    const pairs = new Set<number>();
    for (let i = 0; i < events.length; i++) {
      const ci = log.customer[events[i]],
        ti = log.t[events[i]];
      for (let j = i + 1; j < events.length && log.t[events[j]] - ti <= o.windowMs; j++) {
        const cj = log.customer[events[j]];
        if (ci !== cj) pairs.add(Math.min(ci, cj) * nCustomers + Math.max(ci, cj));
      }
    }
    for (const key of [...pairs].sort((a, b) => a - b)) {
      src.push(Math.floor(key / nCustomers));
      dst.push(key % nCustomers);
    }
  }
  const graph = buildGraph(
    { src: Int32Array.from(src), dst: Int32Array.from(dst), weight: new Float64Array(src.length).fill(1) },
    { nodes: log.customerIds, directed: false, selfLoops: 'drop', duplicates: 'sum' },
  );
  let nodesWithEdges = 0;
  for (let u = 0; u < graph.n; u++) if (graph.offsets[u + 1] > graph.offsets[u]) nodesWithEdges++;
  const report: CoPurchaseReport = {
    featureEnd,
    eventsUsed: start[nItems],
    eventsAfterCutoff,
    items,
    linkingItems,
    cappedItems,
    cappedEvents,
    edges: graph.edgeCount,
    nodesWithEdges,
  };
  return Object.freeze({ graph, report: Object.freeze(report) });
}
