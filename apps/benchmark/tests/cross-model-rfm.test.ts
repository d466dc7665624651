// Issue 11 §1: every model that reads "frequency", "recency", "monetary" or "tenure" reads the
// same numbers, the history kernel's (@clvlab/features customerHistory). Checked on UCI Online
// Retail, a real log with returns (the case on which the four old computations disagreed), from
// each model's own input path or its outputs:
//   - the BTYD summary a library user builds (btydSummary) = the kernel's BTYD triple + monetary
//     = what bgnbd-gg / pareto-nbd-gg and `clvlab btyd` fit (the CLI's Gamma-Gamma equals
//     fitGammaGamma on btydSummary);
//   - the encoders' `+rfm` static inputs (buildStaticFeatures, before standardising) = slog of the
//     RFM view rfm-linear, rfm-segment and historical-rate read;
//   - calibration-frequency's x (value / slope) = the RFM frequency;
//   - historical-rate's outputs invert to the RFM frequency and monetary.
import { describe, expect, it } from 'vitest';
import { fitGammaGamma, historicalRateModel } from '@clvlab/baselines';
import { buildStaticFeatures, resolveEncoderConfig } from '@clvlab/behavior-encoder';
import { EventType } from '@clvlab/events';
import { readEventLog } from '@clvlab/events/node';
import { btydSummary, rfmFeatures } from '@clvlab/features';
import { prepareDataset } from '@clvlab/sessions';
import type { ModelTask } from '@clvlab/sessions';
import { sharedDataPath } from '../src/index.ts';
import { createCalibrationFrequencyModel } from '../src/models/calibration-frequency.ts';
import { runCli } from './run-cli.ts';

const FILE = sharedDataPath('online_retail/online_retail.csv.gz');
const slog = (x: number): number => Math.sign(x) * Math.log1p(Math.abs(x));

async function onlineRetail(): Promise<ModelTask> {
  const { log } = await readEventLog(FILE, { format: 'online-retail' });
  return { ...prepareDataset(log, { dataset: 'online-retail' }), seed: 1 };
}

describe('one customer history for every model (Online Retail, with returns)', () => {
  it('gives the BTYD models, the encoders, rfm-linear, calibration-frequency and historical-rate the same frequency, recency, monetary, tenure', async () => {
    const task = await onlineRetail();
    const { log, split } = task;
    const end = split.score.featureEnd;
    let returnsBefore = 0;
    for (let i = 0; i < log.length; i++) if (log.type[i] === EventType.return && log.t[i] < end) returnsBefore++;
    expect(returnsBefore).toBeGreaterThan(1000); // the case that matters

    const rfm = rfmFeatures(task, end);
    // BTYD: the library's summary = the kernel's triple and monetary
    const s = btydSummary(log, { calibrationEnd: end, start: split.start, customers: split.customers, unit: 'week' });
    expect(Float64Array.from(s.frequency)).toEqual(rfm.history.frequency);
    expect(s.recency).toEqual(rfm.history.recency);
    expect(s.T).toEqual(rfm.history.T);
    expect(s.monetary).toEqual(rfm.history.monetary);

    // encoders: the four static inputs are slog(RFM view), rounded to float32
    const enc = buildStaticFeatures(task, end, resolveEncoderConfig('transformer'));
    expect(enc.names).toEqual(['rfm.recency_days', 'rfm.frequency', 'rfm.monetary', 'rfm.tenure_days']);
    const cols = [rfm.recency, rfm.frequency, rfm.monetary, rfm.tenure];
    let worst = 0;
    for (let r = 0; r < split.customers.length; r++) {
      for (let j = 0; j < 4; j++)
        worst = Math.max(worst, Math.abs(enc.values[r * 4 + j] - Math.fround(slog(cols[j][r]))));
    }
    expect(worst).toBe(0);

    // calibration-frequency: value = slope · RFM frequency
    const cf = await createCalibrationFrequencyModel().run(task);
    const slope = (cf.info as { slope: number }).slope;
    expect(slope).toBeGreaterThan(0);
    for (let r = 0; r < split.customers.length; r++) {
      expect(Math.abs(cf.value[r] - Math.max(0, slope * rfm.frequency[r]))).toBeLessThanOrEqual(
        1e-9 * Math.max(1, cf.value[r]),
      );
    }

    // historical-rate (minObservedDays ≈ 0): value·observed/H = monetary, −log1p(−p)·observed/H = frequency
    const hr = await historicalRateModel({ minObservedDays: 1e-9 }).run(task);
    const H = (split.score.labelEnd - end) / 86_400_000;
    let checked = 0;
    for (let r = 0; r < split.customers.length; r++) {
      if (rfm.frequency[r] === 0 || rfm.monetary[r] <= 0 || hr.repurchase[r] >= 1 - 1e-12) continue;
      const observed = rfm.history.daysSinceFirst[r] + 1;
      expect(Math.abs((hr.value[r] * observed) / H - rfm.monetary[r])).toBeLessThanOrEqual(1e-8 * rfm.monetary[r]);
      expect(Math.abs((-Math.log1p(-hr.repurchase[r]) * observed) / H - rfm.frequency[r])).toBeLessThanOrEqual(
        1e-6 * rfm.frequency[r],
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('`clvlab btyd --model gamma-gamma` on the event file fits what fitGammaGamma fits on btydSummary', async () => {
    const { log } = await readEventLog(FILE, { format: 'online-retail' });
    const cutoff = Date.UTC(2011, 8, 1);
    const s = btydSummary(log, { calibrationEnd: cutoff, unit: 'week' });
    const lib = fitGammaGamma({ frequency: s.frequency, monetary: s.monetary });
    const cli = await runCli([
      'btyd',
      '--input',
      FILE,
      '--format',
      'online-retail',
      '--model',
      'gamma-gamma',
      '--json',
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    const out = JSON.parse(cli.stdout) as { params: Record<string, number>; n_customers: number };
    expect(out.n_customers).toBe(lib.nCustomers);
    for (const [k, v] of Object.entries(lib.params))
      expect(Math.abs(out.params[k] - v) / Math.abs(v), k).toBeLessThan(1e-9);
  });
});
