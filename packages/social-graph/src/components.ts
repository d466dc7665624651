// Connected components (weakly connected for directed graphs, as networkx
// `weakly_connected_components`): union–find with path halving over the edge list, then
// components numbered 0.. in order of their smallest node, with their sizes.
import type { Graph } from './graph.ts';

export interface Components {
  /** Component id per node index (0 = the component of node 0, ...). */
  readonly id: Int32Array;
  /** Size per component id. */
  readonly size: Int32Array;
  /** Size of the node's own component, per node index. */
  readonly sizeOfNode: Int32Array;
}

/** Weakly connected components with sizes. */
export function components(graph: Graph): Components {
  const n = graph.n;
  const parent = new Int32Array(n).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const { offsets, targets } = graph;
  for (let u = 0; u < n; u++) {
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const a = find(u),
        b = find(targets[e]);
      if (a !== b) parent[a < b ? b : a] = a < b ? a : b;
    }
  }
  const id = new Int32Array(n).fill(-1),
    rootId = new Int32Array(n).fill(-1);
  let count = 0;
  for (let u = 0; u < n; u++) {
    const r = find(u);
    if (rootId[r] < 0) rootId[r] = count++;
    id[u] = rootId[r];
  }
  const size = new Int32Array(count);
  for (let u = 0; u < n; u++) size[id[u]]++;
  const sizeOfNode = new Int32Array(n);
  for (let u = 0; u < n; u++) sizeOfNode[u] = size[id[u]];
  return Object.freeze({ id, size, sizeOfNode });
}
