// A content hash of an event log, stored with a trained model so `embed` can tell when a model
// is applied to a different dataset than the one it was trained on. Two 32-bit lanes over the
// bytes of the customer, time, type and amount columns: FNV-1a (Fowler–Noll–Vo) and a
// murmur-multiplier lane fed by the first. Not cryptographic; it detects mix-ups.
// `createLogHasher` takes the bytes in pieces, so a Zarr store can be hashed slice by slice
// (store-dataset-hash.ts) with the same result as the whole log in memory.
import type { EventLog } from '@clvlab/events';

export interface LogHasher {
  /** Feeds the bytes of a typed array (columns in order: customer, t, type, amount). */
  update(arr: ArrayBufferView): void;
  /** `${events}-${16 hex digits}`. */
  digest(events: number): string;
}

/** An incremental hasher; feeding the four columns in order gives `hashEventLog`. */
export function createLogHasher(): LogHasher {
  let lo = 0x811c9dc5,
    hi = 0x01000193;
  return {
    update(arr: ArrayBufferView): void {
      const bytes = new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
      for (let i = 0; i < bytes.length; i++) {
        lo = Math.imul(lo ^ bytes[i], 0x01000193) >>> 0;
        hi = Math.imul(hi ^ bytes[i] ^ (lo >>> 7), 0x5bd1e995) >>> 0;
      }
    },
    digest: (events: number): string =>
      `${events}-${hi.toString(16).padStart(8, '0')}${lo.toString(16).padStart(8, '0')}`,
  };
}

/** `${events}-${16 hex digits}` hash of the log's main columns. */
export function hashEventLog(log: EventLog): string {
  const h = createLogHasher();
  for (const arr of [log.customer, log.t, log.type, log.amount]) h.update(arr);
  return h.digest(log.length);
}
