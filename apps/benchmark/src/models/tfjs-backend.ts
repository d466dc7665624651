// The TensorFlow.js backend of this thread. The behavior encoder owns the backend choice
// (docs/architecture.md §Runtime: tfjs-node if it loads, else wasm, else cpu) through its `initBackend`; until
// that package exports it, the app falls back to the pure-JS `cpu` backend. The backend and
// tfjs version go into every result, since numbers are only comparable on the same backend.
import * as tf from '@tensorflow/tfjs';
import * as encoder from '@clvlab/behavior-encoder';

export interface BackendInfo {
  readonly backend: string;
  readonly version: string;
}

type InitBackend = () => Promise<unknown>;

let ready: Promise<BackendInfo> | null = null;

/** Sets up (once per thread) and reports the tfjs backend. */
export function initTfjsBackend(): Promise<BackendInfo> {
  ready ??= (async () => {
    const init = (encoder as unknown as { initBackend?: InitBackend }).initBackend;
    if (typeof init === 'function') await init();
    else {
      await tf.setBackend('cpu');
      await tf.ready();
    }
    return { backend: tf.getBackend(), version: tf.version.tfjs };
  })();
  return ready;
}
