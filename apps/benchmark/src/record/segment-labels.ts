// Segment labels of the cohort (docs/architecture.md §Models): the named RFM segment from
// quartile tiers whose cut points are fitted on the seed's TRAIN fold at the cutoff (as every
// model's are), and the lifecycle stage, both views of the history kernel (@clvlab/features).
// segmentLabels gives them per test customer at the cutoff (the per-segment breakdown);
// segmentTransitions gives every cohort customer's labels at the cutoff and at the end of the
// holdout, with the same tier cuts, as transition matrices (issue 14 §5: how many "at risk"
// customers became "churned" or came back). Only the runner reads holdout events here.
import { transitionMatrix, transitionMatrixCsv, type TransitionMatrix } from '@clvlab/decisions';
import {
  applyRfmTierCuts,
  LIFECYCLE_STAGES,
  lifecycleStage,
  RFM_SEGMENTS,
  rfmColumns,
  rfmSegment,
  rfmTierCuts,
  type RfmTierCuts,
} from '@clvlab/features';
import { Fold } from '@clvlab/sessions';
import type { RecordPayload } from '../runner/cell-protocol.ts';

export interface Segmentation {
  readonly name: 'rfm_segment' | 'lifecycle_stage';
  readonly labels: readonly string[];
}

/** RFM segment and lifecycle stage of every cohort customer at `end`; tier cuts fitted on the train fold at `end` unless given. */
function labelsAt(
  payload: RecordPayload,
  end: number,
  fold: Uint8Array,
  given?: RfmTierCuts,
): { rfm: string[]; life: string[]; cuts: RfmTierCuts } {
  const { log, offsets, split } = payload;
  const features = rfmColumns(log, offsets, split.customers, split.start, end);
  const train: number[] = [];
  for (let r = 0; r < fold.length; r++) if (fold[r] === Fold.train) train.push(r);
  const cuts = given ?? rfmTierCuts(features, train);
  const tiers = applyRfmTierCuts(cuts, features);
  const stages = lifecycleStage(features.history);
  const rfm: string[] = [],
    life: string[] = [];
  for (let r = 0; r < split.customers.length; r++) {
    rfm.push(rfmSegment(tiers.recency[r], tiers.frequency[r], tiers.monetary[r]));
    life.push(stages[r]);
  }
  return { rfm, life, cuts };
}

/** RFM segment and lifecycle stage of each test customer (rows = cohort positions) at the cutoff. */
export function segmentLabels(
  payload: RecordPayload,
  rows: Int32Array,
  fold: Uint8Array = payload.split.fold,
): Segmentation[] {
  const { rfm, life } = labelsAt(payload, payload.split.score.featureEnd, fold);
  return [
    { name: 'rfm_segment', labels: Array.from(rows, (r) => rfm[r]) },
    { name: 'lifecycle_stage', labels: Array.from(rows, (r) => life[r]) },
  ];
}

export interface SegmentTransitions {
  readonly dataset: string;
  readonly lifecycle: TransitionMatrix;
  readonly rfm: TransitionMatrix;
}

/** Transition matrices of every cohort customer's labels from the cutoff to the end of the holdout (same tier cuts). */
export function segmentTransitions(payload: RecordPayload, fold: Uint8Array = payload.split.fold): SegmentTransitions {
  const at = labelsAt(payload, payload.split.score.featureEnd, fold);
  const later = labelsAt(payload, payload.split.score.labelEnd, fold, at.cuts);
  return {
    dataset: payload.id,
    lifecycle: transitionMatrix(at.life, later.life, [...LIFECYCLE_STAGES]),
    rfm: transitionMatrix(at.rfm, later.rfm, [...RFM_SEGMENTS]),
  };
}

/** transitions.csv: one row per (dataset, segmentation, from, to). */
export function transitionsCsv(all: readonly SegmentTransitions[]): string {
  const lines = ['dataset,segmentation,from,to,count,row_share'];
  for (const t of all) {
    for (const [name, m] of [
      ['lifecycle_stage', t.lifecycle],
      ['rfm_segment', t.rfm],
    ] as const) {
      for (const line of transitionMatrixCsv(m).trimEnd().split('\n').slice(1))
        lines.push(`${t.dataset},${name},${line}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
