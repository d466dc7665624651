// loadBenchDataset's social graphs and facts.graph: the synthetic generator's graph (dated),
// Ciao's co-rating graph by default (built from ratings before each window's cutoff; counts
// checked against an independent python computation) and its undated trust list only with
// allowUndatedGraph (marked as future information), per-window features under the temporal
// protocol, and the one-line refusal of an undated graph with no dated alternative.
import { coRatingGraph, customerGraphFeatures } from '@clvlab/social-graph';
import { closeGraphPools, readEdgeList } from '@clvlab/social-graph/node';
import type { FeatureTable } from '@clvlab/sessions';
import { afterAll, describe, expect, it } from 'vitest';
import { DATASET_SOURCES, sharedDataPath, type DatasetSource } from '../src/datasets/dataset-sources.ts';
import { graphOverCustomers } from '../src/datasets/graph-features.ts';
import { loadBenchDataset, namedGraph } from '../src/datasets/load-bench-dataset.ts';

afterAll(closeGraphPools);
const bits = (t: FeatureTable | undefined): string[] =>
  t ? [...t.names, ...t.columns.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('hex'))] : [];

describe('loadBenchDataset graphs', () => {
  it('synthetic: the generator graph, dated and known at the cutoff; graphFit only under the temporal protocol', async () => {
    const cross = await loadBenchDataset('synthetic', { customers: 800 });
    expect(cross.payload.graph).toBeDefined();
    expect(cross.payload.graphFit).toBeUndefined();
    expect(cross.facts.graph).toMatchObject({
      source: 'generator',
      dated: true,
      future_information: false,
      directed: false,
      nodes: 800,
      capped_products: 0,
    });
    expect(cross.facts.graph).not.toHaveProperty('fit');
    const temporal = await loadBenchDataset('synthetic', { customers: 800, protocol: 'temporal' });
    const split = temporal.payload.split;
    expect(split.protocol).toBe('temporal');
    expect(bits(temporal.payload.graph)).toEqual(bits(cross.payload.graph));
    expect(bits(temporal.payload.graphFit)).not.toEqual(bits(temporal.payload.graph));
    expect(temporal.facts.graph).toMatchObject({ fit: { feature_end: new Date(split.fit.featureEnd).toISOString() } });
  });

  it('Ciao by default: the co-rating graph before the cutoff (not the undated trust list)', async () => {
    expect(DATASET_SOURCES.ciao.edges).toMatchObject({ dated: false, kind: 'trust' });
    const t0 = performance.now();
    const ds = await loadBenchDataset('ciao');
    const seconds = (performance.now() - t0) / 1000;
    // python3 over ciao_ratings.csv.gz (user sets per product with timestamp < 2008-07-24T01:00Z, products with
    // 2..50 raters, distinct user pairs): 589,349 pairs among 6,738 of 7,375 users; 261 of 74,827 products capped
    expect(ds.facts.graph).toEqual({
      source: 'co-rating',
      dated: true,
      future_information: false,
      directed: false,
      weighted: true,
      weight: 'number of products both customers rated before the cutoff',
      max_product_raters: 50,
      feature_end: '2008-07-24T01:00:00.000Z',
      nodes: 7_375,
      nodes_with_edges: 6_738,
      edges: 589_349,
      capped_products: 261,
      ratings_used: 221_097,
      products: 74_827,
      linking_products: 28_539,
      capped_ratings: 30_581,
    });
    const { split, log } = ds.payload;
    const direct = await customerGraphFeatures(coRatingGraph({ log, split }).graph, { log, split });
    expect(bits(ds.payload.graph)).toEqual(bits(direct));
    expect(ds.payload.graphFit).toBeUndefined();
    expect(seconds).toBeLessThan(60);
    // the default payload is named by the file's hash (SOURCE.md)
    expect(ds.sourceHash).toBe('sha256:a92345f508533f3729f4400acf076c4d9dadc843c88de27792cbb2c07b8144ae');
    expect(ds.facts).not.toHaveProperty('variant');
  });

  it('Ciao with allowUndatedGraph: the trust list, marked undated and future information, with its row accounting', async () => {
    const ds = await loadBenchDataset('ciao', { allowUndatedGraph: true });
    expect(ds.facts.graph).toMatchObject({
      source: 'trust',
      dated: false,
      future_information: true,
      directed: true,
      weighted: false,
      edge_file: 'ciao_trust.csv.gz',
      edge_file_sha256: 'aa744b278dbfc8f20478128062fad09c89c150cdbeb06df74dcbcd78414b10a8',
      rows_read: 57_545,
      rows_kept: 57_544,
      rejected: { header: 1 },
      file_edges: 57_544,
      kept: 57_544,
      dropped_not_customer: 0,
      nodes: 7_375,
      edges: 57_544,
      capped_products: 0,
    });
    const { split, log } = ds.payload;
    const trust = graphOverCustomers(
      readEdgeList(sharedDataPath(DATASET_SOURCES.ciao.edges!.file), { directed: true }).graph,
      log,
    ).graph;
    expect(bits(ds.payload.graph)).toEqual(bits(await customerGraphFeatures(trust, { log, split })));
    // another payload from the same file: another dataset hash, so no cell is reused across the two
    expect(ds.facts.variant).toEqual({ graph: 'undated trust' });
    expect(ds.sourceHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(ds.sourceHash).not.toBe('sha256:a92345f508533f3729f4400acf076c4d9dadc843c88de27792cbb2c07b8144ae');
  });

  it('Ciao, temporal protocol: the co-rating graph is rebuilt before the fit cutoff for graphFit', async () => {
    const ds = await loadBenchDataset('ciao', { protocol: 'temporal' });
    const { split, log } = ds.payload;
    expect(split.protocol).toBe('temporal');
    const atFit = coRatingGraph({ log }, { featureEnd: split.fit.featureEnd });
    expect(ds.facts.graph).toMatchObject({
      source: 'co-rating',
      edges: 589_349,
      capped_products: 261,
      fit: {
        feature_end: new Date(split.fit.featureEnd).toISOString(),
        edges: atFit.report.edges,
        capped_products: atFit.report.cappedItems,
        nodes_with_edges: atFit.report.nodesWithEdges,
      },
    });
    expect(atFit.report.edges).toBeLessThan(589_349);
    const direct = await customerGraphFeatures(atFit.graph, { log, split }, { featureEnd: split.fit.featureEnd });
    expect(bits(ds.payload.graphFit)).toEqual(bits(direct));
    expect(ds.facts.variant).toEqual({ protocol: 'temporal' });
  });

  it('refuses an undated graph with no dated alternative in one line naming --allow-undated-graph', () => {
    const undated: DatasetSource = {
      id: 'x',
      file: 'x.csv',
      format: 'events',
      edges: { file: 'x/edges.csv', directed: false, dated: false, kind: 'edge-file' },
      note: '',
    };
    expect(() => namedGraph(undated, {})).toThrow(
      "benchmark/datasets: dataset 'x': its social graph (x/edges.csv) is undated and may hold information from after the cutoff, " +
        'so +social models would use the future; pass --allow-undated-graph to use it anyway (the record marks it)',
    );
    expect(namedGraph(undated, { allowUndatedGraph: true })).toBeTypeOf('function');
    expect(namedGraph({ ...undated, edges: { ...undated.edges!, dated: true } }, {})).toBeTypeOf('function');
    expect(namedGraph({ ...undated, edges: undefined }, {})).toBeUndefined();
  });
});
