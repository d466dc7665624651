// Every model the benchmark can run, by name: the baselines (@clvlab/baselines), the
// sequence encoders (@clvlab/behavior-encoder), this app's `calibration-frequency` reference
// model and, on synthetic data, the `oracle`. The model packages are read through their
// published registries (BASELINE_MODEL_NAMES / ENCODER_MODEL_NAMES), so a model added there
// appears here without editing this file; a package that has not published its registry
// yet simply contributes no models.
import * as baselines from '@clvlab/baselines';
import * as encoder from '@clvlab/behavior-encoder';
import type { BenchModel } from '@clvlab/sessions';
import type { DatasetPayload } from '../runner/cell-protocol.ts';
import { createCalibrationFrequencyModel } from './calibration-frequency.ts';
import { createOracleModel } from './oracle-model.ts';

export type ModelFamily = 'baseline' | 'encoder' | 'oracle';

export interface ModelEntry {
  readonly name: string;
  readonly family: ModelFamily;
  /** Relative run-time estimate; the scheduler starts expensive cells first (LPT order). */
  readonly cost: number;
  /** Needs per-customer social-graph features (`+social` variants). */
  readonly needsGraph: boolean;
  /** Needs synthetic ground truth. */
  readonly needsTruth: boolean;
}

interface BaselinesApi {
  BASELINE_MODEL_NAMES: readonly string[];
  createBaselineModel(name: string, config?: Record<string, unknown>): BenchModel;
}
interface EncoderApi {
  ENCODER_MODEL_NAMES: readonly string[];
  createEncoderModel(name: string, config?: Record<string, unknown>): BenchModel;
}

const baselineApi = baselines as unknown as Partial<BaselinesApi>;
const encoderApi = encoder as unknown as Partial<EncoderApi>;

function baselineCost(name: string): number {
  return /nbd|pareto/.test(name) ? 8 : 1;
}

/** All models known to this build, in a stable order (baselines, encoders, oracle). */
export function modelCatalog(): readonly ModelEntry[] {
  const out: ModelEntry[] = [];
  const add = (name: string, family: ModelFamily, cost: number): void => {
    out.push(Object.freeze({ name, family, cost, needsGraph: name.endsWith('+social'), needsTruth: family === 'oracle' }));
  };
  if (baselineApi.createBaselineModel) for (const n of baselineApi.BASELINE_MODEL_NAMES ?? []) add(n, 'baseline', baselineCost(n));
  add('calibration-frequency', 'baseline', 1);
  if (encoderApi.createEncoderModel) for (const n of encoderApi.ENCODER_MODEL_NAMES ?? []) add(n, 'encoder', 100);
  add('oracle', 'oracle', 0.5);
  return Object.freeze(out);
}

/** The catalog entry for `name`, or a one-line error listing the known names. */
export function modelEntry(name: string): ModelEntry {
  const entry = modelCatalog().find((m) => m.name === name);
  if (!entry) throw new Error(`benchmark/models: unknown model '${name}' (known: ${modelCatalog().map((m) => m.name).join(', ')})`);
  return entry;
}

/** Builds a model by name for a dataset (the oracle needs the dataset's ground truth). */
export function createModel(name: string, dataset: Pick<DatasetPayload, 'id' | 'oracle'>): BenchModel {
  const entry = modelEntry(name);
  if (entry.family === 'oracle') return createOracleModel(dataset);
  if (name === 'calibration-frequency') return createCalibrationFrequencyModel();
  if (entry.family === 'baseline') return baselineApi.createBaselineModel!(name);
  return encoderApi.createEncoderModel!(name);
}
