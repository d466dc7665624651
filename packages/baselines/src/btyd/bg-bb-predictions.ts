// BG/BB predictions (Fader, Hardie & Shang 2010). With S(t) = B(γ, δ+t)/B(γ, δ) the probability
// of being alive at opportunity t and L the likelihood of bg-bb.ts:
//   P(X(n) = x)          eq. (7):  C(n,x) B(α+x, β+n−x)/B(α,β) · S(n)
//                                  + Σ_{i=x}^{n−1} C(i,x) B(α+x, β+i−x)/B(α,β) · B(γ+1, δ+i)/B(γ,δ)
//   E[X(n)]              eq. (8):  α/(α+β) · Σ_{t=1}^{n} S(t)
//   P(alive at n+m | x, t_x, n), eq. (11) for m = 1:  B(α+x, β+n−x)/B(α,β) · S(n+m) / L
//   E[X(n, n+n*) | x, t_x, n],  eq. (13):  B(α+x+1, β+n−x)/B(α,β) · Σ_{t=n+1}^{n+n*} S(t) / L
//   P(X(n, n+n*) ≥ 1 | x, t_x, n) = 1 − L(x, t_x, n+n*) / L(x, t_x, n): no transaction in the
//                                  next n* opportunities is the history (x, t_x, n+n*) itself
// The sums Σ S(t) are the paper's closed forms δ/(γ−1) · Γ(γ+δ)/Γ(1+δ) · [Γ(1+δ+n)/Γ(γ+δ+n) − …]
// written out term by term (S(t+1) = S(t)·(δ+t)/(γ+δ+t)), which has no 0/0 at γ = 1 and costs
// n* multiplications.
import { bgBbColumns } from './bg-bb-input.ts';
import { bgBbTables, logDropoutTerm, logPurchaseTerm } from './bg-bb.ts';
import type { BgBbHistory } from './bg-bb-input.ts';
import type { BgBbFit, BgBbTables } from './bg-bb.ts';

function checkCount(where: string, name: string, v: number): void {
  if (!(Number.isInteger(v) && v >= 0))
    throw new Error(`${where}: expected ${name} to be a non-negative integer (transaction opportunities), got ${v}`);
}

const maxOf = (v: Int32Array): number => v.reduce((m, e) => (e > m ? e : m), 0);

/** Σ_{t=from}^{to} S(t) by the recurrence above (0 when to < from). */
function survivalSum(fit: BgBbFit, from: number, to: number, t: BgBbTables): number {
  const { gamma, delta } = fit.params;
  let s = Math.exp(logDropoutTerm(t, 0, from)),
    total = 0;
  for (let k = from; k <= to; k++) {
    total += s;
    s *= (delta + k) / (gamma + delta + k);
  }
  return total;
}

/** log L of each history (the likelihood of bg-bb.ts at the fitted parameters). */
function logLikelihoods(t: BgBbTables, x: Int32Array, tx: Int32Array, n: Int32Array): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let max = logPurchaseTerm(t, x[i], n[i] - x[i]) + logDropoutTerm(t, 0, n[i]);
    const terms = [max];
    for (let j = 0; j < n[i] - tx[i]; j++) {
      const v = logPurchaseTerm(t, x[i], tx[i] - x[i] + j) + logDropoutTerm(t, 1, tx[i] + j);
      terms.push(v);
      if (v > max) max = v;
    }
    out[i] = max + Math.log(terms.reduce((s, v) => s + Math.exp(v - max), 0));
  }
  return out;
}

/** P(X(n) = x): probability that a new customer makes exactly x transactions in n opportunities. */
export function bgBbPurchaseProbability(fit: BgBbFit, n: number, x: number): number {
  const where = 'baselines/bgBbPurchaseProbability';
  checkCount(where, 'n', n);
  checkCount(where, 'x', x);
  if (x > n) return 0;
  const t = bgBbTables(fit.params, n);
  let logC = 0; // ln C(i, x), updated as i grows from x
  let p = 0;
  for (let i = x; i < n; i++) {
    p += Math.exp(logC + logPurchaseTerm(t, x, i - x) + logDropoutTerm(t, 1, i));
    logC += Math.log((i + 1) / (i + 1 - x));
  }
  return p + Math.exp(logC + logPurchaseTerm(t, x, n - x) + logDropoutTerm(t, 0, n));
}

/** E[X(n)]: expected transactions of a new customer over n opportunities. */
export function bgBbExpectedPurchases(fit: BgBbFit, n: number): number {
  checkCount('baselines/bgBbExpectedPurchases', 'n', n);
  const { alpha, beta } = fit.params;
  return (alpha / (alpha + beta)) * survivalSum(fit, 1, n, bgBbTables(fit.params, 0));
}

/** P(alive at opportunity n + m | x, t_x, n) per customer; m = 1 is the paper's eq. (11) ("alive in the next period"). */
export function bgBbProbabilityAlive(fit: BgBbFit, history: BgBbHistory, m = 1): Float64Array {
  const where = 'baselines/bgBbProbabilityAlive';
  checkCount(where, 'm', m);
  const { x, tx, n } = bgBbColumns(where, history);
  const t = bgBbTables(fit.params, maxOf(n) + m);
  const ll = logLikelihoods(t, x, tx, n);
  return ll.map((l, i) => Math.exp(logPurchaseTerm(t, x[i], n[i] - x[i]) + logDropoutTerm(t, 0, n[i] + m) - l));
}

/** E[X(n, n+n*) | x, t_x, n]: expected transactions in the next `nStar` opportunities, per customer. */
export function bgBbConditionalExpectedPurchases(fit: BgBbFit, nStar: number, history: BgBbHistory): Float64Array {
  const where = 'baselines/bgBbConditionalExpectedPurchases';
  checkCount(where, 'nStar', nStar);
  const { x, tx, n } = bgBbColumns(where, history);
  const t = bgBbTables(fit.params, maxOf(n) + 1);
  const ll = logLikelihoods(t, x, tx, n);
  return ll.map(
    (l, i) => Math.exp(logPurchaseTerm(t, x[i] + 1, n[i] - x[i]) - l) * survivalSum(fit, n[i] + 1, n[i] + nStar, t),
  );
}

/** P(≥ 1 transaction in the next `nStar` opportunities | x, t_x, n) per customer (the benchmark's repurchase score; see header). */
export function bgBbRepurchaseProbability(fit: BgBbFit, nStar: number, history: BgBbHistory): Float64Array {
  const where = 'baselines/bgBbRepurchaseProbability';
  checkCount(where, 'nStar', nStar);
  const { x, tx, n } = bgBbColumns(where, history);
  const t = bgBbTables(fit.params, maxOf(n) + nStar);
  const now = logLikelihoods(t, x, tx, n),
    later = logLikelihoods(
      t,
      x,
      tx,
      n.map((v) => v + nStar),
    );
  return now.map((l, i) => Math.min(1, Math.max(0, -Math.expm1(later[i] - l))));
}
