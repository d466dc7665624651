// Depth-wise growth of one histogram tree (XGBoost's grow_policy=depthwise): every node of a
// level is split before the next level, up to maxDepth. Each node owns a contiguous range of a
// row-index array, partitioned stably (ascending row order is kept, so the column reads of the
// histogram loop stay monotone). With all of the tree's features histogrammed at every node,
// only the child with fewer rows is built and its sibling is parent − child (the subtraction
// trick, Ke et al. 2017 §3); with a random feature subset per node (random forest), each node
// builds its own histogram over just those features, which is cheaper than subtraction.
//
// Leaf output = leafOffset + leafScale · (−G / (H + λ)) (Chen & Guestrin 2016, eq. 5), and 0
// (before the offset) when H < minChildWeight, as XGBoost's CalcWeight.
import type { Rng } from '@clvlab/core';
import { MISSING_BIN, type BinnedMatrix } from './bin-matrix.ts';
import {
  FEATURE_STRIDE,
  buildHistogram,
  gatherGradients,
  subtractHistogram,
  type HistogramInput,
} from './build-histogram.ts';
import { emptySplit, findBestSplit, type SplitParams } from './find-split.ts';
import { drawSubset } from './sampling.ts';
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
  hist: Float64Array | null;
}

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

/** Grows trees on one binned matrix, reusing its scratch buffers (histograms, partition space) across trees. */
export class TreeGrower {
  private readonly free: Float64Array[] = [];
  private readonly scratch: Int32Array;
  private readonly nodeGh: Float64Array;
  private readonly split = emptySplit();
  /** (node, start, end) of every leaf of the last grown tree. */
  private readonly leaves: number[] = [];

  constructor(private readonly x: BinnedMatrix) {
    this.scratch = new Int32Array(x.rows);
    this.nodeGh = new Float64Array(2 * x.rows);
  }

  private acquire(): Float64Array {
    return this.free.pop() ?? new Float64Array(this.x.features * FEATURE_STRIDE);
  }

  private histogram(gh: Float64Array, rows: Int32Array, node: GrowNode, features: Int32Array): Float64Array {
    const hist = this.acquire();
    const input: HistogramInput = {
      bins: this.x.bins,
      n: this.x.rows,
      rows,
      start: node.start,
      end: node.end,
      nodeGh: gatherGradients(gh, rows, node.start, node.end, this.nodeGh),
      features,
    };
    buildHistogram(input, 0, features.length, hist);
    return hist;
  }

  /** Stable partition of rows[start, end) by the split; returns the first right-hand index. */
  private partition(rows: Int32Array, node: GrowNode, feature: number, bin: number, defaultLeft: boolean): number {
    const bins = this.x.bins,
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

  /**
   * Grows one tree on rows[0, rowCount) (ascending; the array is permuted in place) with per-row
   * gradients gh[2r], gh[2r + 1], splitting on `features` (ascending ids).
   */
  grow(
    gh: Float64Array,
    rows: Int32Array,
    rowCount: number,
    features: Int32Array,
    p: GrowParams,
    rng: Rng | null,
  ): Tree {
    const out = new TreeArrays();
    this.leaves.length = 0;
    let g = 0,
      h = 0;
    for (let k = 0; k < rowCount; k++) {
      g += gh[2 * rows[k]];
      h += gh[2 * rows[k] + 1];
    }
    const perNode = p.featuresPerNode > 0 && p.featuresPerNode < features.length;
    const nodeFeatures = perNode ? new Int32Array(p.featuresPerNode) : features;
    const pool = perNode ? Int32Array.from(features) : features;
    const root: GrowNode = {
      id: out.add(this.leafValue(g, h, p), h, rowCount),
      start: 0,
      end: rowCount,
      g,
      h,
      hist: null,
    };
    let level = p.maxDepth > 0 ? [root] : [];
    if (p.maxDepth === 0) this.leaf(root);
    for (let depth = 0; depth < p.maxDepth && level.length > 0; depth++) {
      const next: GrowNode[] = [];
      for (const node of level) {
        if (node.end - node.start < 2) {
          this.leaf(node);
          continue;
        }
        if (perNode) drawSubset(pool, nodeFeatures, rng!);
        if (!node.hist) node.hist = this.histogram(gh, rows, node, nodeFeatures);
        const s = findBestSplit(node.hist, nodeFeatures, this.x.valueBins, node.g, node.h, p, this.split);
        if (s.feature < 0) {
          this.leaf(node);
          continue;
        }
        const mid = this.partition(rows, node, s.feature, s.bin, s.defaultLeft);
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
        const left: GrowNode = {
          id: out.add(this.leafValue(gl, hl, p), hl, mid - node.start),
          start: node.start,
          end: mid,
          g: gl,
          h: hl,
          hist: null,
        };
        const right: GrowNode = {
          id: out.add(this.leafValue(gr, hr, p), hr, node.end - mid),
          start: mid,
          end: node.end,
          g: gr,
          h: hr,
          hist: null,
        };
        out.left[id] = left.id;
        out.right[id] = right.id;
        if (depth + 1 < p.maxDepth) {
          if (!perNode) {
            // build the smaller child, the sibling is parent − smaller (in the parent's buffer)
            const [small, large] = mid - node.start <= node.end - mid ? [left, right] : [right, left];
            small.hist = this.histogram(gh, rows, small, features);
            subtractHistogram(node.hist, small.hist, features);
            large.hist = node.hist;
            node.hist = null;
          }
          next.push(left, right);
        } else {
          this.leaves.push(left.id, left.start, left.end, right.id, right.start, right.end);
        }
        this.release(node);
      }
      level = next;
    }
    for (const node of level) this.leaf(node);
    return out.freeze();
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
  addLeafValues(tree: Tree, rows: Int32Array, out: Float64Array): void {
    const leaves = this.leaves;
    for (let k = 0; k < leaves.length; k += 3) {
      const v = tree.value[leaves[k]];
      for (let q = leaves[k + 1]; q < leaves[k + 2]; q++) out[rows[q]] += v;
    }
  }

  private release(node: GrowNode): void {
    if (node.hist) this.free.push(node.hist);
    node.hist = null;
  }
}
