// Depth-wise growth of one histogram tree (XGBoost's grow_policy=depthwise): every node of a
// level is split before the next level, up to maxDepth. Each node owns a contiguous range of a
// row-index array, partitioned stably (ascending row order is kept, so the column reads of the
// histogram loop stay monotone). With all of the tree's features histogrammed at every node,
// only the child with fewer rows is built and its sibling is parent − child (the subtraction
// trick, Ke et al. 2017 §3); with a random feature subset per node (random forest), each node
// builds its own histogram over just those features, which is cheaper than subtraction.
//
// grow() is a generator: it yields each batch of histograms it needs (BatchRequest) and the
// driver builds it, in this thread (runInThread) or split by feature across worker threads
// (runOnWorkers), so one code path serves both and the trees are bit-identical. A batch is a
// whole level: first the smaller children (and the root), then the subtractions, then the
// splits in node order; with per-node features, the level's nodes in groups that bound the
// histograms held at once (one node at a time on one thread, as before batching). The feature
// draws stay in node order, so the random forest consumes its stream exactly as one node at a
// time did.
//
// Leaf output = leafOffset + leafScale · (−G / (H + λ)) (Chen & Guestrin 2016, eq. 5), and 0
// (before the offset) when H < minChildWeight, as XGBoost's CalcWeight.
import type { Rng } from '@clvlab/core';
import { MISSING_BIN, type BinnedMatrix } from './bin-matrix.ts';
import { BATCH_NODE_FIELDS, type BatchRequest } from './build-histogram-batch.ts';
import { FEATURE_STRIDE, gatherGradients, subtractHistogram } from './build-histogram.ts';
import { emptySplit, findBestSplit, type SplitParams } from './find-split.ts';
import { drawSubset } from './sampling.ts';
import { HistogramSpace } from './histogram-space.ts';
import type { Tree } from './tree.ts';

export interface GrowParams extends SplitParams {
  readonly maxDepth: number;
  readonly leafScale: number;
  readonly leafOffset: number;
  /** > 0: draw this many of the tree's features at every node (random forest); 0: use them all. */
  readonly featuresPerNode: number;
}

interface GrowNode {
  id: number;
  start: number;
  end: number;
  g: number;
  h: number;
  /** Histogram buffer id in the space, −1 when none. */
  hist: number;
  /** The features its split is chosen among. */
  features: Int32Array;
  /** The smaller child: its histogram is built in the next batch. */
  build: boolean;
  /** The larger child: its sibling, whose histogram it subtracts from the parent's (its `hist`). */
  sibling: GrowNode | null;
}

/** Bytes of per-node histograms one batch may hold on several threads (64 MiB: ~270 nodes at 60 features). */
const BATCH_BYTES = 64 * 2 ** 20;

/** Growable node arrays, turned into a frozen Tree at the end. */
class TreeArrays {
  feature: number[] = [];
  splitBin: number[] = [];
  threshold: number[] = [];
  defaultLeft: number[] = [];
  left: number[] = [];
  right: number[] = [];
  value: number[] = [];
  cover: number[] = [];
  gain: number[] = [];
  rows: number[] = [];

  add(value: number, cover: number, rows: number): number {
    this.feature.push(-1);
    this.splitBin.push(0);
    this.threshold.push(0);
    this.defaultLeft.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.value.push(value);
    this.cover.push(cover);
    this.gain.push(0);
    this.rows.push(rows);
    return this.feature.length - 1;
  }

  freeze(): Tree {
    return Object.freeze({
      nodeCount: this.feature.length,
      feature: Int32Array.from(this.feature),
      splitBin: Uint8Array.from(this.splitBin),
      threshold: Float64Array.from(this.threshold),
      defaultLeft: Uint8Array.from(this.defaultLeft),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      value: Float64Array.from(this.value),
      cover: Float64Array.from(this.cover),
      gain: Float64Array.from(this.gain),
      rows: Int32Array.from(this.rows),
    });
  }
}

/** Grows trees on one binned matrix, reusing its buffers (histograms, partition space) across trees. */
export class TreeGrower {
  /** Row indices: the fitter writes a tree's rows (ascending) here before grow, which permutes them. */
  readonly rows: Int32Array;
  private readonly space: HistogramSpace;
  private readonly scratch: Int32Array;
  private readonly split = emptySplit();
  /** (node, start, end) of every leaf of the last grown tree. */
  private readonly leaves: number[] = [];
  /** Nodes with per-node features histogrammed in one batch. */
  private readonly perNodeBatch: number;

  /** `threads` > 1 puts the buffers on shared memory for runOnWorkers. */
  constructor(
    private readonly x: BinnedMatrix,
    threads = 1,
  ) {
    this.space = new HistogramSpace(x, threads > 1);
    this.rows = this.space.rows;
    this.scratch = new Int32Array(x.rows);
    const histBytes = 8 * FEATURE_STRIDE * Math.max(1, x.features);
    this.perNodeBatch = threads > 1 ? Math.max(1, Math.floor(BATCH_BYTES / histBytes)) : 1;
  }

  /**
   * Histograms of `nodes` over their features (`features`: one list for all, or with `own` the
   * nodes' lists back to back): gathers their gradients, then yields them as one batch.
   */
  private *build(
    gh: Float64Array,
    nodes: GrowNode[],
    features: Int32Array,
    own: boolean,
  ): Generator<BatchRequest, void, void> {
    if (nodes.length === 0) return;
    const space = this.space;
    const count = own ? features.length / nodes.length : features.length;
    const desc = new Int32Array(BATCH_NODE_FIELDS * nodes.length);
    for (let j = 0; j < nodes.length; j++) {
      const node = nodes[j];
      node.hist = space.acquire();
      gatherGradients(gh, this.rows, node.start, node.end, space.nodeGh.subarray(2 * node.start, 2 * node.end));
      desc.set([node.hist, node.start, node.end, own ? j * count : 0, count], j * BATCH_NODE_FIELDS);
    }
    yield { view: space, nodes: desc, features };
  }

  /** Stable partition of rows[start, end) by the split; returns the first right-hand index. */
  private partition(node: GrowNode, feature: number, bin: number, defaultLeft: boolean): number {
    const rows = this.rows,
      bins = this.x.bins,
      off = feature * this.x.rows,
      scratch = this.scratch,
      missing = MISSING_BIN;
    let w = node.start,
      s = 0;
    for (let k = node.start; k < node.end; k++) {
      const r = rows[k],
        b = bins[off + r];
      if (b === missing ? defaultLeft : b <= bin) rows[w++] = r;
      else scratch[s++] = r;
    }
    rows.set(scratch.subarray(0, s), w);
    return w;
  }

  private leafValue(g: number, h: number, p: GrowParams): number {
    return p.leafOffset + (h < p.minChildWeight ? 0 : p.leafScale * (-g / (h + p.lambda)));
  }

  /** A new node of `out` over rows[start, end) with sums (g, h), a leaf until split. */
  private node(
    out: TreeArrays,
    p: GrowParams,
    start: number,
    end: number,
    g: number,
    h: number,
    features: Int32Array,
  ): GrowNode {
    const id = out.add(this.leafValue(g, h, p), h, end - start);
    return { id, start, end, g, h, hist: -1, features, build: false, sibling: null };
  }

  /**
   * Grows one tree on rows[0, rowCount) of `this.rows` (ascending; permuted in place) with
   * per-row gradients gh[2r], gh[2r + 1], splitting on `features` (ascending ids); yields the
   * histogram batches it needs and returns the tree.
   */
  *grow(
    gh: Float64Array,
    rowCount: number,
    features: Int32Array,
    p: GrowParams,
    rng: Rng | null,
  ): Generator<BatchRequest, Tree, void> {
    const rows = this.rows,
      space = this.space;
    const out = new TreeArrays();
    this.leaves.length = 0;
    let g = 0,
      h = 0;
    for (let k = 0; k < rowCount; k++) {
      g += gh[2 * rows[k]];
      h += gh[2 * rows[k] + 1];
    }
    const perNode = p.featuresPerNode > 0 && p.featuresPerNode < features.length;
    const pool = perNode ? Int32Array.from(features) : features;
    const root = this.node(out, p, 0, rowCount, g, h, features);
    root.build = !perNode && rowCount >= 2;
    let level = p.maxDepth > 0 ? [root] : [];
    if (p.maxDepth === 0) this.leaf(root);
    for (let depth = 0; depth < p.maxDepth && level.length > 0; depth++) {
      const next: GrowNode[] = [];
      if (!perNode) {
        // the smaller children (the root) are built, each larger sibling is parent − smaller in the parent's buffer
        const smaller = level.filter((node) => node.build);
        yield* this.build(gh, smaller, features, false);
        for (const node of level) {
          if (!node.sibling) continue;
          subtractHistogram(space.hists[node.hist], space.hists[node.sibling.hist], features);
          node.sibling = null;
        }
      }
      const open: GrowNode[] = [];
      for (const node of level) {
        if (node.end - node.start < 2) this.leaf(node);
        else open.push(node);
      }
      const step = perNode ? this.perNodeBatch : open.length;
      for (let from = 0; from < open.length; from += step) {
        const group = open.slice(from, from + step);
        if (perNode) {
          // drawn in node order: the stream is consumed as when nodes were grown one at a time
          const k = p.featuresPerNode,
            drawn = new Int32Array(k * group.length);
          for (let j = 0; j < group.length; j++)
            group[j].features = drawSubset(pool, drawn.subarray(j * k, (j + 1) * k), rng!);
          yield* this.build(gh, group, drawn, true);
        }
        for (const node of group) this.splitNode(node, depth, p, perNode, out, next);
      }
      level = next;
    }
    for (const node of level) this.leaf(node);
    return out.freeze();
  }

  /** Splits `node` (histogram built) into two children pushed to `next`, or makes it a leaf. */
  private splitNode(
    node: GrowNode,
    depth: number,
    p: GrowParams,
    perNode: boolean,
    out: TreeArrays,
    next: GrowNode[],
  ): void {
    const s = findBestSplit(
      this.space.hists[node.hist],
      node.features,
      this.x.valueBins,
      node.g,
      node.h,
      p,
      this.split,
    );
    if (s.feature < 0) {
      this.leaf(node);
      return;
    }
    const mid = this.partition(node, s.feature, s.bin, s.defaultLeft);
    const gl = s.gLeft,
      hl = s.hLeft,
      gr = node.g - gl,
      hr = node.h - hl;
    const edges = this.x.edges[s.feature];
    const id = node.id;
    out.feature[id] = s.feature;
    out.splitBin[id] = s.bin;
    out.defaultLeft[id] = s.defaultLeft ? 1 : 0;
    out.threshold[id] = s.bin < edges.length ? edges[s.bin] : Infinity;
    out.gain[id] = s.gain;
    const left = this.node(out, p, node.start, mid, gl, hl, node.features);
    const right = this.node(out, p, mid, node.end, gr, hr, node.features);
    out.left[id] = left.id;
    out.right[id] = right.id;
    if (depth + 1 < p.maxDepth) {
      const [small, large] = mid - node.start <= node.end - mid ? [left, right] : [right, left];
      if (!perNode && large.end - large.start >= 2) {
        // the next batch builds the smaller child; the larger takes over the parent's buffer
        small.build = true;
        large.sibling = small;
        large.hist = node.hist;
        node.hist = -1;
      }
      next.push(left, right);
    } else {
      this.leaves.push(left.id, left.start, left.end, right.id, right.start, right.end);
    }
    this.release(node);
  }

  /** A node that stays a leaf: its row range is recorded for addLeafValues. */
  private leaf(node: GrowNode): void {
    this.leaves.push(node.id, node.start, node.end);
    this.release(node);
  }

  /**
   * out[r] += tree.value[leaf of r] for the rows of the last grown tree (rows as left by grow):
   * one pass over the partition instead of routing every row through the tree.
   */
  addLeafValues(tree: Tree, out: Float64Array): void {
    const leaves = this.leaves,
      rows = this.rows;
    for (let k = 0; k < leaves.length; k += 3) {
      const v = tree.value[leaves[k]];
      for (let q = leaves[k + 1]; q < leaves[k + 2]; q++) out[rows[q]] += v;
    }
  }

  private release(node: GrowNode): void {
    this.space.release(node.hist);
    node.hist = -1;
  }
}
