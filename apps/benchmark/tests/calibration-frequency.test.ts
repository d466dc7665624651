// calibration-frequency against an independent numpy computation on a real synthetic log.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EventType } from '@clvlab/events';
import { prepareDataset } from '@clvlab/sessions';
import { generateSynthetic } from '@clvlab/synth';
import { createCalibrationFrequencyModel } from '../src/models/calibration-frequency.ts';

describe('calibration-frequency', () => {
  it('matches numpy: x = distinct purchase days, k = Σxy/Σx² on train, value = k·x, repurchase = 1 − exp(−x/history·horizon)', async () => {
    const data = generateSynthetic({ customers: 300 } as Parameters<typeof generateSynthetic>[0]);
    const p = prepareDataset(data.log, {
      dataset: 'synthetic',
      start: data.start,
      cutoff: data.cutoff,
      horizon: data.horizon,
    });
    const out = await createCalibrationFrequencyModel().run({ ...p, seed: 1 });
    const { log, split } = p;
    // Export purchase events and the cohort for python.
    const purchases: [number, number][] = [];
    for (let i = 0; i < log.length; i++)
      if (log.type[i] === EventType.purchase) purchases.push([log.customer[i], log.t[i]]);
    const input = JSON.stringify({
      purchases,
      customers: Array.from(split.customers),
      fold: Array.from(split.fold),
      target: Array.from(split.fit.target),
      start: split.start,
      end: split.score.featureEnd,
      horizon: split.horizon,
    });
    const py = `
import json, sys, numpy as np
d = json.load(sys.stdin)
P = np.array(d['purchases']); c = np.array(d['customers']); fold = np.array(d['fold']); y = np.array(d['target'])
days = [set() for _ in c]
pos = {int(v): i for i, v in enumerate(c)}
for cust, t in P:
    i = pos.get(int(cust))
    if i is None or t < d['start'] or t >= d['end']: continue
    days[i].add(int(t // 86400000))
x = np.array([len(s) for s in days], dtype=float)
first = np.array([min(s) if s else np.nan for s in days])
last_day = (d['end'] - 1) // 86400000
tr = fold == 0
k = (x[tr] * y[tr]).sum() / (x[tr] ** 2).sum()
hist = np.where(np.isnan(first), 86400000.0, np.maximum(86400000.0, (last_day - first + 1) * 86400000.0))
print(json.dumps({'k': k, 'value': list(k * x), 'rep': list(1 - np.exp(-(x / hist) * d['horizon']))}))
`;
    const ref = JSON.parse(execFileSync('python3', ['-c', py], { input, encoding: 'utf8', maxBuffer: 1 << 26 })) as {
      k: number;
      value: number[];
      rep: number[];
    };
    expect((out.info as { slope: number }).slope).toBeCloseTo(ref.k, 10);
    expect(out.value.length).toBe(split.customers.length);
    for (let i = 0; i < out.value.length; i++) {
      expect(Math.abs(out.value[i] - ref.value[i])).toBeLessThan(1e-9 * Math.max(1, ref.value[i]));
      expect(Math.abs(out.repurchase[i] - ref.rep[i])).toBeLessThan(1e-12);
    }
  });

  it('rejects unknown config keys', () => {
    expect(() => createCalibrationFrequencyModel({ nope: 1 } as never)).toThrow(
      "benchmark/calibration-frequency: unknown option 'nope'",
    );
  });
});
