import { afterAll, describe, expect, it } from 'vitest';
import { createEventLog, EventType } from '@clvlab/events';
import type { Split } from '@clvlab/sessions';
import {
  buildGraph,
  coPurchaseGraph,
  customerGraphFeatures,
  CUSTOMER_GRAPH_FEATURE_NAMES,
  pagerank,
  type Graph,
} from '../src/index.ts';
import { closeGraphPools } from '../src/node.ts';

afterAll(closeGraphPools);
const DAY = 24 * 3600 * 1000;
const P = EventType.purchase,
  R = EventType.return;
// customers a b c d e f; items x y z w
const rows: [number, number, number, number, number][] = [
  // customer, day, type, item, amount
  [0, 1, P, 0, 10],
  [1, 10, P, 0, 20], // a, b share x 9 days apart -> tie
  [2, 50, P, 0, 5], // c buys x 40 days after b: outside the 30-day window
  [0, 5, P, 1, 1],
  [1, 6, P, 1, 1], // a, b share y too -> weight 2
  [1, 7, R, 1, -4], // b returns something
  [0, 20, P, 2, 1],
  [2, 21, P, 2, 1],
  [3, 22, P, 2, 1],
  [4, 23, P, 2, 1], // z: 4 buyers > cap 3, ignored
  [2, 55, P, 3, 2],
  [3, 61, P, 3, 2], // c, d share w
  [3, 95, P, 3, 7], // d buys after featureEnd (day 90): ignored everywhere
  [4, 100, P, 0, 3],
  [5, 88, P, 3, 1], // e after featureEnd; f buys w on day 88: 27 days after d, 33 after c
];
const log = createEventLog({
  customer: Int32Array.from(rows, (r) => r[0]),
  t: Float64Array.from(rows, (r) => r[1] * DAY),
  type: Uint8Array.from(rows, (r) => r[2]),
  item: Int32Array.from(rows, (r) => r[3]),
  amount: Float64Array.from(rows, (r) => r[4]),
  customerIds: ['a', 'b', 'c', 'd', 'e', 'f'],
  itemIds: ['x', 'y', 'z', 'w'],
});
const featureEnd = 90 * DAY;
const window = (end: number): Split['score'] => ({
  featureEnd: end,
  labelEnd: end + 30 * DAY,
  target: new Float64Array(5),
  repurchase: new Uint8Array(5),
});
const split: Split = {
  protocol: 'cross-sectional',
  start: 0,
  cutoff: featureEnd,
  horizon: 30 * DAY,
  customers: Int32Array.from([0, 1, 2, 3, 5]),
  fold: new Uint8Array(5),
  fit: window(featureEnd),
  score: window(featureEnd),
};

const edgeMap = (g: Graph): Record<string, number> => {
  const edges = new Map<string, number>();
  for (let u = 0; u < g.n; u++)
    for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++)
      if (u < g.targets[e]) edges.set(`${g.labels[u]}-${g.labels[g.targets[e]]}`, g.weights![e]);
  return Object.fromEntries(edges);
};

describe('coPurchaseGraph', () => {
  const { graph: g, report } = coPurchaseGraph({ log, split }, { windowMs: 30 * DAY, maxItemCustomers: 3 });
  it('links buyers of one item within the window, weights by items, skips hub items and later events', () => {
    expect(edgeMap(g)).toEqual({ 'a-b': 2, 'c-d': 1, 'd-f': 1 });
    expect(g.n).toBe(6); // e is isolated but kept
    // z (4 buyers > cap 3) is capped; d's day-95 and e's day-100 purchases are after the cutoff.
    expect(report).toEqual({
      featureEnd,
      eventsUsed: 12,
      eventsAfterCutoff: 2,
      items: 4,
      linkingItems: 3,
      cappedItems: 1,
      cappedEvents: 4,
      edges: 3,
      nodesWithEdges: 5,
    });
  });

  it('takes the cutoff by default (split.score.featureEnd); every event only when asked explicitly', () => {
    expect(coPurchaseGraph({ log, split }, { windowMs: 30 * DAY, maxItemCustomers: 3, featureEnd }).graph).toEqual(g);
    expect(() => coPurchaseGraph({ log })).toThrow("social-graph/co-purchase-graph: no cutoff: pass the task's split");
    // Opting out (featureEnd: Infinity) reads all 14 purchases, d's day-95 and e's day-100 ones included.
    const all = coPurchaseGraph(
      { log },
      { windowMs: 30 * DAY, maxItemCustomers: 3, featureEnd: Number.POSITIVE_INFINITY },
    );
    expect(all.report.eventsAfterCutoff).toBe(0);
    expect(all.report.eventsUsed).toBe(14);
  });

  it('events at or after the cutoff do not change the graph (not even its array layout) nor its features', async () => {
    // Late purchases that would link everyone (same item, same day), one exactly at the cutoff.
    const late: [number, number, number, number, number][] = [
      [0, 90, P, 2, 1],
      [5, 90, P, 2, 1],
      [4, 91, P, 3, 1],
      [0, 91, P, 3, 1],
      [1, 120, P, 1, 9],
    ];
    const all = [...rows, ...late];
    const later = createEventLog({
      customer: Int32Array.from(all, (r) => r[0]),
      t: Float64Array.from(all, (r) => r[1] * DAY),
      type: Uint8Array.from(all, (r) => r[2]),
      item: Int32Array.from(all, (r) => r[3]),
      amount: Float64Array.from(all, (r) => r[4]),
      customerIds: log.customerIds,
      itemIds: log.itemIds,
    });
    const h = coPurchaseGraph({ log: later, split }, { windowMs: 30 * DAY, maxItemCustomers: 3 });
    expect(h.graph).toEqual(g);
    // (read without the bound, the late purchases do link: f-a via w on day 91)
    expect(
      edgeMap(
        coPurchaseGraph(
          { log: later },
          { windowMs: 30 * DAY, maxItemCustomers: 3, featureEnd: Number.POSITIVE_INFINITY },
        ).graph,
      ),
    ).not.toEqual(edgeMap(g));
    expect(h.report).toEqual({ ...report, eventsAfterCutoff: report.eventsAfterCutoff + late.length });
    // ... and the features computed on them are bit-identical too.
    const before = await customerGraphFeatures(g, { log, split }, { workers: 1 });
    const after = await customerGraphFeatures(h.graph, { log: later, split }, { workers: 1 });
    expect(after).toEqual(before);
  });

  it('customerGraphFeatures: documented columns per cohort customer, events after featureEnd unused', async () => {
    const table = await customerGraphFeatures(g, { log, split }, { workers: 1 });
    expect(table.names).toEqual(CUSTOMER_GRAPH_FEATURE_NAMES);
    const col = (name: string): number[] => Array.from(table.columns[table.names.indexOf(name)]);
    const pr = pagerank(g).values;
    expect(col('graph_pagerank')).toEqual([pr[0], pr[1], pr[2], pr[3], pr[5]]);
    expect(col('graph_degree')).toEqual([1, 1, 1, 2, 1]);
    expect(col('graph_component_size')).toEqual([2, 2, 3, 3, 3]);
    // closeness (WF, n = 6): a reaches 1 node at distance 1 -> (1/1)(1/5) = 0.2; d reaches 2 at 1 -> 2/2·2/5.
    expect(col('graph_closeness')).toEqual([0.2, 0.2, (2 / 3) * (2 / 5), 0.4, (2 / 3) * (2 / 5)]);
    expect(col('graph_harmonic')).toEqual([1, 1, 1.5, 2, 1.5]);
    // neighbours' purchases in [0, day 90): a: 3 (x, y, z), b: 2, c: 3 (x, z, w), d: 2 (z, w; day 95 excluded), f: 1.
    expect(col('graph_nbr_mean_purchases')).toEqual([2, 3, 2, (3 + 1) / 2, 2]);
    // revenue: a 12, b 21 - 4 = 17, c 8, d 3, f 1.
    expect(col('graph_nbr_mean_revenue')).toEqual([17, 12, 3, (8 + 1) / 2, 3]);
    expect(col('graph_nbr_share_purchased')).toEqual([1, 1, 1, 1, 1]);
    // recent = purchases in [day 62, day 90): only f's (day 88); d's neighbours c, f (weights 1, 1).
    expect(col('graph_nbr_recent_purchases')).toEqual([0, 0, 0, 0.5, 0]);
  });

  it('a temporal variant at an earlier featureEnd ignores later purchases', async () => {
    const table = await customerGraphFeatures(g, { log, split }, { workers: 1, featureEnd: 8 * DAY });
    const col = (name: string): number[] => Array.from(table.columns[table.names.indexOf(name)]);
    // before day 8: a bought x, y (2, revenue 11); b bought y (1) and returned 4 (revenue -3).
    expect(col('graph_nbr_mean_purchases')).toEqual([1, 2, 0, 0, 0]);
    expect(col('graph_nbr_mean_revenue')).toEqual([-3, 11, 0, 0, 0]);
    // recent window [day -20, day 8): a's neighbour b bought once (y), b's neighbour a twice.
    expect(col('graph_nbr_recent_purchases')).toEqual([1, 2, 0, 0, 0]);
  });

  it('neighbour means are weighted by edge weight', async () => {
    // a-b weight 3, a-c weight 1: a's neighbour purchases b 2 (x day 10, y), c 0 -> (3·2 + 1·0)/4.
    const gw = buildGraph({ src: [0, 0], dst: [1, 2], weight: [3, 1] }, { nodes: log.customerIds });
    const table = await customerGraphFeatures(gw, { log, split }, { workers: 1, featureEnd: 12 * DAY });
    const col = (name: string): number[] => Array.from(table.columns[table.names.indexOf(name)]);
    expect(col('graph_nbr_mean_purchases')[0]).toBeCloseTo(6 / 4, 12);
    expect(col('graph_nbr_share_purchased')[0]).toBeCloseTo(3 / 4, 12);
    expect(col('graph_nbr_recent_purchases')[0]).toBeCloseTo(6 / 4, 12);
  });
});
