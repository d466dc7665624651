// Test fixture: a small real synthetic world prepared as the runner holds it (an unsealed
// DatasetPayload: the full log and the split with every label), for record-stage tests.
import { prepareDataset } from '@clvlab/sessions';
import { generateSynthetic } from '@clvlab/synth';
import type { DatasetPayload } from '../src/runner/cell-protocol.ts';

/** The synthetic generator's world of `customers` customers, prepared at its own cutoff and horizon. */
export function syntheticPayload(customers: number): DatasetPayload {
  const data = generateSynthetic({ customers } as Parameters<typeof generateSynthetic>[0]);
  const p = prepareDataset(data.log, {
    dataset: 'synthetic',
    start: data.start,
    cutoff: data.cutoff,
    horizon: data.horizon,
  });
  return { id: 'synthetic', log: p.log, session: p.session, offsets: p.offsets, split: p.split };
}
