// Exact maximum cosine similarity of each query vector to a set of vectors: normalise every
// vector once (unitRows), then for each query the maximum dot product over the whole set,
// O(queries · set · d) with no allocation. Hand-written for speed: queries are taken four at a
// time so that each set vector is loaded once per four dot products (register blocking, about
// twice the speed of one query at a time in V8); each dot product is still summed over j in
// order, so the result is bit-identical to the plain loop.

/** Unit-length copies of the listed rows of X (row-major, d columns); a zero row stays zero. */
export function unitRows(X: Float32Array | Float64Array, d: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * d);
  rows.forEach((r, k) => {
    let ss = 0;
    for (let j = 0; j < d; j++) ss += X[r * d + j] * X[r * d + j];
    const scale = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let j = 0; j < d; j++) out[k * d + j] = X[r * d + j] * scale;
  });
  return out;
}

/** out[i] = max over set vectors s of ⟨query_i, s⟩ (both row-major, d columns, set non-empty). */
export function maxDotToSet(query: Float64Array, set: Float64Array, d: number, out: Float64Array): void {
  const nq = query.length / d,
    ns = set.length / d;
  let i = 0;
  for (; i + 4 <= nq; i += 4) {
    const a0 = i * d,
      a1 = a0 + d,
      a2 = a1 + d,
      a3 = a2 + d;
    let b0 = -Infinity,
      b1 = -Infinity,
      b2 = -Infinity,
      b3 = -Infinity;
    for (let q = 0; q < ns; q++) {
      const sq = q * d;
      let d0 = 0,
        d1 = 0,
        d2 = 0,
        d3 = 0;
      for (let j = 0; j < d; j++) {
        const v = set[sq + j];
        d0 += query[a0 + j] * v;
        d1 += query[a1 + j] * v;
        d2 += query[a2 + j] * v;
        d3 += query[a3 + j] * v;
      }
      if (d0 > b0) b0 = d0;
      if (d1 > b1) b1 = d1;
      if (d2 > b2) b2 = d2;
      if (d3 > b3) b3 = d3;
    }
    out[i] = b0;
    out[i + 1] = b1;
    out[i + 2] = b2;
    out[i + 3] = b3;
  }
  for (; i < nq; i++) {
    const a = i * d;
    let best = -Infinity;
    for (let q = 0; q < ns; q++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += query[a + j] * set[q * d + j];
      if (dot > best) best = dot;
    }
    out[i] = best;
  }
}
