import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { initBackend, zilnLoss, zilnPredict } from '../src/internal.ts';

// Reference numbers from scipy (independent implementation of the lognormal density and the
// lognormal mean), per Wang et al. 2019's ZILN definition.
const out = [
  [0.3, 1.2, -0.4],
  [-1.1, 0.1, 0.8],
  [2.0, 3.0, 0.2],
  [0.0, -0.5, 1.5],
];
const y = [5.5, 0, 20.0, 0.7];

function scipy(): { loss: number; value: number[]; p: number[] } {
  const script = `
import json, numpy as np
from scipy.stats import lognorm
from scipy.special import expit
o = np.array(${JSON.stringify(out)}); y = np.array(${JSON.stringify(y)})
logit, mu, s = o[:,0], o[:,1], o[:,2]
sigma = np.maximum(np.log1p(np.exp(s)), np.sqrt(1e-7))
p = expit(logit); pos = (y > 0).astype(float)
bce = -(pos*np.log(p) + (1-pos)*np.log(1-p)).mean()
ll = np.where(y > 0, lognorm.logpdf(np.where(y > 0, y, 1.0), s=sigma, scale=np.exp(mu)), 0.0)
loss = bce + (-(pos*ll)).mean()
value = p * lognorm.mean(s=sigma, scale=np.exp(mu))
print(json.dumps({"loss": loss, "value": value.tolist(), "p": p.tolist()}))`;
  return JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' }));
}

describe('ZILN', () => {
  const ref = scipy();
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`loss and prediction equal scipy's lognormal on ${backend}`, async () => {
      await initBackend(backend);
      const o = tf.tensor2d(out);
      expect(zilnLoss(o, tf.tensor1d(y)).dataSync()[0]).toBeCloseTo(ref.loss, 4);
      const pred = zilnPredict(o);
      Array.from(pred.value.dataSync()).forEach((v, i) => expect(v / ref.value[i]).toBeCloseTo(1, 4));
      Array.from(pred.probability.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(ref.p[i], 5));
    });
  }
});
