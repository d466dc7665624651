// Distance totals for a given set of nodes (the "source side"): for each s in `sources`,
// count[k], sum[k] and inverse[k] over all nodes that s reaches in `csr`. Pass the incoming
// CSR of a directed graph to get the incoming-distance totals closeness uses for those nodes
// only — exact values for a sample, as the check of the pivot approximation needs. Multi-source
// BFS (Then et al., VLDB 2014; see accumulate-distances.ts) with one bit per source, but each
// newly reached bit is credited to its own source instead of to the reached node.
import type { CsrView } from './accumulate-distances.ts';

export interface SourceTotals {
  readonly count: Float64Array;
  readonly sum: Float64Array;
  readonly inverse: Float64Array;
}

/** Per-source reach count, Σd and Σ1/d (unweighted BFS), aligned with `sources`. */
export function sourceDistanceTotals(csr: CsrView, sources: Int32Array): SourceTotals {
  const { n, offsets, targets } = csr;
  const k = sources.length;
  const count = new Float64Array(k),
    sum = new Float64Array(k),
    inverse = new Float64Array(k);
  const seen = new Uint32Array(n),
    visit = new Uint32Array(n),
    next = new Uint32Array(n);
  let active = new Int32Array(n),
    nextActive = new Int32Array(n);
  for (let b0 = 0; b0 < k; b0 += 32) {
    const b1 = Math.min(k, b0 + 32);
    seen.fill(0);
    let na = 0;
    for (let b = b0; b < b1; b++) {
      const s = sources[b],
        bit = 1 << (b - b0);
      if (visit[s] === 0) active[na++] = s;
      seen[s] |= bit;
      visit[s] |= bit;
    }
    let level = 0;
    while (na > 0) {
      level++;
      let nn = 0;
      for (let i = 0; i < na; i++) {
        const v = active[i],
          bits = visit[v];
        for (let e = offsets[v], end = offsets[v + 1]; e < end; e++) {
          const w = targets[e],
            d = bits & ~seen[w];
          if (d !== 0) {
            if (next[w] === 0) nextActive[nn++] = w;
            next[w] |= d;
          }
        }
      }
      for (let i = 0; i < na; i++) visit[active[i]] = 0;
      const inv = 1 / level;
      for (let i = 0; i < nn; i++) {
        const w = nextActive[i];
        let d = next[w];
        next[w] = 0;
        seen[w] |= d;
        visit[w] = d;
        while (d !== 0) {
          const b = b0 + 31 - Math.clz32(d & -d);
          d &= d - 1;
          count[b] += 1;
          sum[b] += level;
          inverse[b] += inv;
        }
      }
      [active, nextActive] = [nextActive, active];
      na = nn;
    }
  }
  return Object.freeze({ count, sum, inverse });
}
