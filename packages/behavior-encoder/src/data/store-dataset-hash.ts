// The dataset hash of dataset-hash.ts (`hashEventLog`) computed from a prepared Zarr store
// without loading the log: the same two lanes over the same bytes (customer, time, type and
// amount columns, in that order), fed one slice of one column at a time.
import { readZarrGroup } from '@clvlab/events/node';
import { createLogHasher } from './dataset-hash.ts';
import type { ChunkCache } from './prepared-store-blocks.ts';

/** Events per slice: 64 Ki events = 512 KiB of float64 held at once (plus one decoded chunk). */
const SLICE_EVENTS = 1 << 16;
const COLUMNS = ['events/customer', 'events/t', 'events/type', 'events/amount'];

/** `${events}-${16 hex digits}`, equal to `hashEventLog` of the stored log (`events`: its length, default the `events` attribute). */
export async function hashStoreEventLog(path: string, events?: number): Promise<string> {
  if (events === undefined) {
    const n = (await readZarrGroup(path, [])).attributes['events'];
    if (!(typeof n === 'number' && Number.isInteger(n) && n >= 0))
      throw new Error(
        `behavior-encoder/store-dataset-hash: ${path} has no integer 'events' attribute (got ${JSON.stringify(n)})`,
      );
    return hashStoreEventLog(path, n);
  }
  const hasher = createLogHasher();
  const cache: ChunkCache = new Map();
  for (const name of COLUMNS) {
    for (let from = 0; from < events; from += SLICE_EVENTS) {
      hasher.update(
        (await readZarrGroup(path, [name], { rows: [from, Math.min(events, from + SLICE_EVENTS)], chunkCache: cache }))
          .arrays[name].data,
      );
    }
    cache.clear();
  }
  return hasher.digest(events);
}
