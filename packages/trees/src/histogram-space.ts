// The buffers one fit builds its histograms in: the bins, the row indices (a node owns a range,
// TreeGrower partitions them), the gradients gathered by position and the histogram buffers,
// reused through a free list across nodes and trees. With threads > 1 they live on
// SharedArrayBuffers, allocated once per fit (histograms as the free list grows), so a worker
// receives each buffer once and every batch after that moves only its node list. One thread
// keeps plain arrays: SharedArrayBuffer needs cross-origin isolation in a browser.
import type { BinnedMatrix } from './bin-matrix.ts';
import type { HistogramView } from './build-histogram-batch.ts';
import { FEATURE_STRIDE } from './build-histogram.ts';

type ArrayOf<T> = new (buffer: ArrayBufferLike) => T;

export class HistogramSpace implements HistogramView {
  readonly bins: Uint8Array;
  readonly n: number;
  readonly rows: Int32Array;
  readonly nodeGh: Float64Array;
  readonly hists: Float64Array[] = [];
  private readonly free: number[] = [];
  private readonly histLength: number;

  constructor(
    x: BinnedMatrix,
    readonly shared: boolean,
  ) {
    this.n = x.rows;
    this.histLength = x.features * FEATURE_STRIDE;
    this.bins = shared ? this.array(Uint8Array, 1, x.bins.length) : x.bins;
    if (shared) this.bins.set(x.bins);
    this.rows = this.array(Int32Array, 4, x.rows);
    this.nodeGh = this.array(Float64Array, 8, 2 * x.rows);
  }

  /** The id of a free histogram buffer (a new one when none is free); its slots hold stale sums. */
  acquire(): number {
    return this.free.pop() ?? this.hists.push(this.array(Float64Array, 8, this.histLength)) - 1;
  }

  /** Returns buffer `id` (−1: none) to the free list. */
  release(id: number): void {
    if (id >= 0) this.free.push(id);
  }

  private array<T>(type: ArrayOf<T>, bytes: number, length: number): T {
    return new type(this.shared ? new SharedArrayBuffer(bytes * length) : new ArrayBuffer(bytes * length));
  }
}
