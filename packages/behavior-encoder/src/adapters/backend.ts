// Backend runtime (docs/architecture.md §Runtime): `tensorflow` (tfjs-node) when it loads, else
// `wasm` (binaries shipped inside @tensorflow/tfjs-backend-wasm), else `cpu`. The chosen backend
// and its version go into every record, so `initBackend` returns both.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';
import { registerWasmGradientKernels } from '../kernels/wasm-kernels.ts';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export type BackendPreference = BackendName | 'auto';

export interface BackendInfo {
  readonly name: BackendName;
  /** Version of the tfjs package that implements the backend. */
  readonly version: string;
}

let wasmPathsSet = false;
let initialised = false;
let tfjsNodeTried: Promise<boolean> | undefined;

/** Directory of the wasm binaries, as a file path with a trailing slash (what Node's fetch-less loader reads). */
function wasmDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;
}

async function tryTfjsNode(): Promise<boolean> {
  tfjsNodeTried ??= (async () => {
    try {
      // Optional dependency: its install needs a host that is unreachable here. A variable
      // specifier keeps TypeScript from requiring its types.
      const spec = '@tensorflow/tfjs-node';
      await import(spec);
      return tf.findBackend('tensorflow') !== null || tf.engine().registryFactory['tensorflow'] !== undefined;
    } catch {
      return false;
    }
  })();
  return tfjsNodeTried;
}

async function trySet(name: BackendName): Promise<boolean> {
  if (name === 'tensorflow' && !(await tryTfjsNode())) return false;
  if (name === 'wasm' && !wasmPathsSet) {
    setWasmPaths(wasmDir());
    wasmPathsSet = true;
  }
  try {
    const ok = await tf.setBackend(name);
    if (ok && name === 'wasm') registerWasmGradientKernels();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** The backend now active and its version. */
export function backendInfo(): BackendInfo {
  const name = tf.getBackend() as BackendName;
  const versions = tf.version as Record<string, string>;
  const version =
    name === 'tensorflow'
      ? (versions['tfjs-node'] ?? versions['tfjs-core'])
      : name === 'wasm'
        ? (versions['tfjs-backend-wasm'] ?? versions['tfjs-core'])
        : (versions['tfjs-backend-cpu'] ?? versions['tfjs-core']);
  return Object.freeze({ name, version: version ?? tf.version_core });
}

/**
 * Activates a backend: `auto` tries tensorflow, then wasm, then cpu; a named backend must load
 * or this throws (a forced backend silently replaced would make records lie). `auto` after an
 * earlier successful call keeps the backend already chosen.
 */
export async function initBackend(preferred: BackendPreference = 'auto'): Promise<BackendInfo> {
  const order: BackendName[] = preferred === 'auto' ? ['tensorflow', 'wasm', 'cpu'] : [preferred];
  if (!['auto', 'tensorflow', 'wasm', 'cpu'].includes(preferred)) {
    throw new Error(
      `behavior-encoder/backend: unknown backend '${String(preferred)}' (expected auto, tensorflow, wasm or cpu)`,
    );
  }
  // `auto` keeps a backend chosen earlier in this process (e.g. by the CLI's --backend).
  if (initialised && (preferred === 'auto' || tf.getBackend() === preferred)) return backendInfo();
  for (const name of order) {
    if (await trySet(name)) {
      initialised = true;
      return backendInfo();
    }
  }
  throw new Error(
    `behavior-encoder/backend: backend '${preferred}' failed to load` +
      (preferred === 'tensorflow' ? ' (@tensorflow/tfjs-node is not installed or its native library is missing)' : ''),
  );
}
