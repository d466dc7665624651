// The contact list of a model: customers sorted by prediction descending, ties broken by
// customer index ascending (a stable sort), and the number of customers in "the top k".
//
// Contacting is a discrete decision about named customers, so a tie block straddling the cut
// is NOT spread pro rata here (unlike the ranking metrics of @clvlab/metrics, which spread
// it evenly): the customers listed first are contacted. The order is deterministic and the
// same on every run; to make a result independent of listing order, break ties in the
// predictions before calling.

/** Indices 0..n−1 sorted by keys descending, ties by index ascending. */
export function descendingOrder(keys: Float64Array): Int32Array {
  const order = new Int32Array(keys.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((i, j) => keys[j] - keys[i] || i - j);
}

/**
 * Customers in the top fraction k of n: the smallest whole number ≥ k·n (with 1e-9 slack, so
 * that 0.1 · 30 is 3 and not 4), at least 1, at most n.
 */
export function contactCount(k: number, n: number): number {
  return Math.min(n, Math.max(1, Math.ceil(k * n - 1e-9)));
}
