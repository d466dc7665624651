// Deterministic work split for source-parallel kernels: [0, total) is cut into chunks of
// `chunk` items dealt round-robin (worker i takes chunks i, i + W, i + 2W, …). Each worker
// adds its chunks, in order, into its own output slot, and the caller sums the slots in worker
// order, so float sums do not depend on timing: same input and worker count → bit-identical
// totals. (A shared queue that idle workers pull from balances load slightly better, but then
// which worker summed which chunk — hence the last bits of the totals — varies run to run;
// many small chunks keep round-robin within a few per cent of it.) Pure: browser-safe.

/** The [from, to) chunks of each of `workers` workers, in the order each must run them. */
export function chunkRanges(total: number, chunk: number, workers: number): [number, number][][] {
  if (!(Number.isInteger(chunk) && chunk >= 1))
    throw new Error(`core/chunk-ranges: chunk must be a positive integer, got ${chunk}`);
  if (!(Number.isInteger(workers) && workers >= 1))
    throw new Error(`core/chunk-ranges: workers must be a positive integer, got ${workers}`);
  if (!(Number.isInteger(total) && total >= 0))
    throw new Error(`core/chunk-ranges: total must be a non-negative integer, got ${total}`);
  return Array.from({ length: workers }, (_, w) => {
    const out: [number, number][] = [];
    for (let from = w * chunk; from < total; from += workers * chunk) out.push([from, Math.min(total, from + chunk)]);
    return out;
  });
}
