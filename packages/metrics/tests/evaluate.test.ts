import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { METRIC_NAMES, auc, evaluate } from '../src/index.ts';
import { clvCase, num, reference } from './reference.ts';

describe('evaluate', () => {
  it('lists the metrics.csv columns in order, frozen', () => {
    expect([...METRIC_NAMES]).toEqual([
      'normalized_gini',
      'spearman',
      'decile_mape',
      'top10_capture',
      'auc',
      'rmse',
      'mae',
      'calibration_ratio',
    ]);
    expect(Object.isFrozen(METRIC_NAMES)).toBe(true);
  });

  it('equals the independent numpy/scipy reference for every metric', () => {
    const { actual, predicted, score } = clvCase(1800, 81);
    const labels = actual.map((v) => (v > 0 ? 1 : 0));
    const m = evaluate({ actual, predicted, repurchaseScore: score, actualRepurchase: labels });
    const ref = reference({ actual, predicted, labels, scores: score });
    expect(Object.keys(m)).toEqual([...METRIC_NAMES]);
    for (const name of METRIC_NAMES) {
      const r = num(ref[name]);
      expect(Math.abs(m[name] - r), name).toBeLessThan(1e-9 * Math.max(1, Math.abs(r)));
    }
  });

  it('agrees with the reference run on a predictions.csv (issue 6: Gini to 1e-9)', () => {
    // Two models on the same customers, written in the predictions.csv layout of
    // docs/architecture.md §Benchmark record; the reference script groups by (dataset, model, seed)
    // and recomputes every metric.
    const { actual, predicted, score } = clvCase(700, 83);
    const models = { good: predicted, flat: new Float64Array(700).fill(2) };
    const lines = ['dataset,customer_id,model,seed,predicted_value,repurchase_score,actual_value,actual_repurchase'];
    for (const [name, pred] of Object.entries(models)) {
      pred.forEach((p, i) =>
        lines.push(
          `synthetic,c${i},${name},1,${p},${name === 'good' ? score[i] : ''},${actual[i]},${actual[i] > 0 ? 1 : 0}`,
        ),
      );
    }
    const dir = mkdtempSync(join(tmpdir(), 'clvlab-metrics-'));
    try {
      const file = join(dir, 'predictions.csv');
      writeFileSync(file, lines.join('\n') + '\n');
      const script = fileURLToPath(new URL('./reference_metrics.py', import.meta.url));
      const rows = execFileSync('python3', [script, '--predictions', file], { encoding: 'utf8' }).trim().split('\n');
      expect(rows[0]).toBe(`dataset,model,seed,${METRIC_NAMES.join(',')}`);
      expect(rows).toHaveLength(3);
      const good = evaluate({ actual, predicted, repurchaseScore: score });
      const flat = evaluate({ actual, predicted: models.flat });
      for (const [row, m] of [
        [rows[1], good],
        [rows[2], flat],
      ] as const) {
        const cells = row.split(',');
        METRIC_NAMES.forEach((name, k) => {
          const r = Number(cells[3 + k]); // 'nan' -> NaN (e.g. Spearman of a constant)
          if (Number.isNaN(r)) expect(m[name], name).toBeNaN();
          else expect(Math.abs(m[name] - r), name).toBeLessThan(1e-9 * Math.max(1, Math.abs(r)));
        });
      }
      expect(flat.normalized_gini).toBe(0);
      expect(flat.spearman).toBeNaN();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('defaults AUC to predicted vs actual > 0', () => {
    const { actual, predicted } = clvCase(300, 82);
    expect(evaluate({ actual, predicted }).auc).toBe(
      auc(
        actual.map((v) => (v > 0 ? 1 : 0)),
        predicted,
      ),
    );
  });

  it('throws with the evaluate prefix on bad input', () => {
    expect(() => evaluate({ actual: [1, 2], predicted: [1] })).toThrow(
      'metrics/evaluate: actual and predicted differ in length (2 vs 1)',
    );
    expect(() => evaluate({ actual: [1, 2], predicted: [1, 2], repurchaseScore: [1] })).toThrow(
      'metrics/evaluate: actual and repurchaseScore differ in length',
    );
    expect(() => evaluate({ actual: [1, 2], predicted: [1, 2], actualRepurchase: [1, 3] })).toThrow(
      'metrics/evaluate: actualRepurchase[1] must be 0 or 1',
    );
  });
});
