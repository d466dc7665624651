// Co-purchase customer graph: customers a and b are linked when they bought the same item
// within `windowMs` of each other, before `featureEnd`; the edge weight is the number of such
// items. Items bought by more than `maxItemCustomers` distinct customers are ignored, so a
// best-seller does not connect everyone (and the pair count stays bounded by cap² per item).
// Every customer of the log is a node (isolated ones included), labelled by customer id.
// Build it with featureEnd = the split's featureEnd so no holdout purchase leaks into features.
import { EventType, type EventLog } from '@clvlab/events';
import { buildGraph, type Graph } from './graph.ts';

export const DEFAULT_CO_PURCHASE = Object.freeze({
  /** Two purchases of one item count as a tie when at most this far apart (30 days: same season/campaign). */
  windowMs: 30 * 24 * 3600 * 1000 as number,
  /** Items with more distinct buyers than this are hubs and ignored (50 keeps ≤ 1,225 pairs per item). */
  maxItemCustomers: 50 as number,
  /** Only purchases with t < featureEnd are used (no leakage from the label window). */
  featureEnd: Number.POSITIVE_INFINITY as number,
});
export type CoPurchaseOptions = Partial<typeof DEFAULT_CO_PURCHASE>;

/** Undirected weighted customer graph from shared item purchases (see file header). */
export function coPurchaseGraph(log: EventLog, options: CoPurchaseOptions = {}): Graph {
  const o = { ...DEFAULT_CO_PURCHASE, ...options };
  const nItems = log.itemIds.length, nCustomers = log.customerIds.length;
  // Bucket purchase events by item (counting sort), then sort each bucket by time.
  const start = new Int32Array(nItems + 1);
  const ok = (e: number): boolean => log.type[e] === EventType.purchase && log.item[e] >= 0 && log.t[e] < o.featureEnd;
  for (let e = 0; e < log.length; e++) if (ok(e)) start[log.item[e] + 1]++;
  for (let i = 0; i < nItems; i++) start[i + 1] += start[i];
  const fill = start.slice(0, nItems), byItem = new Int32Array(start[nItems]);
  for (let e = 0; e < log.length; e++) if (ok(e)) byItem[fill[log.item[e]]++] = e;
  const src: number[] = [], dst: number[] = [];
  const mark = new Int32Array(nCustomers).fill(-1);
  for (let item = 0; item < nItems; item++) {
    const events = Array.from(byItem.subarray(start[item], start[item + 1]));
    let distinct = 0;
    for (const e of events) if (mark[log.customer[e]] !== item) { mark[log.customer[e]] = item; distinct++; }
    if (distinct < 2 || distinct > o.maxItemCustomers) continue;
    events.sort((a, b) => log.t[a] - log.t[b]);
    const pairs = new Set<number>();
    for (let i = 0; i < events.length; i++) {
      const ci = log.customer[events[i]], ti = log.t[events[i]];
      for (let j = i + 1; j < events.length && log.t[events[j]] - ti <= o.windowMs; j++) {
        const cj = log.customer[events[j]];
        if (ci !== cj) pairs.add(Math.min(ci, cj) * nCustomers + Math.max(ci, cj));
      }
    }
    for (const key of pairs) { src.push(Math.floor(key / nCustomers)); dst.push(key % nCustomers); }
  }
  return buildGraph(
    { src: Int32Array.from(src), dst: Int32Array.from(dst), weight: new Float64Array(src.length).fill(1) },
    { nodes: log.customerIds, directed: false, selfLoops: 'drop', duplicates: 'sum' },
  );
}
