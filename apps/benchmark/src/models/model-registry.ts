// Every model the benchmark can run, by name: the baselines (@clvlab/baselines), the neural
// models (@clvlab/behavior-encoder: the sequence encoders and the sequence-free `ziln-mlp`),
// this app's `calibration-frequency` reference model and, on synthetic data, the `oracle`.
// Names and search spaces come from the packages' registries (BASELINE_MODEL_NAMES,
// ENCODER_MODEL_NAMES, *_SEARCH_SPACES), so a model added there appears here without editing
// this file. A `--models` item may carry overrides (`transformer:useRfm=false`, model-spec.ts).
// Plugin models (`bench --plugin FILE`, plugin-models.ts) and predictions files (`bench
// --predictions NAME=FILE`, predictions-file.ts) join the registry once loaded.
import { BASELINE_MODEL_NAMES, BASELINE_SEARCH_SPACES, createBaselineModel } from '@clvlab/baselines';
import { createEncoderModel, ENCODER_MODEL_NAMES, ENCODER_SEARCH_SPACES } from '@clvlab/behavior-encoder';
import type { BenchModel, SearchSpace } from '@clvlab/sessions';
import type { SealedPayload } from '../runner/sealed-task.ts';
import { resolveOptions } from '@clvlab/core';
import { createCalibrationFrequencyModel, DEFAULT_CALIBRATION_FREQUENCY } from './calibration-frequency.ts';
import { parseModelSpec } from './model-spec.ts';
import { createPluginModel, extraModelNames, pluginOf, predictionsOf } from './plugin-models.ts';
import { createOracleModel } from './oracle-model.ts';

/** 'plugin': a model from `--plugin`; 'external': predictions from a file (`--predictions`), scored, never run. */
export type ModelFamily = 'baseline' | 'encoder' | 'oracle' | 'plugin' | 'external';

export interface ModelEntry {
  /** The row name: the spec as written (`transformer`, `transformer:useRfm=false`). */
  readonly name: string;
  /** The registered model it configures. */
  readonly base: string;
  readonly overrides: Readonly<Record<string, string>>;
  readonly family: ModelFamily;
  /** Reads the token sequence (the encoders); false for every model that sees only per-customer summaries. */
  readonly sequence: boolean;
  /** Relative run-time estimate; the scheduler starts expensive cells first (LPT order). */
  readonly cost: number;
  /** Needs per-customer social-graph features (`+social` variants). */
  readonly needsGraph: boolean;
  /** Needs per-customer attributes (`+cov` variants: `ingest --customers`, or a named dataset that has them). */
  readonly needsCovariates: boolean;
  /** Needs synthetic ground truth. */
  readonly needsTruth: boolean;
  /** What `bench --tune` searches (the spec's own overrides are fixed, so they leave the space); null = nothing to tune. */
  readonly searchSpace: SearchSpace | null;
}

/** The search space of a registered name: its own entry, else that of its base before any `+flag`. */
function spaceOf(spaces: Readonly<Record<string, SearchSpace>>, name: string): SearchSpace | null {
  const plain = name.split('+')[0];
  return spaces[name] ?? spaces[plain] ?? null;
}

const BUILT_IN: readonly string[] = [
  ...BASELINE_MODEL_NAMES,
  'calibration-frequency',
  ...ENCODER_MODEL_NAMES,
  'oracle',
];

/** True for the names of the built-in models (plugins and predictions files may not reuse them). */
export function isBuiltInModel(name: string): boolean {
  return BUILT_IN.includes(name);
}

function baseEntry(name: string): Omit<ModelEntry, 'name' | 'overrides'> | null {
  const flags = { needsGraph: name.endsWith('+social'), needsCovariates: name.endsWith('+cov'), needsTruth: false };
  if ((BASELINE_MODEL_NAMES as readonly string[]).includes(name)) {
    return {
      base: name,
      family: 'baseline',
      sequence: false,
      cost: /nbd|pareto/.test(name) ? 8 : /gbdt|forest|two-stage/.test(name) ? 4 : 1,
      ...flags,
      searchSpace: spaceOf(BASELINE_SEARCH_SPACES, name),
    };
  }
  if (name === 'calibration-frequency')
    return { base: name, family: 'baseline', sequence: false, cost: 1, ...flags, searchSpace: null };
  if ((ENCODER_MODEL_NAMES as readonly string[]).includes(name)) {
    const sequence = !name.startsWith('ziln-mlp');
    return {
      base: name,
      family: 'encoder',
      sequence,
      cost: sequence ? 100 : 10,
      ...flags,
      searchSpace: spaceOf(ENCODER_SEARCH_SPACES, name),
    };
  }
  if (name === 'oracle')
    return {
      base: name,
      family: 'oracle',
      sequence: false,
      cost: 0.5,
      needsGraph: false,
      needsCovariates: false,
      needsTruth: true,
      searchSpace: null,
    };
  const plugin = pluginOf(name);
  if (plugin)
    return {
      base: name,
      family: 'plugin',
      sequence: false,
      cost: 5,
      needsGraph: false,
      needsCovariates: false,
      needsTruth: false,
      searchSpace: plugin.searchSpace,
    };
  if (predictionsOf(name))
    return {
      base: name,
      family: 'external',
      sequence: false,
      cost: 0,
      needsGraph: false,
      needsCovariates: false,
      needsTruth: false,
      searchSpace: null,
    };
  return null;
}

/** All registered models, in a stable order (baselines, encoders, oracle, then loaded plugins and predictions files). */
export function modelCatalog(): readonly ModelEntry[] {
  const names = [...BUILT_IN, ...extraModelNames()];
  return Object.freeze(names.map((n) => Object.freeze({ name: n, overrides: Object.freeze({}), ...baseEntry(n)! })));
}

/** The entry for a spec (`name` or `name:key=value…`), or a one-line error listing the known names. */
export function modelEntry(spec: string): ModelEntry {
  const s = parseModelSpec(spec);
  const base = baseEntry(s.base);
  if (!base)
    throw new Error(
      `benchmark/models: unknown model '${s.base}' (known: ${modelCatalog()
        .map((m) => m.name)
        .join(', ')})`,
    );
  if (Object.keys(s.overrides).length > 0 && base.family === 'oracle') {
    throw new Error(`benchmark/models: '${spec}': the oracle takes no config`);
  }
  let searchSpace = base.searchSpace;
  if (searchSpace) {
    const free = Object.fromEntries(Object.entries(searchSpace).filter(([k]) => !Object.hasOwn(s.overrides, k)));
    searchSpace = Object.keys(free).length > 0 ? Object.freeze(free) : null;
  }
  return Object.freeze({ ...base, name: s.spec, overrides: s.overrides, searchSpace });
}

/**
 * Builds the model of `spec` for a dataset, with `extra` config (a tuning trial) over the spec's
 * overrides. The oracle needs the dataset's ground truth.
 */
export function createModel(
  spec: string,
  dataset: Pick<SealedPayload, 'id' | 'oracle'>,
  extra: Readonly<Record<string, unknown>> = {},
): BenchModel {
  const entry = modelEntry(spec);
  const config: Record<string, unknown> = { ...entry.overrides, ...extra };
  if (entry.family === 'oracle') {
    if (Object.keys(config).length > 0) throw new Error(`benchmark/models: '${spec}': the oracle takes no config`);
    return createOracleModel(dataset);
  }
  if (entry.base === 'calibration-frequency')
    return createCalibrationFrequencyModel(
      resolveOptions('benchmark/calibration-frequency', DEFAULT_CALIBRATION_FREQUENCY, config, { coerce: true }),
    );
  if (entry.family === 'baseline')
    return createBaselineModel(entry.base as (typeof BASELINE_MODEL_NAMES)[number], config);
  if (entry.family === 'plugin') return createPluginModel(entry.base, config);
  if (entry.family === 'external') {
    const file = predictionsOf(entry.base)!;
    if (Object.keys(config).length > 0)
      throw new Error(`benchmark/models: '${spec}': a predictions file takes no config`);
    return Object.freeze({
      name: entry.base,
      config: Object.freeze({ file: file.path, sha256: file.sha256 }),
      async run(): Promise<never> {
        throw new Error(`benchmark/models: '${spec}' is a predictions file: the runner scores it, no model runs`);
      },
    });
  }
  return createEncoderModel(entry.base, config);
}
