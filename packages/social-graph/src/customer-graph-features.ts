// Per-customer social-graph features for the benchmark (`+social` models), aligned with
// split.customers. Graph nodes are customer indices (log.customerIds). Columns:
//   graph_pagerank            PageRank (networkx semantics, weighted when the graph is)
//   graph_closeness           closeness, Wasserman–Faust; Eppstein–Wang pivots above 20k nodes
//   graph_harmonic            harmonic centrality (same exact/approximate rule)
//   graph_degree              number of neighbours (total degree on directed graphs)
//   graph_component_size      size of the customer's (weakly) connected component
//   graph_nbr_mean_purchases  mean over neighbours of their purchase count in [split.start, featureEnd)
//   graph_nbr_mean_revenue    mean over neighbours of their revenue (purchases + returns) in that window
//   graph_nbr_share_purchased share of neighbours with ≥ 1 purchase in that window
//   graph_nbr_recent_purchases network exposure (Valente 1995, "Network Models of the Diffusion
//                             of Innovations", eq. 5.1, with purchase counts in place of 0/1
//                             adoption): mean over neighbours of their purchases in
//                             [featureEnd − recentMs, featureEnd)
// Neighbour means are weighted by edge weight (plain means on unweighted graphs), self-loops
// skipped. Neighbours are out-neighbours on directed graphs (whom the customer follows/trusts).
// Exposure replaced a count of recently buying neighbours: a count grows with degree, so on
// the synthetic benchmark (contagion through the weighted mean of neighbours' orders) it
// mostly repeated graph_degree, and rfm-linear+social gained less from it.
// Only events with t < featureEnd are read; featureEnd defaults to split.score.featureEnd and
// the temporal protocol passes split.fit.featureEnd (build the graph with the same bound).
import { resolveOptions } from '@clvlab/core';
import { EventType, type EventLog } from '@clvlab/events';
import type { FeatureTable, Split } from '@clvlab/sessions';
import type { Graph } from './graph.ts';
import { pagerank } from './pagerank.ts';
import { closenessFromTotals } from './closeness.ts';
import { degree } from './degree.ts';
import { components } from './components.ts';
import { DEFAULT_CENTRALITY, distanceTotals } from './distance-totals.ts';

export const CUSTOMER_GRAPH_FEATURE_NAMES = Object.freeze([
  'graph_pagerank',
  'graph_closeness',
  'graph_harmonic',
  'graph_degree',
  'graph_component_size',
  'graph_nbr_mean_purchases',
  'graph_nbr_mean_revenue',
  'graph_nbr_share_purchased',
  'graph_nbr_recent_purchases',
] as const);

export const DEFAULT_CUSTOMER_GRAPH_FEATURES = Object.freeze({
  /** Features use events before this (NaN = split.score.featureEnd; temporal fits pass split.fit.featureEnd). */
  featureEnd: Number.NaN as number,
  /** "Recent" neighbour purchases: the 4 weeks before featureEnd. */
  recentMs: (28 * 24 * 3600 * 1000) as number,
  /** Closeness/harmonic: exact below the threshold, pivots above (see DEFAULT_CENTRALITY). */
  approx: DEFAULT_CENTRALITY.approx,
  workers: DEFAULT_CENTRALITY.workers,
  seed: 0 as number,
});
export type CustomerGraphFeatureOptions = Partial<typeof DEFAULT_CUSTOMER_GRAPH_FEATURES>;

/** Per cohort customer graph features (column names in CUSTOMER_GRAPH_FEATURE_NAMES). */
export async function customerGraphFeatures(
  graph: Graph,
  task: { readonly log: EventLog; readonly split: Split },
  options: CustomerGraphFeatureOptions = {},
): Promise<FeatureTable> {
  const o = resolveOptions('social-graph/customer-graph-features', DEFAULT_CUSTOMER_GRAPH_FEATURES, options);
  const { log, split } = task;
  const featureEnd = Number.isNaN(o.featureEnd) ? split.score.featureEnd : o.featureEnd;
  if (graph.n < log.customerIds.length)
    throw new Error(
      `social-graph/customer-graph-features: graph has ${graph.n} nodes but the log has ${log.customerIds.length} customers`,
    );
  const purchases = new Float64Array(graph.n),
    revenue = new Float64Array(graph.n),
    recent = new Float64Array(graph.n);
  for (let e = 0; e < log.length; e++) {
    const t = log.t[e];
    if (t < split.start || t >= featureEnd) continue;
    const c = log.customer[e],
      ty = log.type[e];
    if (ty === EventType.purchase) {
      purchases[c]++;
      revenue[c] += log.amount[e];
      if (t >= featureEnd - o.recentMs) recent[c]++;
    } else if (ty === EventType.return) revenue[c] += log.amount[e];
  }
  const centrality = { approx: o.approx, workers: o.workers, seed: o.seed };
  const pr = pagerank(graph).values;
  const totals = await distanceTotals(graph, centrality);
  const clo = closenessFromTotals(totals).values,
    har = totals.inverse;
  const deg = degree(graph);
  const comp = components(graph).sizeOfNode;
  const k = split.customers.length;
  const cols = CUSTOMER_GRAPH_FEATURE_NAMES.map(() => new Float64Array(k));
  const { offsets, targets, weights } = graph;
  for (let i = 0; i < k; i++) {
    const c = split.customers[i];
    cols[0][i] = pr[c];
    cols[1][i] = clo[c];
    cols[2][i] = har[c];
    cols[3][i] = deg[c];
    cols[4][i] = comp[c];
    let m = 0,
      p = 0,
      r = 0,
      bought = 0,
      rec = 0;
    for (let e = offsets[c]; e < offsets[c + 1]; e++) {
      const v = targets[e];
      if (v === c) continue;
      const w = weights ? weights[e] : 1;
      m += w;
      p += w * purchases[v];
      r += w * revenue[v];
      if (purchases[v] > 0) bought += w;
      rec += w * recent[v];
    }
    if (m > 0) {
      cols[5][i] = p / m;
      cols[6][i] = r / m;
      cols[7][i] = bought / m;
      cols[8][i] = rec / m;
    }
  }
  return Object.freeze({ names: CUSTOMER_GRAPH_FEATURE_NAMES, columns: Object.freeze(cols) });
}
