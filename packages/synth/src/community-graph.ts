// Undirected social graph with communities and heavy-tailed degrees: a degree-corrected
// stochastic block model (Karrer & Newman 2011, "Stochastic blockmodels and community
// structure in networks", Phys. Rev. E 83, 016107, eq. 1: E[A_uv] ∝ θ_u θ_v ω_{g_u g_v}),
// sampled edge by edge: the first endpoint u ∝ θ_u, the second ∝ θ_v inside u's community
// with probability `intra`, else ∝ θ_v over everyone. θ ~ Pareto(tail) gives hubs.
// Hand-written: graphology-generators has no DC-SBM, and this is O(E log N) on typed arrays.
import type { Rng } from '@clvlab/core';
import type { SyntheticEdges } from './synthetic-data.ts';

export interface CommunityGraph {
  readonly community: Int32Array;
  readonly edges: SyntheticEdges;
  /** CSR adjacency (both directions): neighbours of u are adj[offsets[u] .. offsets[u+1]). */
  readonly offsets: Int32Array;
  readonly adj: Int32Array;
  readonly adjWeight: Float64Array;
  /** Sum of edge weights per node (0 for isolated nodes). */
  readonly strength: Float64Array;
}

export interface CommunityGraphOptions {
  customers: number;
  communities: number;
  meanDegree: number;
  degreeTail: number;
  intraCommunity: number;
}

/** Samples the graph; deterministic given the rng state. */
export function communityGraph(o: CommunityGraphOptions, rng: Rng): CommunityGraph {
  const n = o.customers,
    k = Math.min(o.communities, n);
  // Community sizes ∝ Gamma(2) weights: unequal but none tiny.
  const share = new Float64Array(k);
  let shareSum = 0;
  for (let c = 0; c < k; c++) {
    share[c] = rng.gamma(2);
    shareSum += share[c];
  }
  const cumShare = new Float64Array(k);
  for (let c = 0, acc = 0; c < k; c++) {
    acc += share[c] / shareSum;
    cumShare[c] = acc;
  }
  const community = new Int32Array(n);
  const theta = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    community[u] = Math.min(k - 1, lowerBound(cumShare, 0, k, rng.next()));
    theta[u] = Math.pow(1 - rng.next(), -1 / (o.degreeTail - 1));
  }
  // Members grouped by community with cumulative θ, for "∝ θ inside a community" draws.
  const start = new Int32Array(k + 1);
  for (let u = 0; u < n; u++) start[community[u] + 1]++;
  for (let c = 0; c < k; c++) start[c + 1] += start[c];
  const members = new Int32Array(n),
    fill = start.slice(0, k);
  for (let u = 0; u < n; u++) members[fill[community[u]]++] = u;
  const cum = new Float64Array(n);
  for (let c = 0; c < k; c++) {
    let acc = 0;
    for (let j = start[c]; j < start[c + 1]; j++) {
      acc += theta[members[j]];
      cum[j] = acc;
    }
  }
  const globalCum = new Float64Array(n);
  for (let u = 0, acc = 0; u < n; u++) {
    acc += theta[u];
    globalCum[u] = acc;
  }
  const total = globalCum[n - 1];

  const m = Math.round((n * o.meanDegree) / 2);
  const keys = new Float64Array(m);
  let kept = 0;
  for (let e = 0; e < m; e++) {
    const u = Math.min(n - 1, lowerBound(globalCum, 0, n, rng.next() * total));
    let v: number;
    if (rng.next() < o.intraCommunity) {
      const c = community[u],
        lo = start[c],
        hi = start[c + 1];
      const j = lowerBound(cum, lo, hi, rng.next() * cum[hi - 1]); // cum restarts at each community
      v = members[Math.min(hi - 1, j)];
    } else {
      v = Math.min(n - 1, lowerBound(globalCum, 0, n, rng.next() * total));
    }
    if (u === v) continue; // no self-loops
    keys[kept++] = u < v ? u * n + v : v * n + u;
  }
  // Duplicates collapse into one edge (sorted keys make the edge order canonical).
  const sorted = keys.subarray(0, kept).sort();
  let unique = 0;
  for (let i = 0; i < kept; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[unique++] = sorted[i];
  const src = new Int32Array(unique),
    dst = new Int32Array(unique),
    weight = new Float64Array(unique);
  const degree = new Int32Array(n);
  for (let i = 0; i < unique; i++) {
    src[i] = Math.floor(sorted[i] / n);
    dst[i] = sorted[i] - src[i] * n;
    weight[i] = rng.gamma(2) / 2; // tie strength, mean 1
    degree[src[i]]++;
    degree[dst[i]]++;
  }
  const offsets = new Int32Array(n + 1);
  for (let u = 0; u < n; u++) offsets[u + 1] = offsets[u] + degree[u];
  const adj = new Int32Array(2 * unique),
    adjWeight = new Float64Array(2 * unique),
    pos = offsets.slice(0, n);
  const strength = new Float64Array(n);
  for (let i = 0; i < unique; i++) {
    const a = src[i],
      b = dst[i],
      w = weight[i];
    adj[pos[a]] = b;
    adjWeight[pos[a]++] = w;
    adj[pos[b]] = a;
    adjWeight[pos[b]++] = w;
    strength[a] += w;
    strength[b] += w;
  }
  return { community, edges: { src, dst, weight }, offsets, adj, adjWeight, strength };
}

/** First index j in [lo, hi) with a[j] >= x (hi when none). */
function lowerBound(a: Float64Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
