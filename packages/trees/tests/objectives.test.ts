// The three GBDT objectives against formulas written out here from their definitions (XGBoost
// 1.7's regression_obj.cu and elementwise_metric.cu conventions): the formulas are first checked
// as derivatives of their losses by finite differences, then a one-leaf round must take exactly
// the Newton step −G/(H + λ), many one-leaf rounds must reach the loss-minimising constant (the
// default base margin), and the recorded valid-fold metric must be the loss of the fold's margins.
import { describe, expect, it } from 'vitest';
import { fitGbdt, type GbdtObjective } from '../src/index.ts';
import { syntheticCustomers } from './synthetic-customers.ts';

interface Reference {
  /** Per-row loss as a function of the margin, its gradient and hessian. */
  loss(y: number, m: number): number;
  grad(y: number, m: number): number;
  hess(y: number, m: number): number;
  /** The loss-minimising constant margin for labels y. */
  optimum(y: Float64Array): number;
  response(m: number): number;
}
const rho = 1.5;
const sigmoid = (m: number): number => 1 / (1 + Math.exp(-m));
const REFERENCES: Record<GbdtObjective, Reference> = {
  'log1p-squared': {
    loss: (y, m) => 0.5 * (m - Math.log1p(y)) ** 2,
    grad: (y, m) => m - Math.log1p(y),
    hess: () => 1,
    optimum: (y) => y.reduce((s, v) => s + Math.log1p(v), 0) / y.length,
    response: (m) => Math.max(0, Math.expm1(m)),
  },
  tweedie: {
    // negative log-likelihood of the Tweedie family with mean e^m, up to terms free of m
    loss: (y, m) => (-y * Math.exp((1 - rho) * m)) / (1 - rho) + Math.exp((2 - rho) * m) / (2 - rho),
    grad: (y, m) => -y * Math.exp((1 - rho) * m) + Math.exp((2 - rho) * m),
    hess: (y, m) => -y * (1 - rho) * Math.exp((1 - rho) * m) + (2 - rho) * Math.exp((2 - rho) * m),
    optimum: (y) => Math.log(y.reduce((s, v) => s + v, 0) / y.length),
    response: Math.exp,
  },
  logistic: {
    loss: (y, m) => -(y * Math.log(sigmoid(m)) + (1 - y) * Math.log(1 - sigmoid(m))),
    grad: (y, m) => sigmoid(m) - y,
    hess: (_y, m) => sigmoid(m) * (1 - sigmoid(m)),
    optimum: (y) => {
      const p = y.reduce((s, v) => s + v, 0) / y.length;
      return Math.log(p / (1 - p));
    },
    response: sigmoid,
  },
};

const data = syntheticCustomers(3_000, 8, 3);
const x = data.columns.map((c) => c.subarray(0, 2_000)),
  validX = data.columns.map((c) => c.subarray(2_000));
const labels = (o: GbdtObjective, from: number, to: number): Float64Array =>
  (o === 'logistic' ? data.repurchase : data.value).slice(from, to);

describe.each(['log1p-squared', 'tweedie', 'logistic'] as const)('objective %s', (objective) => {
  const ref = REFERENCES[objective];
  const y = labels(objective, 0, 2_000),
    validY = labels(objective, 2_000, 3_000);

  it('the reference gradient and hessian are the derivatives of its loss (central differences)', () => {
    for (const [yi, m] of [
      [0, -0.7],
      [1, 0.3],
      [3.5, 1.2],
      [0, 2],
    ]) {
      const t = objective === 'logistic' ? Math.min(yi, 1) : yi,
        e = 1e-5;
      expect(ref.grad(t, m)).toBeCloseTo((ref.loss(t, m + e) - ref.loss(t, m - e)) / (2 * e), 6);
      expect(ref.hess(t, m)).toBeCloseTo((ref.grad(t, m + e) - ref.grad(t, m - e)) / (2 * e), 6);
    }
  });

  it('one single-leaf round takes the Newton step −G/(H + λ) from the base margin', () => {
    const m0 = 0.2,
      lambda = 3;
    let g = 0,
      h = 0;
    for (let i = 0; i < y.length; i++) {
      g += ref.grad(y[i], m0);
      h += ref.hess(y[i], m0);
    }
    const model = fitGbdt(x, y, { objective, rounds: 1, maxDepth: 0, learningRate: 0.5, lambda, baseMargin: m0 });
    expect(model.trees[0].nodeCount).toBe(1);
    expect(model.predictMargin(validX)[0]).toBeCloseTo(m0 - (0.5 * g) / (h + lambda), 12);
  });

  it('single-leaf rounds converge to the loss-minimising constant, the default base margin', () => {
    const model = fitGbdt(x, y, { objective, rounds: 300, maxDepth: 0, learningRate: 0.5, lambda: 0, baseMargin: 0 });
    expect(model.predictMargin(validX)[0]).toBeCloseTo(ref.optimum(y), 8);
    const defaulted = fitGbdt(x, y, { objective, rounds: 1, maxDepth: 0, learningRate: 1e-12 });
    expect(defaulted.baseMargin).toBeCloseTo(ref.optimum(y), 12);
  });

  it('predicts the response of the margin and records the valid-fold metric of the margins', () => {
    const model = fitGbdt(x, y, {
      objective,
      rounds: 30,
      maxDepth: 3,
      earlyStoppingRounds: 0,
      valid: { x: validX, y: validY },
    });
    const margin = model.predictMargin(validX),
      prediction = model.predict(validX);
    for (let i = 0; i < margin.length; i++) expect(prediction[i]).toBeCloseTo(ref.response(margin[i]), 12);
    // XGBoost's metrics: rmse of log1p (squared error), mean tweedie nloglik, mean logloss
    let s = 0;
    for (let i = 0; i < margin.length; i++)
      s += objective === 'log1p-squared' ? 2 * ref.loss(validY[i], margin[i]) : ref.loss(validY[i], margin[i]);
    const metric = objective === 'log1p-squared' ? Math.sqrt(s / margin.length) : s / margin.length;
    expect(model.validLoss.length).toBe(30);
    expect(model.validLoss[29]).toBeCloseTo(metric, 10);
    // boosting lowers the valid loss from the first round (the signal is real)
    expect(model.validLoss[29]).toBeLessThan(model.validLoss[0]);
  });
});

describe('tweedie with another variance power', () => {
  it('ρ = 1.2: the Newton step uses that power', () => {
    const p = 1.2,
      y = data.value.slice(0, 2_000),
      m0 = 1;
    let g = 0,
      h = 0;
    for (let i = 0; i < y.length; i++) {
      g += -y[i] * Math.exp((1 - p) * m0) + Math.exp((2 - p) * m0);
      h += -y[i] * (1 - p) * Math.exp((1 - p) * m0) + (2 - p) * Math.exp((2 - p) * m0);
    }
    const model = fitGbdt(x, y, {
      objective: 'tweedie',
      tweedieVariancePower: p,
      rounds: 1,
      maxDepth: 0,
      learningRate: 1,
      lambda: 0,
      baseMargin: m0,
    });
    expect(model.predictMargin(validX)[0]).toBeCloseTo(m0 - g / h, 12);
  });
});
