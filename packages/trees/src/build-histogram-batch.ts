// A batch of node histograms, the unit of work a fit hands out (README §Threads): the nodes of
// one tree level whose histograms are needed, each with its row range, its feature list and the
// histogram buffer to fill. With several threads, thread `part` of `parts` fills a contiguous
// slice of every node's feature list, so the threads write disjoint slots and each (node,
// feature, bin) sum still runs over the node's rows in order: bit-identical to one thread
// building everything. Splitting by rows instead would change the order of the additions.
// Pure and browser-safe: the calling thread and the worker threads run the same function.
import { buildHistogram } from './build-histogram.ts';

/** Ints per node in HistogramBatch.nodes: histogram id, row start, row end, feature offset, feature count. */
export const BATCH_NODE_FIELDS = 5;

/** What the threads read and write: the fit's buffers (on SharedArrayBuffers when threads > 1). */
export interface HistogramView {
  /** Column-major bins of the training matrix. */
  readonly bins: Uint8Array;
  /** Rows of the training matrix (the column stride of `bins`). */
  readonly n: number;
  /** Row indices; a node owns rows[start, end). */
  readonly rows: Int32Array;
  /** Gradients by position: nodeGh[2k], nodeGh[2k + 1] are g, h of rows[k] (gathered before the batch). */
  readonly nodeGh: Float64Array;
  /** Histogram buffers by id. */
  readonly hists: readonly Float64Array[];
}

/** The nodes to histogram: BATCH_NODE_FIELDS ints per node, feature lists at features[offset, offset + count). */
export interface HistogramBatch {
  readonly nodes: Int32Array;
  readonly features: Int32Array;
}

/** A batch as a fit yields it, with the buffers it is built in (threads receive those once per fit). */
export interface BatchRequest extends HistogramBatch {
  readonly view: HistogramView;
}

/** A fit as a coroutine: it yields every batch of histograms it needs and returns the model. */
export type FitSteps<T> = Generator<BatchRequest, T, void>;

/** Thread `part`'s [from, to) of a `count`-feature list, cut at multiples of 4 (buildHistogram's pass width). */
export function featureRange(count: number, part: number, parts: number): [number, number] {
  const cut = (w: number): number => (w >= parts ? count : Math.min(count, 4 * Math.round((w * count) / (4 * parts))));
  return [cut(part), cut(part + 1)];
}

/** Fills thread `part`'s slice of every node's histogram in the batch (all of it when parts = 1). */
export function buildHistogramBatch(view: HistogramView, batch: HistogramBatch, part: number, parts: number): void {
  const { nodes, features } = batch;
  for (let i = 0; i < nodes.length; i += BATCH_NODE_FIELDS) {
    const start = nodes[i + 1],
      end = nodes[i + 2],
      offset = nodes[i + 3],
      count = nodes[i + 4];
    const [from, to] = featureRange(count, part, parts);
    if (from === to) continue;
    const input = {
      bins: view.bins,
      n: view.n,
      rows: view.rows,
      start,
      end,
      nodeGh: view.nodeGh.subarray(2 * start, 2 * end),
      features: features.subarray(offset, offset + count),
    };
    buildHistogram(input, from, to, view.hists[nodes[i]]);
  }
}
