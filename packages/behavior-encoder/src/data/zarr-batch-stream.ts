// Training batches streamed from a prepared Zarr store (issue 5: "batches streamed from the
// Zarr store in chunks, bounded memory"): a BatchSource (batch-source.ts) that reads one
// block of cohort customers at a time (prepared-store-blocks.ts), so memory follows the
// block and window sizes, never the event log.
//
// Opening makes one pass over the blocks reading time, type and amount only: the raw static
// inputs of every cohort row (whole-history RFM, kept as rows × k floats), standardised before
// the first step with the column statistics of the train rows, as in memory; then the dataset
// hash. Labels are read for train and valid rows only (the test fold is sealed).
//
// Training order, like tf.data over sharded files with a shuffle buffer: each epoch the shards
// (the store's chunks of the event columns, ≤ 1 Mi events each as writeZarrGroup writes them; a
// block belongs to the chunk of its first event) come in random order and the blocks of each
// shard in random order (seeded), so a chunk is decompressed about once per epoch rather than
// once per block; blocks are taken `shuffleBlocks` at a time as a window, and the window's train
// rows (plus the fewer than batchSize left over from the window before) are shuffled and cut
// into batches. A store of one chunk (up to 1 Mi events) is a plain shuffle of its blocks. Every
// epoch has ceil(train rows / batchSize) batches, as in memory. When one window spans every
// block its rows are read once and kept, and their order is reshuffled in place each epoch,
// exactly as memoryBatchSource does, so training then equals `trainEncoder` step for step
// (at the cost of holding all train rows). Validation streams the valid rows in cohort order.
import { resolveOptions, type Rng } from '@clvlab/core';
import { batchArrays, type BatchArrays } from './batch-tensors.ts';
import { foldRows, shuffleInPlace, type BatchSource } from './batch-source.ts';
import type { EncoderConfig } from '../adapters/encoder-config.ts';
import { PreparedStoreBlocks } from './prepared-store-blocks.ts';
import { checkNotAllEmpty, emptyTokenGrid, type SequenceInputs } from './sequence-inputs.ts';
import { columnStats, standardize } from './static-features.ts';
import { hashStoreEventLog } from './store-dataset-hash.ts';

export const DEFAULT_BATCH_STREAM = Object.freeze({
  /** Cohort customers per block (one slice of each event column per block): 1,024 × ~60 events on default synth ≈ 60k events ≈ 2 MiB of columns. */
  blockCustomers: 1024,
  /** Blocks per shuffle window: 4 × 1,024 customers (~0.6 × that in the train fold) mixed per window; more mixes better and holds more token rows. */
  shuffleBlocks: 4,
});
export type BatchStreamOptions = { -readonly [K in keyof typeof DEFAULT_BATCH_STREAM]: number };

/** Rows gathered from a window of blocks: token grid, standardised static rows and labels. */
interface Pool {
  readonly grid: SequenceInputs;
  readonly k: number;
  readonly staticX: Float32Array;
  readonly y: Float64Array;
}

export class ZarrBatchStream implements BatchSource {
  readonly sequenceLength: number;
  private whole: { pool: Pool; order: Int32Array } | undefined;
  private peakRows = 0;

  private constructor(
    readonly store: PreparedStoreBlocks,
    private readonly c: Readonly<EncoderConfig>,
    readonly options: Readonly<BatchStreamOptions>,
    readonly staticNames: readonly string[],
    readonly staticMean: Float32Array,
    readonly staticStd: Float32Array,
    private readonly staticValues: Float32Array,
    readonly trainTargets: Float64Array,
    private readonly trainByBlock: Int32Array[],
    private readonly validByBlock: Int32Array[],
    readonly datasetHash: string,
  ) {
    this.sequenceLength = emptyTokenGrid(0, c).length;
  }

  get validCount(): number {
    return this.validByBlock.reduce((a, r) => a + r.length, 0);
  }

  /** Opens the prepared dataset at `path` for training on its fit window (train fold; valid fold for early stopping). */
  static async open(
    path: string,
    c: Readonly<EncoderConfig>,
    options: Partial<BatchStreamOptions> = {},
  ): Promise<ZarrBatchStream> {
    const o = resolveOptions('behavior-encoder/zarr-batch-stream', DEFAULT_BATCH_STREAM, options);
    if (!(Number.isInteger(o.shuffleBlocks) && o.shuffleBlocks >= 1))
      throw new Error(
        `behavior-encoder/zarr-batch-stream: shuffleBlocks must be an integer ≥ 1, got ${o.shuffleBlocks}`,
      );
    const store = await PreparedStoreBlocks.open(path);
    const { featureEnd, target } = store.fit;
    const rows = foldRows(store.fold, target, (r) => store.customerIds[store.customers[r]]);
    const ranges = store.blockRanges(o.blockCustomers);
    let names: readonly string[] = [],
      raw = new Float32Array(0),
      nonEmpty = 0;
    for (const [from, to] of ranges) {
      const block = await store.read(
        Int32Array.from({ length: to - from }, (_, i) => from + i),
        'static',
      );
      const s = await store.staticFeatures(block, featureEnd, c);
      if (from === 0) {
        names = s.names;
        raw = new Float32Array(store.customers.length * names.length);
      }
      raw.set(s.values, from * names.length);
      for (let i = 0; i < block.customers.length; i++) {
        const lo = block.offsets[block.customers[i]];
        if (lo < block.offsets[block.customers[i] + 1] && block.t[lo] < featureEnd) nonEmpty++;
      }
    }
    checkNotAllEmpty(store.customers.length, nonEmpty, featureEnd);
    const stats = columnStats(raw, names.length, rows.train);
    const inBlocks = (sel: Int32Array): Int32Array[] =>
      ranges.map(([from, to]) => sel.filter((r) => r >= from && r < to));
    const hash = await hashStoreEventLog(path, store.offsets[store.offsets.length - 1]);
    return new ZarrBatchStream(
      store,
      c,
      o,
      names,
      stats.mean,
      stats.std,
      standardize(raw, stats.mean, stats.std),
      rows.trainTargets,
      inBlocks(rows.train),
      inBlocks(rows.valid),
      hash,
    );
  }

  async *trainBatches(rng: Rng, batchSize: number): AsyncIterable<BatchArrays> {
    const blocks = Int32Array.from(this.trainByBlock.keys()).filter((b) => this.trainByBlock[b].length > 0);
    if (blocks.length <= this.options.shuffleBlocks) {
      if (this.whole === undefined) {
        const pool = await this.pool(blocks, this.trainByBlock, undefined);
        this.whole = { pool, order: Int32Array.from({ length: pool.y.length }, (_, i) => i) };
      }
      shuffleInPlace(this.whole.order, rng);
      yield* cut(this.whole.pool, this.whole.order, batchSize, true);
      return;
    }
    const sequence = this.shardOrder(blocks, rng);
    let carry: BatchArrays | undefined;
    for (let w = 0; w < sequence.length; w += this.options.shuffleBlocks) {
      const pool = await this.pool(sequence.subarray(w, w + this.options.shuffleBlocks), this.trainByBlock, carry);
      const order = Int32Array.from({ length: pool.y.length }, (_, i) => i);
      shuffleInPlace(order, rng);
      carry = yield* cut(pool, order, batchSize, false);
    }
    if (carry !== undefined) yield carry;
  }

  async *validBatches(batchSize: number): AsyncIterable<BatchArrays> {
    let carry: BatchArrays | undefined;
    for (let b = 0; b < this.validByBlock.length; b++) {
      if (this.validByBlock[b].length === 0) continue;
      const pool = await this.pool([b], this.validByBlock, carry);
      carry = yield* cut(
        pool,
        Int32Array.from({ length: pool.y.length }, (_, i) => i),
        batchSize,
        false,
      );
    }
    if (carry !== undefined) yield carry;
  }

  info(): Readonly<Record<string, unknown>> {
    const { blocks, events, peakEvents } = this.store.counters;
    return {
      source: 'zarr-stream',
      stream: { ...this.options, blocksRead: blocks, eventsRead: events, peakEvents, peakRowsHeld: this.peakRows },
    };
  }

  /** `blocks` grouped by the stored chunk holding their first event: groups in random order, blocks in random order within a group. */
  private shardOrder(blocks: Int32Array, rng: Rng): Int32Array {
    const shardOf = (b: number): number =>
      Math.floor(this.store.offsets[this.store.customers[this.trainByBlock[b][0]]] / this.store.eventChunk);
    const shards = [...new Set(Array.from(blocks, shardOf))];
    const shardOrder = Int32Array.from(shards.keys());
    shuffleInPlace(shardOrder, rng);
    const out: number[] = [];
    for (const i of shardOrder) {
      const members = blocks.filter((b) => shardOf(b) === shards[i]);
      shuffleInPlace(members, rng);
      out.push(...members);
    }
    return Int32Array.from(out);
  }

  /** The selected rows of `blocks` (in that order) after `carry`, as one pool. */
  private async pool(blocks: ArrayLike<number>, selected: Int32Array[], carry: BatchArrays | undefined): Promise<Pool> {
    const k = this.staticNames.length,
      before = carry?.rows ?? 0;
    let n = before;
    for (let i = 0; i < blocks.length; i++) n += selected[blocks[i]].length;
    const grid = emptyTokenGrid(n, this.c),
      staticX = new Float32Array(n * k),
      y = new Float64Array(n);
    if (carry !== undefined) {
      grid.tokens.set(carry.tokens);
      grid.amount.set(carry.amount);
      grid.mask.set(carry.mask);
      staticX.set(carry.staticX);
      y.set(carry.y);
    }
    let at = before;
    for (let i = 0; i < blocks.length; i++) {
      const rows = selected[blocks[i]];
      if (rows.length === 0) continue;
      if (this.sequenceLength > 0)
        this.store.tokens(await this.store.read(rows, 'tokens'), this.store.fit.featureEnd, this.c, grid, at);
      rows.forEach((r, j) => {
        staticX.set(this.staticValues.subarray(r * k, (r + 1) * k), (at + j) * k);
        y[at + j] = this.store.fit.target[r];
      });
      at += rows.length;
    }
    this.peakRows = Math.max(this.peakRows, n);
    return { grid, k, staticX, y };
  }
}

/** Batches of `batchSize` rows of `pool` in `order`; the rows short of a full batch are yielded too when `last`, else returned (the carry). */
function* cut(
  pool: Pool,
  order: Int32Array,
  batchSize: number,
  last: boolean,
): Generator<BatchArrays, BatchArrays | undefined> {
  const n = order.length,
    k = pool.k;
  const full = last ? n : n - (n % batchSize);
  for (let from = 0; from < full; from += batchSize)
    yield batchArrays(pool.grid, pool.staticX, k, order, from, Math.min(full, from + batchSize), pool.y);
  return full < n ? batchArrays(pool.grid, pool.staticX, k, order, full, n, pool.y) : undefined;
}
