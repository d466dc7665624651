// Decision metrics of the record (decision-results.ts) against a brute-force recomputation on
// a real synthetic log: the profit curve by explicit sorting, the contact cost from the TRAIN
// fold only, the budgeted list, the short-horizon labels by a direct event scan, and the Δ
// profit row against the best baseline.
import { describe, expect, it } from 'vitest';
import { EventType } from '@clvlab/events';
import { normalizedGini } from '@clvlab/metrics';
import { Fold } from '@clvlab/sessions';
import { syntheticPayload } from './synthetic-payload.ts';
import { decisionResults, DEFAULT_DECISIONS } from '../src/record/decision-results.ts';
import { testView } from '../src/record/test-view.ts';

describe('decisionResults', () => {
  it('matches a brute-force profit curve, train-fold cost, budget capture and short-horizon scan', () => {
    const payload = syntheticPayload(400);
    const p = payload;
    const n = p.split.customers.length;
    // two "models": the truth plus noise, and noise alone
    const good = Float64Array.from(p.split.score.target, (y, i) => y + ((i * 7919) % 13));
    const bad = Float64Array.from({ length: n }, (_, i) => (i * 104729) % 101);
    const cells = [
      { model: 'good', seed: 1, value: good },
      { model: 'bad', seed: 1, value: bad },
    ];
    const view = testView(payload);
    const out = decisionResults(
      payload,
      cells,
      () => view,
      () => p.split.fold,
      'bad',
      0.33,
    );

    let s = 0,
      m = 0;
    for (let r = 0; r < n; r++)
      if (p.split.fold[r] === Fold.train) {
        s += p.split.score.target[r];
        m++;
      }
    const cost = DEFAULT_DECISIONS.contactCostShare * (s / m);
    const actual = Array.from(view.actual),
      pred = Array.from(view.rows, (r) => good[r]);
    const order = pred.map((_, i) => i).sort((a, b) => pred[b] - pred[a] || a - b);
    let best = -Infinity,
      bestK = 0;
    for (let j = 1; j <= 100; j++) {
      const c = Math.max(1, Math.ceil((j / 100) * actual.length - 1e-9));
      const profit = order.slice(0, c).reduce((acc, i) => acc + actual[i], 0) - cost * c;
      if (profit > best) {
        best = profit;
        bestK = j / 100;
      }
    }
    const row = out.rows.find((r) => r.model === 'good' && r.seed === 1)!;
    expect(row.contactCost).toBeCloseTo(cost, 9);
    expect(row.bestK).toBeCloseTo(bestK, 12);
    expect(row.bestProfit).toBeCloseTo(best, 6);
    const contacts = Math.min(
      actual.length,
      Math.floor((DEFAULT_DECISIONS.budgetShare * actual.length * cost) / cost + 1e-9),
    );
    const captured =
      order.slice(0, contacts).reduce((acc, i) => acc + actual[i], 0) / actual.reduce((a, b) => a + b, 0);
    expect(row.budgetShare).toBeCloseTo(captured, 9);
    // short horizon: value of purchases (+ returns) in [cutoff, cutoff + horizon/4), by a direct scan
    const end =
      p.split.score.featureEnd + DEFAULT_DECISIONS.shortFraction * (p.split.score.labelEnd - p.split.score.featureEnd);
    const shortOf = new Map<number, number>();
    for (let i = 0; i < p.log.length; i++) {
      if (p.log.t[i] < p.split.score.featureEnd || p.log.t[i] >= end) continue;
      if (p.log.type[i] === EventType.purchase || p.log.type[i] === EventType.return)
        shortOf.set(p.log.customer[i], (shortOf.get(p.log.customer[i]) ?? 0) + p.log.amount[i]);
    }
    const shortActual = Array.from(view.rows, (r) => Math.max(0, shortOf.get(p.split.customers[r]) ?? 0));
    expect(shortActual.some((v) => v > 0)).toBe(true);
    expect(row.shortGini).toBeCloseTo(normalizedGini(shortActual, pred), 12);
    expect(row.longGini).toBeCloseTo(normalizedGini(actual, pred), 12);
    // Δ against the best baseline: only for the other model, with an interval around it
    expect(out.deltas).toHaveLength(1);
    const d = out.deltas[0];
    expect(d.model).toBe('good');
    expect(d.difference).toBeGreaterThan(0);
    expect(d.lower).toBeLessThanOrEqual(d.difference);
    expect(d.upper).toBeGreaterThanOrEqual(d.difference);
    expect(out.curves.filter((c) => c.model === 'good')).toHaveLength(20);
  });
});
