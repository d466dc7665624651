// Closeness centrality — Freeman (1979), "Centrality in social networks: conceptual
// clarification", C(u) = (r − 1)/Σ_v d(v, u), with the Wasserman & Faust (1994, Social Network
// Analysis, eq. 5.3, p. 201) correction for disconnected graphs, C_WF(u) = ((r − 1)/(n − 1)) ·
// (r − 1)/Σ_v d(v, u), where r − 1 nodes reach u. As in networkx 3.x `closeness_centrality`
// (wf_improved=True): directed graphs use INCOMING distances d(v, u), weighted graphs use edge
// weights as distances, and a node nobody reaches (Σd = 0) scores 0.
// Exact totals run on the worker pool; large graphs use Eppstein–Wang pivots (distance-totals.ts).
import type { Graph } from './graph.ts';
import { distanceTotals, type Approximation, type CentralityOptions, type Totals } from './distance-totals.ts';

export interface CentralityResult {
  /** Value per node index. */
  readonly values: Float64Array;
  /** null when exact; otherwise the pivot sample and its stated/estimated error. */
  readonly approximation: Approximation | null;
}

/** Closeness centrality per node (networkx semantics, exact or pivot-sampled). */
export async function closeness(graph: Graph, options: CentralityOptions = {}): Promise<CentralityResult> {
  return closenessFromTotals(await distanceTotals(graph, options), options.wfImproved ?? true);
}

/** Closeness from precomputed totals (share one traversal between closeness and harmonic). */
export function closenessFromTotals(totals: Totals, wfImproved = true): CentralityResult {
  const n = totals.n;
  const values = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    const r = totals.count[u],
      s = totals.sum[u];
    if (s > 0 && n > 1) values[u] = wfImproved ? (r / s) * (r / (n - 1)) : r / s;
  }
  return Object.freeze({ values, approximation: totals.approximation });
}
