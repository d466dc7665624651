// The engineered feature table (issue 12 §1): per cohort customer, every column of
// ENGINEERED_FEATURES (engineered-feature-table.ts, rendered in the package README) computed
// only from events with start ≤ t < featureEnd. The RFM columns are the history kernel's numbers
// (rfmColumns), lifecycle stages and tiers are its views; the rest come from one pass per
// customer (engineered-pass.ts). A column the dataset cannot give (no views, no prices, no
// session ids…; feature-needs.ts decides from pre-cutoff events only) is left out and listed in
// `omitted` with the reason, never filled with zeros. NaN = undefined for that customer.
//
// RFM tiers leak across folds when their quartile cuts are fitted on every customer: pass
// `tierCuts` (fitted elsewhere, e.g. the fit window's train fold) or `tierRows` (rows of this
// table to fit on, e.g. the train fold); the default fits on all rows, which is right only
// for unsupervised use. The cuts used are returned.
import { resolveOptions } from '@clvlab/core';
import type { EventLog } from '@clvlab/events';
import type { FeatureTable, Split } from '@clvlab/sessions';
import { ENGINEERED_FEATURES, FEATURE_NEEDS, stageColumn } from './engineered-feature-table.ts';
import { engineeredPass } from './engineered-pass.ts';
import { featureNeeds } from './feature-needs.ts';
import { DEFAULT_LIFECYCLE, LIFECYCLE_STAGES, lifecycleStages } from './lifecycle-stage.ts';
import type { LifecycleOptions } from './lifecycle-stage.ts';
import { rfmColumns } from './rfm-features.ts';
import { applyRfmTierCuts, rfmTierCuts } from './rfm-tier-cuts.ts';
import type { RfmTierCuts } from './rfm-tier-cuts.ts';

const WHERE = 'features/engineeredFeatures';

/** What engineeredFeatures reads: a ModelTask satisfies it (session optional). */
export interface EngineeredSource {
  readonly log: EventLog;
  readonly offsets: ArrayLike<number>;
  /** Session index per event (sessions' splitSessions); without it the session features are omitted. */
  readonly session?: Int32Array;
  readonly split: Pick<Split, 'customers' | 'start'>;
}

export const DEFAULT_ENGINEERED_FEATURES: Readonly<{
  names: readonly string[] | null;
  tierCuts: RfmTierCuts | null;
  tierRows: ArrayLike<number> | null;
  lifecycle: LifecycleOptions;
}> = Object.freeze({
  /**
   * Exactly these columns (null = every one the dataset can give). Pass the fit-window table's
   * names when computing the score-window table, so the two align even where a later cutoff
   * would add a column; a name the dataset cannot give is an error.
   */
  names: null,
  /** RFM tier cut points fitted elsewhere (rfmTierCuts); wins over tierRows. */
  tierCuts: null,
  /** Rows of this table (indices into split.customers) to fit the tier cuts on; null = all rows. */
  tierRows: null,
  /** Lifecycle-stage thresholds (lifecycle-stage.ts). */
  lifecycle: DEFAULT_LIFECYCLE,
});
export type EngineeredOptions = Partial<typeof DEFAULT_ENGINEERED_FEATURES>;

export interface OmittedFeature {
  readonly name: string;
  readonly reason: string;
}

export interface EngineeredFeatures extends FeatureTable {
  /** Row r is customer customers[r] (split.customers). */
  readonly customers: Int32Array;
  readonly featureEnd: number;
  /** Features of ENGINEERED_FEATURES this dataset cannot give, in table order, with why. */
  readonly omitted: readonly OmittedFeature[];
  /** The RFM tier cuts behind rfm_tier_* (pass them on to apply the same tiers elsewhere). */
  readonly tierCuts: RfmTierCuts;
}

/** The engineered feature table of `source.split.customers` from events in [split.start, featureEnd). */
export function engineeredFeatures(
  source: EngineeredSource,
  featureEnd: number,
  options: EngineeredOptions = {},
): EngineeredFeatures {
  const o = resolveOptions(WHERE, DEFAULT_ENGINEERED_FEATURES, options);
  const { log, offsets, session } = source;
  const { customers, start } = source.split;
  if (!Number.isFinite(featureEnd)) throw new Error(`${WHERE}: featureEnd must be finite epoch ms, got ${featureEnd}`);
  if (customers.length === 0) throw new Error(`${WHERE}: empty cohort (no customers)`);
  if (session !== undefined && session.length !== log.length)
    throw new Error(`${WHERE}: session has ${session.length} entries, the log ${log.length}`);
  const rfm = rfmColumns(log, offsets, customers, start, featureEnd, 'day');
  const columns = engineeredPass(log, offsets, session ?? null, customers, start, featureEnd);
  for (const name of ['recency', 'frequency', 'monetary', 'tenure'] as const) columns.set(name, rfm[name]);
  columns.set('ipt_last_gap', rfm.history.lastGapDays);
  const stages = lifecycleStages(rfm.history, o.lifecycle);
  LIFECYCLE_STAGES.forEach((stage, k) =>
    columns.set(
      stageColumn(stage),
      Float64Array.from(stages, (s) => (s === k ? 1 : 0)),
    ),
  );
  const all = o.tierRows ?? Array.from(customers, (_, r) => r);
  for (let q = 0; q < all.length; q++) {
    if (!Number.isInteger(all[q]) || all[q] < 0 || all[q] >= customers.length)
      throw new Error(`${WHERE}: tierRows[${q}] = ${all[q]} is not a row of the ${customers.length}-customer table`);
  }
  const tierCuts = o.tierCuts ?? rfmTierCuts(rfm, all);
  const tiers = applyRfmTierCuts(tierCuts, rfm);
  columns.set('rfm_tier_r', Float64Array.from(tiers.recency));
  columns.set('rfm_tier_f', Float64Array.from(tiers.frequency));
  columns.set('rfm_tier_m', Float64Array.from(tiers.monetary));

  const met = featureNeeds(log, session !== undefined, start, featureEnd);
  const wanted = o.names === null ? null : new Set(o.names);
  for (const name of wanted ?? [])
    if (!columns.has(name))
      throw new Error(`${WHERE}: options.names has '${name}', which is not an engineered feature`);
  const names: string[] = [],
    kept: Float64Array[] = [],
    omitted: OmittedFeature[] = [];
  for (const spec of ENGINEERED_FEATURES) {
    const unmet = spec.needs.filter((need) => !met.has(need));
    const reason = unmet.map((need) => FEATURE_NEEDS[need]).join('; ');
    if (wanted !== null && !wanted.has(spec.name)) {
      omitted.push(Object.freeze({ name: spec.name, reason: reason || 'not in options.names' }));
      continue;
    }
    if (unmet.length > 0) {
      if (wanted !== null)
        throw new Error(
          `${WHERE}: options.names asks for '${spec.name}', which this dataset cannot give before ${new Date(featureEnd).toISOString()} (${reason})`,
        );
      omitted.push(Object.freeze({ name: spec.name, reason }));
      continue;
    }
    const column = columns.get(spec.name);
    if (!column) throw new Error(`${WHERE}: no column computed for '${spec.name}'`); // the table and the pass disagree
    names.push(spec.name);
    kept.push(column);
  }
  return Object.freeze({
    names: Object.freeze(names),
    columns: Object.freeze(kept),
    customers,
    featureEnd,
    omitted: Object.freeze(omitted),
    tierCuts,
  });
}

/** `+social`: the table with the social-graph package's per-customer columns appended (the app joins them). */
export function withSocialFeatures(features: EngineeredFeatures, graph: FeatureTable): EngineeredFeatures {
  const n = features.customers.length;
  if (graph.names.length !== graph.columns.length)
    throw new Error(`${WHERE}: graph table has ${graph.names.length} names for ${graph.columns.length} columns`);
  graph.columns.forEach((column, k) => {
    const name = graph.names[k];
    if (column.length !== n)
      throw new Error(`${WHERE}: graph column '${name}' has ${column.length} rows, the table ${n}`);
    if (features.names.includes(name)) throw new Error(`${WHERE}: graph column '${name}' is already a feature`);
  });
  return Object.freeze({
    ...features,
    names: Object.freeze([...features.names, ...graph.names]),
    columns: Object.freeze([...features.columns, ...graph.columns]),
  });
}
