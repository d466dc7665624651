import { describe, expect, it } from 'vitest';
import { EventType, createEventLog, customerOffsets } from '@clvlab/events';
import { createRng } from '@clvlab/core';
import { evaluationSplit } from '@clvlab/sessions';
import type { ModelTask } from '@clvlab/sessions';
import { btydModel } from '../src/index.ts';

const WEEK = 7 * 86_400_000,
  START = Date.UTC(2024, 0, 1),
  CUTOFF = START + 52 * WEEK,
  END = CUTOFF + 26 * WEEK;

/**
 * Purchase log with λ ~ Gamma(0.8, 4)/week and lifetimes LESS dispersed than exponential
 * (Gamma(4) with mean 50 weeks): a Gamma mixture of exponentials can only add dispersion, so
 * the Pareto/NBD fit is pushed to zero dropout heterogeneity, s, β → ∞, for every sample.
 */
function boundaryTask(customers: number, seed: number): ModelTask {
  const rng = createRng(seed, 3);
  const customer: number[] = [],
    t: number[] = [],
    amount: number[] = [];
  for (let c = 0; c < customers; c++) {
    const lambda = rng.gamma(0.8) / 4,
      join = START + 10 * WEEK * rng.next();
    const death = Math.min(END, join + (rng.gamma(4) / 4) * 50 * WEEK);
    let time = join;
    do {
      customer.push(c);
      t.push(time);
      amount.push(10 + 20 * rng.gamma(2));
      time += (-Math.log(1 - rng.next()) / Math.max(lambda, 1e-9)) * WEEK;
    } while (time < death);
  }
  const n = customer.length;
  const log = createEventLog({
    customer: Int32Array.from(customer),
    t: Float64Array.from(t),
    type: new Uint8Array(n).fill(EventType.purchase),
    amount: Float64Array.from(amount),
    customerIds: Array.from({ length: customers }, (_, i) => `c${i}`),
  });
  const split = evaluationSplit(log, { start: START, cutoff: CUTOFF }); // holdout: to the end of the data
  return { log, session: new Int32Array(n), offsets: customerOffsets(log), split, seed: 1 };
}

// Regression: where the Pareto/NBD has no finite MLE (s, β → ∞; the synthetic benchmark data)
// the fit used to spin for > 15 minutes on the ridge. pareto-nbd-gg must stop there, fit the
// limit, flag it in info and return finite predictions.
describe('pareto-nbd-gg at the s, β → ∞ boundary', () => {
  for (const customers of [300, 800, 1500]) {
    it(`finishes with finite predictions and the boundary flagged (${customers} customers)`, async () => {
      const task = boundaryTask(customers, customers);
      const out = await btydModel('pareto-nbd').run(task);
      expect(out.value.length).toBe(task.split.customers.length);
      for (let i = 0; i < out.value.length; i++) {
        expect(Number.isFinite(out.value[i]) && out.value[i] >= 0).toBe(true);
        expect(out.repurchase[i] >= 0 && out.repurchase[i] <= 1).toBe(true);
      }
      const info = out.info as {
        unit: string;
        boundary?: boolean;
        stdErrors: { s: number; r: number };
        dropoutRate?: { mu: number; stdError: number };
      };
      expect(info.unit).toBe('week');
      expect(info.boundary).toBe(true);
      expect(Number.isNaN(info.stdErrors.s)).toBe(true);
      expect(info.stdErrors.r).toBeGreaterThan(0);
      expect(info.dropoutRate!.mu > 0.002 && info.dropoutRate!.mu < 0.2).toBe(true);
      expect(info.dropoutRate!.stdError).toBeGreaterThan(0);
    }, 30_000);
  }
});
