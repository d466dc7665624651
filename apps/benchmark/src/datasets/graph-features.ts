// Per-customer social-graph features for the `+social` models, from the synthetic
// generator's edges (customer indices) or from a SNAP-style edge file whose node labels are
// customer ids (Ciao's trust list). @clvlab/social-graph computes the features; this file
// only builds the graph over the right node set (and counts the edges it keeps and drops, for
// `clvlab ingest --edges`). Without a published `customerGraphFeatures`
// the dataset simply has no graph and `+social` models are not scheduled on it.
import type { EventLog } from '@clvlab/events';
import type { FeatureTable, Split } from '@clvlab/sessions';
import * as socialGraph from '@clvlab/social-graph';
import { buildGraph, readEdgeList, type Graph } from '@clvlab/social-graph';

type FeaturesFn = (graph: Graph, input: { log: EventLog; split: Split }) => Promise<FeatureTable> | FeatureTable;
const features = (socialGraph as unknown as { customerGraphFeatures?: FeaturesFn }).customerGraphFeatures;

/** Graph features from edge arrays over customer indices (nodes = log.customerIds). */
export async function graphFeaturesFromEdges(
  edges: { readonly src: Int32Array; readonly dst: Int32Array; readonly weight?: Float64Array },
  log: EventLog,
  split: Split,
): Promise<FeatureTable | undefined> {
  if (!features) return undefined;
  return features(buildGraph(edges, { nodes: log.customerIds }), { log, split });
}

/**
 * Re-indexes a graph read from a file (nodes in first-appearance order of their labels) onto
 * the log's customer indices; edges touching a label that is not a customer are dropped.
 */
export function graphOverCustomers(graph: Graph, log: EventLog): { graph: Graph; kept: number; dropped: number } {
  const index = new Map<string, number>();
  log.customerIds.forEach((id, i) => index.set(id, i));
  const src: number[] = [], dst: number[] = [], weight: number[] = [];
  let dropped = 0;
  for (let i = 0; i < graph.n; i++) {
    for (let k = graph.offsets[i]; k < graph.offsets[i + 1]; k++) {
      const j = graph.targets[k];
      if (!graph.directed && j < i) continue; // an undirected edge is stored in both rows
      const a = index.get(graph.labels[i]), b = index.get(graph.labels[j]);
      if (a === undefined || b === undefined) { dropped++; continue; }
      src.push(a); dst.push(b); weight.push(graph.weights ? graph.weights[k] : 1);
    }
  }
  const g = buildGraph({ src, dst, weight: graph.weights ? weight : null }, { nodes: log.customerIds, directed: graph.directed } as Parameters<typeof buildGraph>[1]);
  return { graph: g, kept: src.length, dropped };
}

/** Graph features from an edge file plus the accounting of its edges (what `clvlab ingest --edges` reports). */
export interface FileGraphFeatures {
  readonly table: FeatureTable;
  /** Node labels in the file, and how many of them are not customers of the log. */
  readonly fileNodes: number;
  readonly nodesNotCustomers: number;
  /** Distinct edges in the file (readEdgeList collapses repeated lines, networkx rule). */
  readonly fileEdges: number;
  /** Edges kept (both ends are customers) and dropped (a label is not a customer); kept + dropped = fileEdges. */
  readonly kept: number;
  readonly dropped: number;
}

/** Graph features from an edge-list file whose labels are customer ids, with edge counts; undefined without customerGraphFeatures. */
export async function graphFeaturesWithCounts(path: string, directed: boolean, log: EventLog, split: Split): Promise<FileGraphFeatures | undefined> {
  if (!features) return undefined;
  const file = readEdgeList(path, { directed } as Parameters<typeof readEdgeList>[1]);
  const { graph, kept, dropped } = graphOverCustomers(file, log);
  const customers = new Set(log.customerIds);
  const nodesNotCustomers = file.labels.reduce((k, label) => k + (customers.has(label) ? 0 : 1), 0);
  const table = await features(graph, { log, split });
  return { table, fileNodes: file.n, nodesNotCustomers, fileEdges: file.edgeCount, kept, dropped };
}

/** Graph features from an edge-list file whose labels are customer ids. */
export async function graphFeaturesFromFile(path: string, directed: boolean, log: EventLog, split: Split): Promise<FeatureTable | undefined> {
  return (await graphFeaturesWithCounts(path, directed, log, split))?.table;
}
