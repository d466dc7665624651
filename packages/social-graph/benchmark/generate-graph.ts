// Seeded Barabási–Albert graphs for the performance suite (Barabási & Albert (1999),
// "Emergence of scaling in random networks", Science 286): each new node links to m distinct
// existing nodes chosen with probability proportional to degree (the repeated-endpoints list
// trick), giving ≈ m·n edges with the heavy-tailed degrees and small diameter of social graphs.
import { createRng } from '@clvlab/core';

export interface GeneratedEdges {
  readonly n: number;
  readonly src: Int32Array;
  readonly dst: Int32Array;
}

/** A seeded BA graph with n nodes and m edges per new node (≈ m·n undirected edges). */
export function generateBarabasiAlbert(n: number, m: number, seed: number): GeneratedEdges {
  const rng = createRng(seed, 0xba);
  const edges = (n - m) * m;
  const src = new Int32Array(edges),
    dst = new Int32Array(edges);
  const repeated = new Int32Array(2 * edges);
  let r = 0,
    e = 0;
  const chosen = new Int32Array(m);
  for (let v = m; v < n; v++) {
    let c = 0;
    while (c < m) {
      const t = v === m ? c : repeated[rng.int(r)];
      let dup = false;
      for (let i = 0; i < c; i++)
        if (chosen[i] === t) {
          dup = true;
          break;
        }
      if (!dup) chosen[c++] = t;
    }
    for (let i = 0; i < m; i++) {
      src[e] = v;
      dst[e++] = chosen[i];
      repeated[r++] = v;
      repeated[r++] = chosen[i];
    }
  }
  return { n, src, dst };
}

/** Writes the edges as a space-separated edge list (for networkx). */
export function edgeListText(g: GeneratedEdges): string {
  const parts: string[] = new Array(g.src.length);
  for (let i = 0; i < g.src.length; i++) parts[i] = `${g.src[i]} ${g.dst[i]}`;
  return parts.join('\n') + '\n';
}
