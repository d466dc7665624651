// The kernel behind closeness and harmonic centrality (exact and pivot-sampled): for every
// source s in a slice of `sources`, walk the graph FORWARD from s and, at every node w that s
// reaches (w ≠ s), add 1 to count[w], d(s, w) to sum[w], 1/d(s, w) to inverse[w] (d > 0) and
// d² to square[w]. Summed over all sources this gives, per node, exactly the incoming-distance
// totals networkx's closeness/harmonic use (they reverse directed graphs); summed over pivots
// it gives Eppstein–Wang's sample totals.
//
// Unweighted graphs use multi-source BFS (Then et al., "The More the Merrier: Efficient
// Multi-Source Graph Traversal", VLDB 2014): 64 sources share one traversal, one bit each in
// two Uint32 words per node, so each edge is read once per level per batch instead of once per
// source; the target-side totals only need a popcount of the newly reached bits.
// Weighted graphs use Dijkstra with a binary heap on typed arrays (lazy deletion).
// Hand-written: this loop is the whole cost of exact closeness.

/** The arrays a kernel reads: one direction of a CSR. */
export interface CsrView {
  readonly n: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float64Array | null;
}

/** Per-node totals accumulated over sources (see file header). */
export interface DistanceTotals {
  readonly count: Float64Array;
  readonly sum: Float64Array;
  readonly inverse: Float64Array;
  readonly square: Float64Array;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Adds the totals of sources[from..to) into `acc`; returns the largest distance seen (for error bounds). */
export function accumulateDistances(
  csr: CsrView,
  sources: Int32Array,
  from: number,
  to: number,
  acc: DistanceTotals,
): number {
  return csr.weights ? dijkstraTotals(csr, sources, from, to, acc) : bfsTotals(csr, sources, from, to, acc);
}

// 64 sources per traversal: two Uint32 words per node, adjacent in memory, so one pass over
// an edge serves 64 sources for about the cost of 32 (the edge and node loads dominate).
function bfsTotals(csr: CsrView, sources: Int32Array, from: number, to: number, acc: DistanceTotals): number {
  const { n, offsets, targets } = csr;
  const { count, sum, inverse, square } = acc;
  const seen = new Uint32Array(2 * n),
    visit = new Uint32Array(2 * n),
    next = new Uint32Array(2 * n);
  let active = new Int32Array(n),
    nextActive = new Int32Array(n);
  let maxLevel = 0;
  for (let b0 = from; b0 < to; b0 += 64) {
    const b1 = Math.min(to, b0 + 64);
    seen.fill(0);
    let na = 0;
    for (let b = b0; b < b1; b++) {
      const s = sources[b],
        j = b - b0,
        word = 2 * s + (j >> 5),
        bit = 1 << (j & 31);
      if ((visit[2 * s] | visit[2 * s + 1]) === 0) active[na++] = s;
      seen[word] |= bit;
      visit[word] |= bit;
    }
    let level = 0;
    while (na > 0) {
      level++;
      let nn = 0;
      for (let i = 0; i < na; i++) {
        const v = active[i],
          lo = visit[2 * v],
          hi = visit[2 * v + 1];
        for (let e = offsets[v], end = offsets[v + 1]; e < end; e++) {
          const w2 = targets[e] << 1;
          const dlo = lo & ~seen[w2],
            dhi = hi & ~seen[w2 + 1];
          if ((dlo | dhi) !== 0) {
            if ((next[w2] | next[w2 + 1]) === 0) nextActive[nn++] = w2 >> 1;
            next[w2] |= dlo;
            next[w2 + 1] |= dhi;
          }
        }
      }
      for (let i = 0; i < na; i++) {
        const v2 = active[i] << 1;
        visit[v2] = 0;
        visit[v2 + 1] = 0;
      }
      const inv = 1 / level,
        sq = level * level;
      for (let i = 0; i < nn; i++) {
        const w = nextActive[i],
          w2 = w << 1,
          dlo = next[w2],
          dhi = next[w2 + 1];
        next[w2] = 0;
        next[w2 + 1] = 0;
        seen[w2] |= dlo;
        seen[w2 + 1] |= dhi;
        visit[w2] = dlo;
        visit[w2 + 1] = dhi;
        const c = popcount(dlo) + popcount(dhi);
        count[w] += c;
        sum[w] += c * level;
        inverse[w] += c * inv;
        square[w] += c * sq;
      }
      [active, nextActive] = [nextActive, active];
      na = nn;
    }
    if (level - 1 > maxLevel) maxLevel = level - 1;
  }
  return maxLevel;
}

function dijkstraTotals(csr: CsrView, sources: Int32Array, from: number, to: number, acc: DistanceTotals): number {
  const { n, offsets, targets } = csr;
  const weights = csr.weights as Float64Array;
  const { count, sum, inverse, square } = acc;
  const dist = new Float64Array(n),
    stamp = new Int32Array(n).fill(-1),
    done = new Int32Array(n).fill(-1);
  let heapD = new Float64Array(1024),
    heapV = new Int32Array(1024);
  let maxDist = 0;
  for (let k = from; k < to; k++) {
    const s = sources[k];
    let size = 0;
    const push = (d: number, v: number): void => {
      if (size === heapD.length) {
        const d2 = new Float64Array(size * 2);
        d2.set(heapD);
        heapD = d2;
        const v2 = new Int32Array(size * 2);
        v2.set(heapV);
        heapV = v2;
      }
      let i = size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heapD[p] <= d) break;
        heapD[i] = heapD[p];
        heapV[i] = heapV[p];
        i = p;
      }
      heapD[i] = d;
      heapV[i] = v;
    };
    stamp[s] = k;
    dist[s] = 0;
    push(0, s);
    while (size > 0) {
      const d = heapD[0],
        v = heapV[0];
      // Pop: move the last element down from the root.
      const lastD = heapD[--size],
        lastV = heapV[size];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && heapD[c + 1] < heapD[c]) c++;
        if (heapD[c] >= lastD) break;
        heapD[i] = heapD[c];
        heapV[i] = heapV[c];
        i = c;
      }
      heapD[i] = lastD;
      heapV[i] = lastV;
      if (done[v] === k || d > dist[v]) continue;
      done[v] = k;
      if (v !== s) {
        count[v] += 1;
        sum[v] += d;
        square[v] += d * d;
        if (d > 0) inverse[v] += 1 / d;
        if (d > maxDist) maxDist = d;
      }
      for (let e = offsets[v], end = offsets[v + 1]; e < end; e++) {
        const w = targets[e],
          nd = d + weights[e];
        if (stamp[w] !== k || nd < dist[w]) {
          stamp[w] = k;
          dist[w] = nd;
          push(nd, w);
        }
      }
    }
  }
  return maxDist;
}
