// The baseline benchmark models by name (docs/architecture.md §Models): what
// `clvlab bench --models` resolves.
import type { BenchModel } from '@clvlab/sessions';
import { averagedTreesModel } from '../trees/averaged-trees-model.ts';
import { bgBbModel } from '../btyd/bg-bb-model.ts';
import { btydModel } from '../btyd/btyd-model.ts';
import { gbdtModel } from '../trees/gbdt-model.ts';
import { historicalRateModel } from '../rfm/historical-rate-model.ts';
import { rfmLinearModel } from '../rfm/rfm-linear-model.ts';
import { rfmSegmentModel } from '../rfm/rfm-segment-model.ts';
import { twoStageModel } from '../trees/two-stage-model.ts';

export const BASELINE_MODEL_NAMES = Object.freeze([
  'historical-rate',
  'rfm-segment',
  'rfm-linear',
  'rfm-linear+social',
  'bgnbd-gg',
  'pareto-nbd-gg',
  'bgnbd-gg+cov',
  'pareto-nbd-gg+cov',
  'bg-bb-gg',
  'gbdt',
  'gbdt+social',
  'random-forest',
  'decision-tree',
  'two-stage',
] as const);
export type BaselineModelName = (typeof BASELINE_MODEL_NAMES)[number];

/** A baseline model by name with its config (unknown names and config keys are errors). */
export function createBaselineModel(name: BaselineModelName, config: Record<string, unknown> = {}): BenchModel {
  switch (name) {
    case 'historical-rate':
      return historicalRateModel(config);
    case 'rfm-segment':
      return rfmSegmentModel(config);
    case 'rfm-linear':
      return rfmLinearModel(false, config);
    case 'rfm-linear+social':
      return rfmLinearModel(true, config);
    case 'bgnbd-gg':
      return btydModel('bgnbd', config);
    case 'pareto-nbd-gg':
      return btydModel('pareto-nbd', config);
    case 'bgnbd-gg+cov':
      return btydModel('bgnbd', config, true);
    case 'pareto-nbd-gg+cov':
      return btydModel('pareto-nbd', config, true);
    case 'bg-bb-gg':
      return bgBbModel(config);
    case 'gbdt':
      return gbdtModel(false, config);
    case 'gbdt+social':
      return gbdtModel(true, config);
    case 'random-forest':
      return averagedTreesModel('random-forest', config);
    case 'decision-tree':
      return averagedTreesModel('decision-tree', config);
    case 'two-stage':
      return twoStageModel(config);
    default:
      throw new Error(
        `baselines/createBaselineModel: unknown model '${String(name)}' (expected one of ${BASELINE_MODEL_NAMES.join(', ')})`,
      );
  }
}
