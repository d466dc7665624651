// @clvlab/social-graph: graphs, centralities and graph features, browser-safe (no `node:` import
// at load; packages/core/tests/browser-safe-entries.test.ts): a call with `workers` other than 1
// loads the worker pool then (Node only). The edge-list file reader and the pool itself are in
// `@clvlab/social-graph/node`.
export { buildGraph, DEFAULT_BUILD_GRAPH } from './graph.ts';
export type { Graph, EdgeArrays, BuildGraphOptions } from './graph.ts';
export type { ReadEdgeListOptions, EdgeListReport, EdgeListResult } from './read-edge-list.ts';
export { pagerank, DEFAULT_PAGERANK } from './pagerank.ts';
export type { PageRankOptions, PageRankResult } from './pagerank.ts';
export { closeness, closenessFromTotals } from './closeness.ts';
export type { CentralityResult } from './closeness.ts';
export { harmonic } from './harmonic.ts';
export { distanceTotals, DEFAULT_CENTRALITY } from './distance-totals.ts';
export type { CentralityOptions, Approximation, Totals } from './distance-totals.ts';
export { betweenness, DEFAULT_BETWEENNESS } from './betweenness.ts';
export type { BetweennessOptions, BetweennessResult } from './betweenness.ts';
export { degree, DEFAULT_DEGREE } from './degree.ts';
export type { DegreeOptions } from './degree.ts';
export { components } from './components.ts';
export type { Components } from './components.ts';
export { accumulateDistances } from './accumulate-distances.ts';
export type { CsrView, DistanceTotals } from './accumulate-distances.ts';
export { sourceDistanceTotals } from './source-distance-totals.ts';
export type { SourceTotals } from './source-distance-totals.ts';
export { coPurchaseGraph, DEFAULT_CO_PURCHASE } from './co-purchase-graph.ts';
export type { CoPurchaseOptions, CoPurchaseGraph, CoPurchaseReport } from './co-purchase-graph.ts';
export { coRatingGraph, DEFAULT_CO_RATING } from './co-rating-graph.ts';
export type { CoRatingOptions } from './co-rating-graph.ts';
export {
  customerGraphFeatures,
  CUSTOMER_GRAPH_FEATURE_NAMES,
  DEFAULT_CUSTOMER_GRAPH_FEATURES,
} from './customer-graph-features.ts';
export type { CustomerGraphFeatureOptions } from './customer-graph-features.ts';
export { relabelForLocality } from './locality-order.ts';
export type { Relabelled } from './locality-order.ts';
