import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createEventLog, EventType } from '@clvlab/events';
import { readEventLog } from '@clvlab/events/node';
import type { Split } from '@clvlab/sessions';
import { coRatingGraph, DEFAULT_CO_RATING, type Graph } from '../src/index.ts';

const DAY = 24 * 3600 * 1000;
const P = EventType.purchase;
const data = (p: string): string => fileURLToPath(new URL(`../../../../shared/data/${p}`, import.meta.url));
const edgeMap = (g: Graph): Record<string, number> => {
  const edges: Record<string, number> = {};
  for (let u = 0; u < g.n; u++)
    for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++)
      if (u < g.targets[e]) edges[`${g.labels[u]}-${g.labels[g.targets[e]]}`] = g.weights![e];
  return edges;
};
const logOf = (rows: readonly (readonly [number, number, number])[], customers: string[], items: string[]) =>
  createEventLog({
    customer: Int32Array.from(rows, (r) => r[0]),
    t: Float64Array.from(rows, (r) => r[1] * DAY),
    type: new Uint8Array(rows.length).fill(P),
    item: Int32Array.from(rows, (r) => r[2]),
    amount: new Float64Array(rows.length).fill(1),
    customerIds: customers,
    itemIds: items,
  });
const splitAt = (day: number): Pick<Split, 'score'> => ({
  score: {
    featureEnd: day * DAY,
    labelEnd: (day + 30) * DAY,
    target: new Float64Array(0),
    repurchase: new Uint8Array(0),
  },
});

describe('coRatingGraph', () => {
  // users a b c d; products p q r h
  const rows: [number, number, number][] = [
    [0, 1, 0],
    [1, 400, 0], // a, b rate p a year apart: still a tie (no time window)
    [0, 2, 1],
    [1, 3, 1],
    [1, 4, 1], // and q (b twice: one product, weight +1) -> a-b weight 2
    [2, 5, 2],
    [3, 6, 2], // c, d share r
    [0, 7, 3],
    [1, 8, 3],
    [2, 9, 3], // h: 3 raters > cap 2, skipped and counted
    [3, 500, 0], // d rates p on day 500 = the cutoff: not read
  ];
  const log = logOf(rows, ['a', 'b', 'c', 'd'], ['p', 'q', 'r', 'h']);

  it('weights pairs by the products both rated before the cutoff (the default bound), skipping and counting hub products', () => {
    const { graph, report } = coRatingGraph({ log, split: splitAt(500) }, { maxItemRaters: 2 });
    expect(edgeMap(graph)).toEqual({ 'a-b': 2, 'c-d': 1 });
    expect(report).toMatchObject({
      featureEnd: 500 * DAY,
      eventsUsed: 10,
      eventsAfterCutoff: 1,
      items: 4,
      linkingItems: 3,
      cappedItems: 1,
      cappedEvents: 3,
      edges: 2,
      nodesWithEdges: 4,
    });
    expect(DEFAULT_CO_RATING.maxItemRaters).toBe(50);
    // with the default cap h links a, b, c too
    expect(edgeMap(coRatingGraph({ log, split: splitAt(500) }).graph)).toEqual({
      'a-b': 3,
      'a-c': 1,
      'b-c': 1,
      'c-d': 1,
    });
    expect(() => coRatingGraph({ log })).toThrow('social-graph/co-purchase-graph: no cutoff');
  });

  it('events at or after the cutoff, permuted or deleted, leave the graph bit-identical', () => {
    const cut = 300;
    const base = coRatingGraph({ log, split: splitAt(cut) });
    const before = rows.filter((r) => r[1] < cut);
    // later events: rewired to other users and products, shuffled, some deleted, one exactly at the cutoff
    const after = rows
      .filter((r) => r[1] >= cut)
      .map((r, k) => [(r[0] + k + 1) % 4, r[1] + k, (r[2] + 1) % 4] as [number, number, number]);
    for (const variant of [
      before,
      [...after, ...before].reverse(),
      [...before, ...after, [0, cut, 2], [2, cut, 0]] as [number, number, number][],
    ]) {
      const g = coRatingGraph({ log: logOf(variant, ['a', 'b', 'c', 'd'], ['p', 'q', 'r', 'h']), split: splitAt(cut) });
      expect(g.graph).toEqual(base.graph);
      expect(g.report.eventsUsed).toBe(base.report.eventsUsed);
    }
  });

  it('Ciao at the default cutoff (2008-07-24): the graph the benchmark uses instead of the undated trust list', async () => {
    const { log: ciao } = await readEventLog(data('ciao/ciao_ratings.csv.gz'), { format: 'ciao' });
    const { graph, report } = coRatingGraph({ log: ciao }, { featureEnd: Date.UTC(2008, 6, 24, 1) });
    // independently: python3 over ciao_ratings.csv.gz (distinct user sets per product with timestamp < cutoff, products with
    // 2..50 raters, distinct user pairs): 589,349 pairs among 6,738 users; 261 of 74,827 rated products have > 50 raters
    expect(report).toMatchObject({
      items: 74_827,
      cappedItems: 261,
      edges: 589_349,
      nodesWithEdges: 6_738,
      eventsUsed: 221_097,
      eventsAfterCutoff: 62_989,
    });
    expect(graph.n).toBe(7_375);
  });
});
