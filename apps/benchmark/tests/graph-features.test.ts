// Graph features only read what is known before their window's cutoff (docs/architecture.md §Evaluation protocol): on the
// synthetic generator's graph and on the co-rating graph, events at or after the score cutoff
// (permuted among customers and products, moved in time, or deleted) leave `graph` and
// `graphFit` bit-identical; under the temporal protocol `graphFit` does not depend on events
// in [fit.featureEnd, score.featureEnd) either, while `graph` does (the test has teeth).
import { createEventLog, type EventLog } from '@clvlab/events';
import { createRng } from '@clvlab/core';
import { prepareDataset, type FeatureTable, type Split } from '@clvlab/sessions';
import { customerGraphFeatures, coRatingGraph } from '@clvlab/social-graph';
import { closeGraphPools } from '@clvlab/social-graph/node';
import { generateSynthetic } from '@clvlab/synth';
import { afterAll, describe, expect, it } from 'vitest';
import {
  coRatingGraphFeatures,
  featureWindows,
  generatorGraphFeatures,
  type GraphFeaturesResult,
} from '../src/datasets/graph-features.ts';

afterAll(closeGraphPools);
const data = generateSynthetic({ customers: 1200, seed: 3 } as Parameters<typeof generateSynthetic>[0]);
const splitOf = (protocol: Split['protocol']): Split =>
  prepareDataset(data.log, {
    dataset: 'synthetic',
    start: data.start,
    cutoff: data.cutoff,
    horizon: data.horizon,
    protocol,
  }).split;

/** Exact bits of every column (NaN payloads and signed zeros included). */
const bits = (t: FeatureTable | undefined): string[] =>
  t ? [...t.names, ...t.columns.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('hex'))] : [];

/**
 * `log` with its events in [from, to): deleted, or each moved to another customer and product
 * (seeded) and shifted inside the range. Other events stay as they are.
 */
function rewrite(log: EventLog, from: number, to: number, how: 'delete' | 'permute', seed = 1): EventLog {
  const rng = createRng(seed);
  const keep: number[] = [];
  for (let e = 0; e < log.length; e++) if (how === 'permute' || !(log.t[e] >= from && log.t[e] < to)) keep.push(e);
  const inside = (e: number): boolean => log.t[e] >= from && log.t[e] < to;
  const span = Number.isFinite(to) ? to - from : 365 * 86_400_000;
  return createEventLog({
    customer: Int32Array.from(keep, (e) => (inside(e) ? rng.int(log.customerIds.length) : log.customer[e])),
    t: Float64Array.from(keep, (e) => (inside(e) ? from + Math.floor(rng.next() * span) : log.t[e])),
    type: Uint8Array.from(keep, (e) => log.type[e]),
    item: Int32Array.from(keep, (e) => (inside(e) && log.item[e] >= 0 ? rng.int(log.itemIds.length) : log.item[e])),
    category: Int32Array.from(keep, (e) => log.category[e]),
    amount: Float64Array.from(keep, (e) => (inside(e) ? log.amount[e] * 3 : log.amount[e])),
    quantity: Float64Array.from(keep, (e) => log.quantity[e]),
    customerIds: log.customerIds,
    itemIds: log.itemIds,
    categoryIds: log.categoryIds,
    valueTarget: log.valueTarget,
  });
}

type Path = (log: EventLog, split: Split) => Promise<GraphFeaturesResult>;
const PATHS: [string, Path][] = [
  ['generator graph', (log, split) => generatorGraphFeatures(data.edges, log, split)],
  ['co-rating graph', (log, split) => coRatingGraphFeatures(log, split)],
];

describe.each(PATHS)('%s', (_name, features) => {
  it('cross-sectional: graph before split.score.featureEnd, no graphFit; later events change nothing', async () => {
    const split = splitOf('cross-sectional');
    const base = await features(data.log, split);
    expect(base.features.graphFit).toBeUndefined();
    expect(base.facts.fit).toBeUndefined();
    expect(base.facts.feature_end).toBe(new Date(split.score.featureEnd).toISOString());
    expect(base.facts).toMatchObject({ dated: true, future_information: false, nodes: 1200 });
    expect(base.facts.edges).toBeGreaterThan(0);
    for (const how of ['delete', 'permute'] as const) {
      const later = rewrite(data.log, split.score.featureEnd, Number.POSITIVE_INFINITY, how);
      expect(later.length === data.log.length).toBe(how === 'permute');
      const again = await features(later, split);
      expect(bits(again.features.graph), how).toEqual(bits(base.features.graph));
      expect(again.facts).toEqual(base.facts);
    }
  });

  it('temporal: graphFit before split.fit.featureEnd ignores [fit.featureEnd, score.featureEnd); graph does not', async () => {
    const split = splitOf('temporal');
    const { score, fit } = featureWindows(split);
    expect(fit).toBe(split.fit.featureEnd);
    expect(fit! < score).toBe(true);
    const base = await features(data.log, split);
    expect(base.features.graphFit).toBeDefined();
    expect(base.facts.fit?.feature_end).toBe(new Date(fit!).toISOString());
    for (const how of ['delete', 'permute'] as const) {
      const gap = await features(rewrite(data.log, fit!, score, how), split);
      expect(bits(gap.features.graphFit), how).toEqual(bits(base.features.graphFit));
      expect(bits(gap.features.graph), how).not.toEqual(bits(base.features.graph));
      const later = await features(rewrite(data.log, score, Number.POSITIVE_INFINITY, how), split);
      expect(bits(later.features.graph), how).toEqual(bits(base.features.graph));
      expect(bits(later.features.graphFit), how).toEqual(bits(base.features.graphFit));
    }
  });
});

describe('coRatingGraphFeatures', () => {
  it('rebuilds the graph for each window and reports both', async () => {
    const split = splitOf('temporal');
    const r = await coRatingGraphFeatures(data.log, split);
    const atFit = coRatingGraph({ log: data.log }, { featureEnd: split.fit.featureEnd });
    const atScore = coRatingGraph({ log: data.log, split });
    expect(r.facts).toMatchObject({
      source: 'co-rating',
      weighted: true,
      directed: false,
      max_product_raters: 50,
      edges: atScore.report.edges,
      nodes_with_edges: atScore.report.nodesWithEdges,
      capped_products: atScore.report.cappedItems,
      fit: {
        edges: atFit.report.edges,
        nodes_with_edges: atFit.report.nodesWithEdges,
        capped_products: atFit.report.cappedItems,
      },
    });
    expect(atFit.report.edges).toBeLessThan(atScore.report.edges);
    // graphFit is exactly the features of the fit-window graph at the fit cutoff
    const direct = await customerGraphFeatures(
      atFit.graph,
      { log: data.log, split },
      { featureEnd: split.fit.featureEnd },
    );
    expect(bits(r.features.graphFit)).toEqual(bits(direct));
  });
});
