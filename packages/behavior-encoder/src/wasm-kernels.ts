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

function unsortedSegmentSumWasm(args: {
  inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap;
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
    const o = s * width, i = r * width;
    for (let k = 0; k < width; k++) out[o + k] += values[i + k];
  }
  const outShape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
  return backend.makeOutput(outShape, 'float32', undefined, out);
}

/** Registers the missing gradient kernels on the wasm backend (idempotent). */
export function registerWasmGradientKernels(): void {
  if (registered) return;
  registered = true;
  if (tf.getKernel('UnsortedSegmentSum', 'wasm') === undefined) {
    tf.registerKernel({ kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: unsortedSegmentSumWasm as tf.KernelFunc });
  }
}
