// Segment labels per test customer for the per-segment breakdown (docs/architecture.md §Models): the named RFM
// segment from quartile tiers whose cut points are fitted on the seed's TRAIN fold (as every
// model's are) and applied to the test customers, and the lifecycle stage, both computed by
// @clvlab/baselines from data before the cutoff (split.score.featureEnd).
import { applyRfmTierCuts, customerHistory, lifecycleStage, rfmFeatures, rfmSegment, rfmTierCuts } from '@clvlab/features';
import { Fold } from '@clvlab/sessions';
import type { DatasetPayload } from '../runner/cell-protocol.ts';

export interface Segmentation {
  readonly name: 'rfm_segment' | 'lifecycle_stage';
  readonly labels: readonly string[];
}

/** RFM segment and lifecycle stage of each test customer (rows = cohort positions). */
export function segmentLabels(payload: DatasetPayload, rows: Int32Array, fold: Uint8Array = payload.split.fold): Segmentation[] {
  const { log, offsets, split } = payload;
  const end = split.score.featureEnd;
  const features = rfmFeatures({ log, split, offsets }, end);
  const train: number[] = [];
  for (let r = 0; r < fold.length; r++) if (fold[r] === Fold.train) train.push(r);
  const tiers = applyRfmTierCuts(rfmTierCuts(features, train), features);
  const history = customerHistory(log, offsets, split.customers, split.start, end);
  const stages = lifecycleStage(history);
  const rfm: string[] = [], life: string[] = [];
  for (const r of rows) {
    rfm.push(rfmSegment(tiers.recency[r], tiers.frequency[r], tiers.monetary[r]));
    life.push(stages[r]);
  }
  return [{ name: 'rfm_segment', labels: rfm }, { name: 'lifecycle_stage', labels: life }];
}
