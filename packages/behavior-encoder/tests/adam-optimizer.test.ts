import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AdamOptimizer, initBackend, scheduledLearningRate } from '../src/internal.ts';

// Reference: Adam (Kingma & Ba 2015, Algorithm 1) with global-norm clipping and the warm-up +
// cosine schedule, written independently in numpy.
const settings = {
  learningRate: 0.1,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  clipNorm: 1,
  warmupSteps: 2,
  minLearningRateFraction: 0.1,
  totalSteps: 6,
};
const grads = [
  [[3, -4], [0.5]],
  [[0.1, 0.2], [-0.3]],
  [[-1, 1], [2]],
];

function numpyReference(): number[][] {
  const script = `
import json, numpy as np
s = ${JSON.stringify(settings)}; G = ${JSON.stringify(grads)}
p = [np.array([1.0, 2.0]), np.array([-1.0])]; m = [np.zeros(2), np.zeros(1)]; v = [np.zeros(2), np.zeros(1)]
def lr(step):
    warm = min(1, (step + 1) / max(1, s['warmupSteps']))
    prog = min(1, max(0, step - s['warmupSteps']) / max(1, s['totalSteps'] - s['warmupSteps']))
    return s['learningRate'] * warm * (s['minLearningRateFraction'] + (1 - s['minLearningRateFraction']) * 0.5 * (1 + np.cos(np.pi * prog)))
for t, g in enumerate(G, start=1):
    g = [np.array(x, dtype=float) for x in g]
    norm = np.sqrt(sum((x ** 2).sum() for x in g)); scale = s['clipNorm'] / max(norm, s['clipNorm'])
    for i in range(2):
        gi = g[i] * scale
        m[i] = s['beta1'] * m[i] + (1 - s['beta1']) * gi; v[i] = s['beta2'] * v[i] + (1 - s['beta2']) * gi ** 2
        mh = m[i] / (1 - s['beta1'] ** t); vh = v[i] / (1 - s['beta2'] ** t)
        p[i] = p[i] - lr(t - 1) * mh / (np.sqrt(vh) + s['epsilon'] * np.sqrt(1 - s['beta2'] ** t))
print(json.dumps([x.tolist() for x in p]))`;
  return JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' }));
}

describe('AdamOptimizer', () => {
  it('schedule: linear warm-up then cosine decay to the floor', () => {
    expect(scheduledLearningRate(settings, 0)).toBeCloseTo(0.05, 10);
    expect(scheduledLearningRate(settings, 1)).toBeCloseTo(0.1, 10);
    expect(scheduledLearningRate(settings, 4)).toBeCloseTo(0.1 * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI / 2))), 10);
    expect(scheduledLearningRate(settings, 100)).toBeCloseTo(0.01, 10);
  });
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`three clipped steps equal the numpy reference on ${backend}`, async () => {
      await initBackend(backend);
      const vars = [tf.variable(tf.tensor1d([1, 2])), tf.variable(tf.tensor1d([-1]))];
      const opt = new AdamOptimizer(vars, settings);
      for (const g of grads) opt.apply(g.map((x) => tf.tensor1d(x)));
      const ref = numpyReference();
      vars.forEach((v, i) => Array.from(v.dataSync()).forEach((x, j) => expect(x).toBeCloseTo(ref[i][j], 5)));
      opt.dispose();
      tf.dispose(vars);
    });
  }
});
