// Segment labels per test customer for the per-segment breakdown (DESIGN §4): the named RFM
// segment from quartile tiers over the whole cohort, and the lifecycle stage, both computed
// by @clvlab/baselines from data before the cutoff (split.score.featureEnd).
import { customerHistory, lifecycleStage, rfmFeatures, rfmSegment, rfmTiers } from '@clvlab/baselines';
import type { DatasetPayload } from '../runner/cell-protocol.ts';

export interface Segmentation {
  readonly name: 'rfm_segment' | 'lifecycle_stage';
  readonly labels: readonly string[];
}

/** RFM segment and lifecycle stage of each test customer (rows = cohort positions). */
export function segmentLabels(payload: DatasetPayload, rows: Int32Array, _fold?: Uint8Array): Segmentation[] {
  const { log, offsets, split } = payload;
  const end = split.score.featureEnd;
  const tiers = rfmTiers(rfmFeatures({ log, split, offsets }, end));
  const history = customerHistory(log, offsets, split.customers, split.start, end);
  const stages = lifecycleStage(history);
  const rfm: string[] = [], life: string[] = [];
  for (const r of rows) {
    rfm.push(rfmSegment(tiers.recency[r], tiers.frequency[r], tiers.monetary[r]));
    life.push(stages[r]);
  }
  return [{ name: 'rfm_segment', labels: rfm }, { name: 'lifecycle_stage', labels: life }];
}
