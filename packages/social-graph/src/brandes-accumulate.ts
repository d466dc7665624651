// Brandes (2001), "A faster algorithm for betweenness centrality", J. Math. Sociology 25(2):
// for each source s, one BFS counts shortest paths σ_sv (eq. Lemma 3: σ_sw = Σ_{v ∈ P_s(w)} σ_sv),
// then dependencies are accumulated in reverse BFS order, δ_s(v) = Σ_{w : v ∈ P_s(w)}
// σ_sv/σ_sw · (1 + δ_s(w)) (Theorem 6), and added to the betweenness of v ≠ s. Predecessor
// lists are not stored: v is a predecessor of w iff v→w is an edge and d(v) = d(w) − 1, found
// by scanning w's incoming CSR, which keeps memory at a few n-length typed arrays.
// Unweighted only (sampled betweenness is a feature, not a reference metric here).
import type { CsrView } from './accumulate-distances.ts';

/** Adds the (unnormalised) dependencies of sources[from..to) into `out`. */
export function brandesAccumulate(
  forward: CsrView,
  backward: CsrView,
  sources: Int32Array,
  from: number,
  to: number,
  out: Float64Array,
): void {
  const n = forward.n;
  const { offsets, targets } = forward;
  const inOff = backward.offsets,
    inTg = backward.targets;
  const dist = new Int32Array(n).fill(-1),
    sigma = new Float64Array(n),
    delta = new Float64Array(n);
  const order = new Int32Array(n);
  for (let k = from; k < to; k++) {
    const s = sources[k];
    let head = 0,
      tail = 0;
    dist[s] = 0;
    sigma[s] = 1;
    order[tail++] = s;
    while (head < tail) {
      const v = order[head++],
        dv = dist[v] + 1,
        sv = sigma[v];
      for (let e = offsets[v], end = offsets[v + 1]; e < end; e++) {
        const w = targets[e];
        if (dist[w] < 0) {
          dist[w] = dv;
          order[tail++] = w;
        }
        if (dist[w] === dv) sigma[w] += sv;
      }
    }
    for (let i = tail - 1; i > 0; i--) {
      const w = order[i],
        dw = dist[w] - 1,
        coeff = (1 + delta[w]) / sigma[w];
      for (let e = inOff[w], end = inOff[w + 1]; e < end; e++) {
        const v = inTg[e];
        if (dist[v] === dw) delta[v] += sigma[v] * coeff;
      }
      out[w] += delta[w];
    }
    for (let i = 0; i < tail; i++) {
      const v = order[i];
      dist[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
    }
  }
}
