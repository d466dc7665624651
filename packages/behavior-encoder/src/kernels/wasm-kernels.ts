// Kernels that tfjs-backend-wasm 4.22 lacks but whose gradients training needs.
// `tf.gather`'s gradient is UnsortedSegmentSum (scatter-add of the upstream gradient rows into
// the table), which the wasm backend does not register. We register a forward kernel for it on
// wasm: the wasm heap is host memory, so reading the inputs is a copy (no device round-trip),
// and a row-wise scatter-add in JS is O(rows × width) — about 1 ms for a 8192 × 64 batch.
// Hand-written because no library provides wasm kernels; summation order is fixed (row order),
// so results are deterministic.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

let registered = false;

/**
 * Identity that shares the input's buffer (refcount + 1), as the wasm backend's own Reshape and
 * the cpu backend's Identity do. tfjs clones every tensor saved for the backward pass through
 * Identity, and the stock wasm kernel copies the data: ~15 copies of [4096, 64] per training
 * step (7 ms of a 175 ms step, plus the garbage). Safe because wasm kernels never write into
 * their inputs (every kernel writes a fresh makeOutput buffer) and Variable.assign swaps buffers.
 * Caveat (already true of stock Reshape): the wasm matMul caches its packed right operand by
 * buffer id, so one buffer must never be a right operand under two shapes — e.g. matMul(a, w)
 * and matMul(b, reshape(w, other)) give garbage (NaN), with or without this kernel. Code in
 * this package transposes (a new buffer) in such places; see outerProduct in fast-ops.ts.
 */
function identityShared(args: { inputs: tf.NamedTensorInfoMap; backend: unknown }): tf.TensorInfo {
  const x = args.inputs['x']!;
  const backend = args.backend as BackendWasm;
  if (x.dtype === 'string') return stockIdentity!(args as unknown as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}
let stockIdentity: tf.KernelFunc | undefined;

function unsortedSegmentSumWasm(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const x = args.inputs['x']!;
  const segmentIds = args.inputs['segmentIds']!;
  const numSegments = Number(args.attrs?.['numSegments']);
  if (x.dtype !== 'float32') {
    throw new Error(`behavior-encoder/wasm-kernels: UnsortedSegmentSum supports float32 only, got ${x.dtype}`);
  }
  const rows = segmentIds.shape.reduce((a, b) => a * b, 1);
  const total = x.shape.reduce((a, b) => a * b, 1);
  const width = rows === 0 ? 0 : total / rows;
  const values = backend.readSync(x.dataId) as Float32Array;
  const ids = backend.readSync(segmentIds.dataId) as Int32Array;
  const out = new Float32Array(numSegments * width);
  for (let r = 0; r < rows; r++) {
    const s = ids[r];
    if (s < 0 || s >= numSegments) continue; // TF semantics: out-of-range ids are dropped
    const o = s * width,
      i = r * width;
    for (let k = 0; k < width; k++) out[o + k] += values[i + k];
  }
  const outShape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
  return backend.makeOutput(outShape, 'float32', undefined, out);
}

/** Registers the missing gradient kernels, and a zero-copy Identity, on the wasm backend (idempotent). */
export function registerWasmGradientKernels(): void {
  if (registered) return;
  registered = true;
  if (tf.getKernel('UnsortedSegmentSum', 'wasm') === undefined) {
    tf.registerKernel({
      kernelName: 'UnsortedSegmentSum',
      backendName: 'wasm',
      kernelFunc: unsortedSegmentSumWasm as tf.KernelFunc,
    });
  }
  const stock = tf.getKernel('Identity', 'wasm');
  if (stock !== undefined) {
    stockIdentity = stock.kernelFunc;
    tf.unregisterKernel('Identity', 'wasm');
    tf.registerKernel({ ...stock, kernelFunc: identityShared as unknown as tf.KernelFunc });
  }
}
