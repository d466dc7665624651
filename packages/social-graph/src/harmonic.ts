// Harmonic centrality — Marchiori & Latora (2000), "Harmony in the small-world", Physica A
// 285; Boldi & Vigna (2014), "Axioms for centrality", Internet Math. 10, H(u) = Σ_{v≠u} 1/d(v, u)
// (1/∞ = 0, so disconnected graphs need no correction). Same conventions as networkx 3.x
// `harmonic_centrality`: incoming distances on directed graphs, zero distances skipped, no
// normalisation. Exact on the worker pool, Eppstein–Wang pivots on large graphs.
import type { Graph } from './graph.ts';
import { distanceTotals, type CentralityOptions } from './distance-totals.ts';
import type { CentralityResult } from './closeness.ts';

/** Harmonic centrality per node (networkx semantics, exact or pivot-sampled). */
export async function harmonic(graph: Graph, options: CentralityOptions = {}): Promise<CentralityResult> {
  const totals = await distanceTotals(graph, options);
  return Object.freeze({ values: Float64Array.from(totals.inverse), approximation: totals.approximation });
}
