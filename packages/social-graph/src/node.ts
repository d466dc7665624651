// @clvlab/social-graph/node: the Node-only half (docs/architecture.md §Runtime): the edge-list
// file reader and the worker pool the centralities use for `workers` ≠ 1 (core's pool, worker
// threads). Graphs and every algorithm are in the browser-safe `@clvlab/social-graph`.
export { readEdgeList, DEFAULT_READ_EDGE_LIST } from './read-edge-list.ts';
export type { ReadEdgeListOptions, EdgeListReport, EdgeListResult } from './read-edge-list.ts';
export { GraphPool } from './graph-pool.ts';
export { closeGraphPools, graphPool } from './graph-pools.ts';
