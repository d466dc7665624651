// Result types shared by the BTYD and spend fitters (docs/architecture.md §Models, §Style:
// immutable results with named parameters, standard errors and log-likelihood).

/** Fields every maximum-likelihood fit carries. */
export interface FitDiagnostics {
  /** Maximised log-likelihood (sum over customers, including constant terms). */
  readonly logLikelihood: number;
  /** Customers that entered the likelihood. */
  readonly nCustomers: number;
  readonly converged: boolean;
  /** Optimiser iterations over all attempts. */
  readonly iterations: number;
  /** max |∂ mean-LL / ∂ log θ| at the returned point. */
  readonly gradientNorm: number;
  /** Optimisers tried, in order. */
  readonly methods: readonly string[];
}

export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}
export interface ParetoNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

export interface BgNbdFit extends FitDiagnostics {
  readonly model: 'bgnbd';
  readonly params: BgNbdParams;
  readonly stdErrors: BgNbdParams;
}

export interface ParetoNbdFit extends FitDiagnostics {
  readonly model: 'pareto-nbd';
  readonly params: ParetoNbdParams;
  /** NaN for s and β when `boundary` (not identified there). */
  readonly stdErrors: ParetoNbdParams;
  /** True when the likelihood has no finite maximum and the s, β → ∞ limit was fitted (pareto-nbd.ts header). */
  readonly boundary?: boolean;
  /** At the boundary: the common dropout rate μ = s/β and its standard error. */
  readonly dropoutRate?: Readonly<{ mu: number; stdError: number }>;
  /** At the boundary: what happened, in words. */
  readonly warning?: string;
}

export interface GammaGammaFit extends FitDiagnostics {
  readonly model: 'gamma-gamma';
  readonly params: GammaGammaParams;
  readonly stdErrors: GammaGammaParams;
  /** Customers left out of the spend fit, by reason (see gamma-gamma.ts header). */
  readonly excluded: Readonly<{ noRepeatPurchases: number; nonPositiveSpend: number }>;
}

/** A fitted purchase-process model (BG/NBD or Pareto/NBD). */
export type PurchaseFit = BgNbdFit | ParetoNbdFit;

/** Per-customer BTYD history, in one time unit: repeat purchase count, recency, age. */
export interface BtydData {
  readonly frequency: ArrayLike<number>;
  readonly recency: ArrayLike<number>;
  readonly T: ArrayLike<number>;
}

/** Per-customer spend history: repeat purchase count and mean spend per repeat purchase. */
export interface SpendData {
  readonly frequency: ArrayLike<number>;
  readonly monetary: ArrayLike<number>;
}
