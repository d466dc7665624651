// Per-customer social-graph features for the `+social` models, per feature window, with the
// facts the record keeps about the graph (facts.graph). Three graphs:
//   generator   the synthetic generator's edges (customer indices): fixed before any event,
//               so known at every cutoff (dated)
//   co-rating   customers who rated/bought the same product before the window's cutoff
//               (@clvlab/social-graph coRatingGraph), rebuilt for each window (dated)
//   edge file   a SNAP-style file whose labels are customer ids (Ciao's trust list): no dates,
//               possibly collected after the data, so `future_information` (undated)
// Windows: `graph` is computed before split.score.featureEnd; under the temporal protocol
// `graphFit` is computed before split.fit.featureEnd, from a graph built before that same
// bound (cross-sectional: no graphFit, the fit window is the score window).
// @clvlab/social-graph computes the features; this file builds the graph over the right node
// set and counts what it kept and dropped (`clvlab ingest --edges` prints the same counts).
import { resolveOptions } from '@clvlab/core';
import { basename } from 'node:path';
import type { EventLog } from '@clvlab/events';
import type { FeatureTable, Split } from '@clvlab/sessions';
import {
  buildGraph,
  coRatingGraph,
  customerGraphFeatures,
  DEFAULT_CO_RATING,
  type CoPurchaseReport,
  type CoRatingOptions,
  type EdgeListReport,
  type Graph,
} from '@clvlab/social-graph';
import { readEdgeList } from '@clvlab/social-graph/node';

/** Graph features per window: before split.score.featureEnd, and before split.fit.featureEnd (temporal protocol only). */
export interface WindowedGraphFeatures {
  readonly graph: FeatureTable;
  readonly graphFit?: FeatureTable;
}

/** The graph of one feature window, as the record describes it. */
export interface GraphWindowFacts {
  /** Features (and, for a built graph, its edges) use events with t < feature_end. */
  readonly feature_end: string;
  /** Graph nodes (every customer of the log), those with ≥ 1 edge (absent for a store: it keeps features, not edges), and distinct edges. */
  readonly nodes: number;
  readonly nodes_with_edges?: number;
  readonly edges: number;
  /** Products skipped as hubs by the co-rating builder (0 for other graphs). */
  readonly capped_products: number;
  /** Source-specific counts (co-rating: ratings used and capped). */
  readonly [key: string]: unknown;
}

/**
 * facts.graph of a dataset with a graph: where it comes from and whether it can know the future
 * (plus, on the index signature, source-specific facts: the co-rating cap and counts, an edge
 * file's hash and row accounting).
 */
export interface GraphFacts extends GraphWindowFacts {
  readonly source: 'generator' | 'co-rating' | 'trust' | 'edge-file';
  /** The graph is known at the feature cutoff (built from dated events, or fixed before the data). */
  readonly dated: boolean;
  /** Features may use information from at or after the cutoff (an undated graph collected later). */
  readonly future_information: boolean;
  readonly directed: boolean;
  readonly weighted: boolean;
  /** The temporal protocol's fit window (graphFit), with source-specific counts; absent under the cross-sectional protocol. */
  readonly fit?: GraphWindowFacts;
}

export interface GraphFeaturesResult {
  readonly features: WindowedGraphFeatures;
  readonly facts: GraphFacts;
}

/** Every feature cutoff a split needs: the score window, and the fit window when it ends earlier (temporal). */
export function featureWindows(split: Split): { readonly score: number; readonly fit?: number } {
  return split.protocol === 'temporal'
    ? { score: split.score.featureEnd, fit: split.fit.featureEnd }
    : { score: split.score.featureEnd };
}

function windowFacts(graph: Graph, featureEnd: number, cappedProducts: number): GraphWindowFacts {
  let withEdges = 0;
  for (let u = 0; u < graph.n; u++) if (graph.offsets[u + 1] > graph.offsets[u]) withEdges++;
  return {
    feature_end: new Date(featureEnd).toISOString(),
    nodes: graph.n,
    nodes_with_edges: withEdges,
    edges: graph.edgeCount,
    capped_products: cappedProducts,
  };
}

interface WindowGraph {
  readonly graph: Graph;
  readonly cappedProducts: number;
}

/**
 * Features of every window of the split from the graph known at that window's cutoff
 * (`graphAt(featureEnd)`; a static graph ignores the argument). `scoreOnly` skips graphFit
 * (`clvlab ingest` stores one table).
 */
async function perWindow(
  log: EventLog,
  split: Split,
  graphAt: (featureEnd: number) => WindowGraph,
  scoreOnly = false,
): Promise<{ features: WindowedGraphFeatures; score: GraphWindowFacts; fit?: GraphWindowFacts }> {
  const windows = featureWindows(split);
  const s = graphAt(windows.score);
  const graph = await customerGraphFeatures(s.graph, { log, split }, { featureEnd: windows.score });
  const score = windowFacts(s.graph, windows.score, s.cappedProducts);
  if (windows.fit === undefined || scoreOnly) return { features: { graph }, score };
  const f = graphAt(windows.fit);
  const graphFit = await customerGraphFeatures(f.graph, { log, split }, { featureEnd: windows.fit });
  return { features: { graph, graphFit }, score, fit: windowFacts(f.graph, windows.fit, f.cappedProducts) };
}

/** The synthetic generator's graph (customer indices; fixed before the events, so known at every cutoff). */
export async function generatorGraphFeatures(
  edges: { readonly src: Int32Array; readonly dst: Int32Array; readonly weight?: Float64Array },
  log: EventLog,
  split: Split,
): Promise<GraphFeaturesResult> {
  const graph = buildGraph(edges, { nodes: log.customerIds });
  const w = await perWindow(log, split, () => ({ graph, cappedProducts: 0 }));
  return {
    features: w.features,
    facts: {
      source: 'generator',
      dated: true,
      future_information: false,
      directed: false,
      weighted: graph.weights !== null,
      ...w.score,
      ...(w.fit ? { fit: w.fit } : {}),
    },
  };
}

/** The score-window features of the generator's graph (what a cross-sectional payload's `graph` is). */
export async function graphFeaturesFromEdges(
  edges: { readonly src: Int32Array; readonly dst: Int32Array; readonly weight?: Float64Array },
  log: EventLog,
  split: Split,
): Promise<FeatureTable> {
  return customerGraphFeatures(
    buildGraph(edges, { nodes: log.customerIds }),
    { log, split },
    { featureEnd: split.score.featureEnd },
  );
}

/** The co-rating graph rebuilt before each window's cutoff (coRatingGraph; weight = products both customers rated). */
export async function coRatingGraphFeatures(
  log: EventLog,
  split: Split,
  options: CoRatingOptions = {},
): Promise<GraphFeaturesResult> {
  const o = resolveOptions('benchmark/graph-features', DEFAULT_CO_RATING, options);
  const reports: CoPurchaseReport[] = [];
  const w = await perWindow(log, split, (featureEnd) => {
    const { graph, report } = coRatingGraph({ log, split }, { ...o, featureEnd });
    reports.push(report);
    return { graph, cappedProducts: report.cappedItems };
  });
  const detail = (r: CoPurchaseReport): Record<string, number> => ({
    ratings_used: r.eventsUsed,
    products: r.items,
    linking_products: r.linkingItems,
    capped_ratings: r.cappedEvents,
  });
  return {
    features: w.features,
    facts: {
      source: 'co-rating',
      dated: true,
      future_information: false,
      directed: false,
      weighted: true,
      weight: 'number of products both customers rated before the cutoff',
      max_product_raters: o.maxItemRaters,
      ...w.score,
      ...detail(reports[0]),
      ...(w.fit ? { fit: { ...w.fit, ...detail(reports[1]) } } : {}),
    },
  };
}

/**
 * Re-indexes a graph read from a file (nodes in first-appearance order of their labels) onto
 * the log's customer indices; edges touching a label that is not a customer are dropped.
 */
export function graphOverCustomers(graph: Graph, log: EventLog): { graph: Graph; kept: number; dropped: number } {
  const index = new Map<string, number>();
  log.customerIds.forEach((id, i) => index.set(id, i));
  const src: number[] = [],
    dst: number[] = [],
    weight: number[] = [];
  let dropped = 0;
  for (let i = 0; i < graph.n; i++) {
    for (let k = graph.offsets[i]; k < graph.offsets[i + 1]; k++) {
      const j = graph.targets[k];
      if (!graph.directed && j < i) continue; // an undirected edge is stored in both rows
      const a = index.get(graph.labels[i]),
        b = index.get(graph.labels[j]);
      if (a === undefined || b === undefined) {
        dropped++;
        continue;
      }
      src.push(a);
      dst.push(b);
      weight.push(graph.weights ? graph.weights[k] : 1);
    }
  }
  const g = buildGraph(
    { src, dst, weight: graph.weights ? weight : null },
    { nodes: log.customerIds, directed: graph.directed },
  );
  return { graph: g, kept: src.length, dropped };
}

/** Every row and edge of an edge file, accounted for (what `clvlab ingest --edges` reports and stores). */
export interface EdgeFileAccounting {
  /** The file's rows: rows_read = rows_kept + Σ rejected (reasons of readEdgeList: header, wrong-column-count, ...). */
  readonly rows_read: number;
  readonly rows_kept: number;
  readonly rejected: Readonly<Record<string, number>>;
  readonly comment_lines: number;
  readonly blank_lines: number;
  /** Node labels in the file, and how many of them are not customers of the log. */
  readonly file_nodes: number;
  readonly nodes_not_customers: number;
  /** Distinct edges in the file (= rows_kept); kept + dropped_not_customer = file_edges. */
  readonly file_edges: number;
  readonly kept: number;
  readonly dropped_not_customer: number;
}

export interface EdgeFileGraphFeatures extends GraphFeaturesResult {
  readonly accounting: EdgeFileAccounting;
  /** The edge file's own report (sha256, the first rejected row per reason). */
  readonly report: EdgeListReport;
}

export interface EdgeFileOptions {
  readonly directed: boolean;
  /** Fail on the first rejected row (header lines excepted), as `--strict` does for event files. */
  readonly strict?: boolean;
  /** What the file is, for facts.graph.source (Ciao's list: 'trust'). */
  readonly source?: 'trust' | 'edge-file';
  /** Only the score window (`clvlab ingest` stores one table). */
  readonly scoreOnly?: boolean;
}

/** Graph features from an undated edge-list file whose labels are customer ids, with its row and edge accounting. */
export async function edgeFileGraphFeatures(
  path: string,
  options: EdgeFileOptions,
  log: EventLog,
  split: Split,
): Promise<EdgeFileGraphFeatures> {
  const { graph: file, report } = readEdgeList(path, { directed: options.directed, strict: options.strict ?? false });
  const { graph, kept, dropped } = graphOverCustomers(file, log);
  const customers = new Set(log.customerIds);
  const nodesNotCustomers = file.labels.reduce((k, label) => k + (customers.has(label) ? 0 : 1), 0);
  const w = await perWindow(log, split, () => ({ graph, cappedProducts: 0 }), options.scoreOnly);
  const accounting: EdgeFileAccounting = {
    rows_read: report.rowsRead,
    rows_kept: report.rowsKept,
    rejected: report.rejected,
    comment_lines: report.commentLines,
    blank_lines: report.blankLines,
    file_nodes: file.n,
    nodes_not_customers: nodesNotCustomers,
    file_edges: file.edgeCount,
    kept,
    dropped_not_customer: dropped,
  };
  return {
    features: w.features,
    accounting,
    report,
    facts: {
      source: options.source ?? 'edge-file',
      dated: false,
      future_information: true,
      directed: options.directed,
      weighted: false,
      edge_file: basename(path),
      edge_file_sha256: report.sha256,
      ...accounting,
      ...w.score,
      ...(w.fit ? { fit: w.fit } : {}),
    },
  };
}
