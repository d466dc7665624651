// Datasets reach the workers as typed arrays over SharedArrayBuffer. Why: the main thread
// prepares each dataset once anyway (it needs labels and segments for the record); copying
// its columns into shared memory once lets every worker read them with no per-worker parse,
// no per-worker copy and no extra memory (structured clone shares a SharedArrayBuffer instead
// of copying it). Only the string dictionaries are cloned, which are small next to the columns.

type Typed = Int32Array | Uint8Array | Float64Array | Float32Array | Uint32Array | Int8Array | Int16Array | Uint16Array;

function shareArray<T extends Typed>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const out = new ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}

/** Deep copy of plain objects/arrays in which every typed array sits on a SharedArrayBuffer. */
function share(value: unknown, depth = 0): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return shareArray(value as Typed);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value))
    return value.length > 0 && typeof value[0] === 'object' ? value.map((v) => share(v, depth + 1)) : value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'function') out[k] = share(v, depth + 1);
  }
  return out;
}

/** A copy of `value` (a payload, a split) whose typed arrays are shared memory, ready to post to workers. */
export function shareArrays<T extends object>(value: T): T {
  return share(value) as T;
}
