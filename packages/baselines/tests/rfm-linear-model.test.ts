import { describe, expect, it } from 'vitest';
import { Fold } from '@clvlab/sessions';
import { rfmLinearModel } from '../src/index.ts';
import { cdnowTask } from './fixtures.ts';

describe('rfm-linear', () => {
  it('tunes lambda on the valid fold and records its coefficients', async () => {
    const task = await cdnowTask();
    const out = await rfmLinearModel(false).run(task);
    const info = out.info as { lambda: number; calibration: number; coefficients: Record<string, number> };
    expect([0.01, 0.1, 1, 10, 100, 1000]).toContain(info.lambda);
    expect(info.calibration).toBeGreaterThan(1); // expm1 of a log1p-scale mean is biased low (Jensen)
    // the ratio calibration makes train-fold totals match exactly
    const train = Array.from(task.split.fold.keys()).filter((i) => task.split.fold[i] === Fold.train);
    const sum = (a: ArrayLike<number>): number => train.reduce((s, i) => s + a[i], 0);
    expect(Math.abs(sum(out.value) / sum(task.split.fit.target) - 1)).toBeLessThan(1e-9);
    expect(info.coefficients.log_frequency).toBeGreaterThan(0); // more past purchase days, more future value
    expect(Object.keys(info.coefficients)).toContain('stage_churned');
  });

  it('adds graph columns for +social and checks their length', async () => {
    const task = await cdnowTask();
    const n = task.split.customers.length;
    const out = await rfmLinearModel(true).run({ ...task, graph: { names: ['degree'], columns: [Float64Array.from({ length: n }, (_, i) => i % 7)] } });
    expect(Object.keys((out.info as { coefficients: object }).coefficients)).toContain('graph_degree');
    await expect(rfmLinearModel(true).run({ ...task, graph: { names: ['degree'], columns: [new Float64Array(3)] } })).rejects.toThrow(
      "baselines/rfm-linear+social: graph column 'degree' has 3 rows, cohort has 2357",
    );
    expect(() => rfmLinearModel(false, { lambdaGrid: '-1' })).toThrow('baselines/rfm-linear: lambdaGrid must be numbers >= 0');
  });
});
