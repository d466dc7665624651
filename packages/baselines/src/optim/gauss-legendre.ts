// Gauss–Legendre quadrature nodes and weights on [−1, 1] (Golub–Welsch would also do; Newton
// on P_n from the Chebyshev initial guesses is standard and exact to machine precision for
// the small orders used here). Used for the Pareto/NBD repurchase probability integral.

/** Nodes and weights of the n-point rule on [−1, 1]. */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n),
    weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1,
        p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  return { nodes, weights };
}

/** ∫_lo^hi f(v) dv by `panels` equal panels of the n-point rule. */
export function integrate(
  f: (v: number) => number,
  lo: number,
  hi: number,
  rule: { nodes: Float64Array; weights: Float64Array },
  panels = 4,
): number {
  const width = (hi - lo) / panels;
  let sum = 0;
  for (let p = 0; p < panels; p++) {
    const mid = lo + (p + 0.5) * width;
    for (let i = 0; i < rule.nodes.length; i++) sum += rule.weights[i] * f(mid + (rule.nodes[i] * width) / 2);
  }
  return (sum * width) / 2;
}
