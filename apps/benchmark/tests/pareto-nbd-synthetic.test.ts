import { describe, expect, it } from 'vitest';
import { prepareDataset } from '@clvlab/sessions';
import { generateSynthetic } from '@clvlab/synth';
import { btydModel } from '@clvlab/baselines';

// Regression: on the synthetic dataset the Pareto/NBD has no finite MLE (s, β → ∞); at 1,500
// customers the fit used to spin for > 15 minutes on the ridge. It must now stop there, fit the
// limiting model, flag it, and return finite predictions (well inside the test timeout).
describe('pareto-nbd-gg on generateSynthetic', () => {
  for (const customers of [300, 800, 1500]) {
    it(`finishes with finite predictions and the boundary flagged (${customers} customers)`, async () => {
      const d = generateSynthetic({ customers });
      const p = prepareDataset(d.log, { cutoff: d.cutoff, horizon: d.horizon, start: d.start });
      const out = await btydModel('pareto-nbd').run({
        log: p.log,
        session: p.session,
        offsets: p.offsets,
        split: p.split,
        seed: 1,
      });
      expect(out.value.length).toBe(p.split.customers.length);
      for (let i = 0; i < out.value.length; i++) {
        expect(Number.isFinite(out.value[i]) && out.value[i] >= 0).toBe(true);
        expect(out.repurchase[i] >= 0 && out.repurchase[i] <= 1).toBe(true);
      }
      const info = out.info as {
        boundary?: boolean;
        stdErrors: { s: number; r: number };
        dropoutRate?: { mu: number };
      };
      expect(info.boundary).toBe(true);
      expect(Number.isNaN(info.stdErrors.s)).toBe(true);
      expect(info.stdErrors.r).toBeGreaterThan(0);
      expect(info.dropoutRate!.mu).toBeGreaterThan(0);
    }, 60_000);
  }
});
