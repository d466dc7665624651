// The README's opening example, run as a reader would (tools/readme-example.ts); NumPy/SciPy
// recompute normalized Gini (Lorenz area ratio), top-10% capture and AUC (Mann–Whitney U).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runReadmeExample } from '../../../tools/readme-example.ts';

const PYTHON = `
import json, sys, numpy as np
from scipy.stats import mannwhitneyu
d = json.load(sys.stdin); a = np.array(d['actual']); p = np.array(d['predicted']); n = len(a)
def gini(a, p):
    cum = np.cumsum(a[np.argsort(-p, kind='stable')]) / a.sum()
    return cum.sum() / n - (n + 1) / (2 * n)
k = int(round(0.1 * n))
top = a[np.argsort(-p, kind='stable')][:k].sum() / a.sum()
y = a > 0
u = mannwhitneyu(p[y], p[~y]).statistic
print(json.dumps({'gini': gini(a, p) / gini(a, a), 'top10': top, 'auc': u / (y.sum() * (~y).sum())}))
`;

describe('README example', () => {
  it('prints normalized Gini, top-10% capture and AUC equal to NumPy/SciPy', () => {
    const out = JSON.parse(runReadmeExample(fileURLToPath(new URL('..', import.meta.url)))) as {
      gini: number;
      top10: number;
      auc: number;
    };
    const ref = JSON.parse(
      execFileSync('python3', ['-c', PYTHON], { input: JSON.stringify(out), encoding: 'utf8' }),
    ) as typeof out;
    expect(out.gini).toBeGreaterThan(0.3);
    expect(Math.abs(out.gini - ref.gini)).toBeLessThan(1e-9);
    expect(Math.abs(out.top10 - ref.top10)).toBeLessThan(1e-9);
    expect(Math.abs(out.auc - ref.auc)).toBeLessThan(1e-9);
  });
});
