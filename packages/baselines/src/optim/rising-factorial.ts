// ln Γ(v+k) − ln Γ(v) = Σ_{j<k} ln(v+j) and ψ(v+k) − ψ(v) = Σ_{j<k} 1/(v+j) for k = 0..size−1, by
// the recurrence Γ(v+1) = v·Γ(v): the integer-offset Γ and Beta ratios of the BTYD likelihoods
// (Γ(r+x)/Γ(r), B(α+x, β+m)/B(α, β), …) tabulated once per likelihood evaluation.

/** `l[k]` = ln Γ(v+k) − ln Γ(v), `d[k]` = ψ(v+k) − ψ(v). */
export interface RisingTable {
  readonly l: Float64Array;
  readonly d: Float64Array;
}

export function risingTable(v: number, size: number): RisingTable {
  const l = new Float64Array(size),
    d = new Float64Array(size);
  for (let k = 1; k < size; k++) {
    l[k] = l[k - 1] + Math.log(v + k - 1);
    d[k] = d[k - 1] + 1 / (v + k - 1);
  }
  return { l, d };
}
