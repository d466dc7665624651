// What one model contributes to `clvlab predict` (docs/architecture.md §CLI): the types every
// forecaster shares. A forecaster turns one `--model` spec into per-customer columns for the
// cohort at --as-of; create-forecaster.ts picks the BTYD one (btyd-forecaster.ts: the model's own
// P(alive), expected purchases and DERT-style discounting) or the generic one for any other
// registered model (model-forecaster.ts), so a model in the registry is all `predict` needs.
import type { ModelTask } from '@clvlab/sessions';

export interface ForecastInput {
  /**
   * Events before --as-of only, and the temporal split at it (forecast-split.ts): cohort =
   * customers with a purchase before as-of, fit window = the last full horizon before it,
   * score window = the label-free [as-of, as-of + horizon).
   */
  readonly task: ModelTask;
  /** Horizon length in ms. */
  readonly horizonMs: number;
  /** Unit of the BTYD triple and of the fits (`--unit`). */
  readonly unit: 'week' | 'day';
  /** Annual discount rate d ≥ 0 (continuous rate ln(1 + d) per year). */
  readonly discountRate: number;
  /** Multiplies the discounted value into `clv`. */
  readonly margin: number;
  /** Dataset id the registry's models are created for. */
  readonly datasetId: string;
}

/** The BTYD-only columns: what a purchase-process model says beyond value and repurchase. */
export interface BtydColumns {
  /** E[purchase days in (as-of, as-of + horizon] | x, t_x, T]. */
  readonly expectedPurchases: Float64Array;
  /** P(alive at as-of | x, t_x, T). */
  readonly pAlive: Float64Array;
  /** Expected spend per purchase day (Gamma-Gamma; see spend-per-purchase.ts). */
  readonly spend: Float64Array;
}

/** One model's columns, aligned with task.split.customers. */
export interface ForecastColumns {
  /** Undiscounted expected value over the horizon. */
  readonly expectedValue: Float64Array;
  /** margin × discounted expected value over the horizon. */
  readonly clv: Float64Array;
  /** P(≥ 1 purchase in the horizon) or the model's repurchase score. */
  readonly repurchase: Float64Array;
  readonly btyd?: BtydColumns;
  /** Customer embeddings [cohort × dim], for models that learn them (the encoders). */
  readonly embedding?: { readonly dim: number; readonly data: Float32Array };
  /** Fitted parameters, resolved config, training facts: for the --json summary. */
  readonly info: Readonly<Record<string, unknown>>;
}

export interface Forecaster {
  /** The spec as written (`bgnbd-gg`, `transformer:dModel=16`): the column prefix. */
  readonly name: string;
  /** The registry family (baseline, encoder). */
  readonly family: string;
  /** Fills the BTYD columns. */
  readonly btyd: boolean;
  forecast(input: ForecastInput): Promise<ForecastColumns>;
}
