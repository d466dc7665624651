// The decision tree against an exhaustive CART written here (every threshold between distinct
// values of every feature, squared-error reduction, minimum leaf size, depth limit): on columns
// with ≤ 255 distinct values, where every distinct value has its own bin, both must partition
// the training rows identically. Then its rules: each training row satisfies exactly one rule,
// whose prediction is the model's.
import { describe, expect, it } from 'vitest';
import { fitDecisionTree, formatTreeRules, treeDepth, treeRules, type RuleCondition } from '../src/index.ts';
import { quantizeColumns, syntheticCustomers } from './synthetic-customers.ts';

const n = 1_500,
  p = 6;
const data = syntheticCustomers(n, p + 2, 6);
// drop review_score (5): exhaustive CART has no missing-value rule to compare
const columns = quantizeColumns(data.columns, 60)
  .filter((_, f) => f !== 5)
  .slice(0, p);
const y = data.value.map((v, i) => Math.log1p(v) + 1e-3 * ((i * 7919) % 13)); // continuous: no tied gains

/** Exhaustive CART leaf means for every row (depth-first, lowest feature then threshold on ties). */
function exhaustiveCart(
  rows: number[],
  depth: number,
  maxDepth: number,
  minLeaf: number,
  out: Float64Array,
  minGain: number,
): void {
  const mean = rows.reduce((s, r) => s + y[r], 0) / rows.length;
  const sse = (rs: number[]): number => {
    const m = rs.reduce((s, r) => s + y[r], 0) / rs.length;
    return rs.reduce((s, r) => s + (y[r] - m) ** 2, 0);
  };
  let best: { gain: number; left: number[]; right: number[] } | null = null;
  if (depth < maxDepth) {
    const parent = sse(rows);
    for (let f = 0; f < p; f++) {
      const values = [...new Set(rows.map((r) => columns[f][r]))].sort((a, b) => a - b);
      for (let k = 1; k < values.length; k++) {
        const left = rows.filter((r) => columns[f][r] < values[k]),
          right = rows.filter((r) => columns[f][r] >= values[k]);
        if (left.length < minLeaf || right.length < minLeaf) continue;
        const gain = parent - sse(left) - sse(right);
        if (gain > (best?.gain ?? minGain)) best = { gain, left, right };
      }
    }
  }
  if (!best) {
    for (const r of rows) out[r] = mean;
    return;
  }
  exhaustiveCart(best.left, depth + 1, maxDepth, minLeaf, out, minGain);
  exhaustiveCart(best.right, depth + 1, maxDepth, minLeaf, out, minGain);
}

describe('decision tree', () => {
  const model = fitDecisionTree(columns, y, { objective: 'squared', maxDepth: 3, minSamplesLeaf: 25 });

  it('partitions the training rows as exhaustive CART does', () => {
    const expected = new Float64Array(n);
    exhaustiveCart(
      Array.from({ length: n }, (_, i) => i),
      0,
      3,
      25,
      expected,
      1e-9,
    );
    const ours = model.predict(columns);
    for (let i = 0; i < n; i++) expect(ours[i]).toBeCloseTo(expected[i], 9);
  });

  it('respects the depth limit and the minimum leaf size (defaults: depth 4, 20 rows)', () => {
    const d = fitDecisionTree(columns, data.value);
    expect(treeDepth(d.tree)).toBeLessThanOrEqual(4);
    const rules = treeRules(d);
    expect(rules.length).toBeGreaterThan(4);
    for (const r of rules) expect(r.rows).toBeGreaterThanOrEqual(20);
    expect(rules.reduce((s, r) => s + r.rows, 0)).toBe(n);
  });

  it('log1p-squared leaves hold the mean log1p of their rows; gini leaves the positive fraction', () => {
    const d = fitDecisionTree(columns, data.value, { maxDepth: 2 });
    const g = fitDecisionTree(columns, data.repurchase, { objective: 'gini', maxDepth: 2 });
    for (const [model_, t] of [
      [d, data.value.map(Math.log1p)],
      [g, data.repurchase],
    ] as const) {
      const margin = model_.predictMargin(columns);
      for (const rule of treeRules(model_)) {
        const rows = [...margin.keys()].filter((i) => margin[i] === rule.margin);
        expect(rows.length).toBe(rule.rows);
        expect(rule.margin).toBeCloseTo(rows.reduce((s, i) => s + t[i], 0) / rows.length, 12);
      }
    }
    const prob = g.predict(columns);
    expect(Math.min(...prob)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...prob)).toBeLessThanOrEqual(1);
  });
});

describe('treeRules and formatTreeRules', () => {
  const cols = data.columns.slice(0, 6); // with review_score's missing values
  const model = fitDecisionTree(cols, data.value, { maxDepth: 3, minSamplesLeaf: 30 });
  const names = model.featureNames;
  const holds = (c: RuleCondition, i: number): boolean => {
    const v = cols[c.featureIndex][i];
    if (c.op === 'missing') return Number.isNaN(v);
    if (c.op === 'present') return !Number.isNaN(v);
    if (Number.isNaN(v)) return c.includesMissing;
    return c.op === '<' ? v < c.threshold : v >= c.threshold;
  };

  it("every training row satisfies exactly one rule, whose prediction is the model's", () => {
    const rules = treeRules(model);
    const prediction = model.predict(cols);
    for (let i = 0; i < n; i++) {
      const matching = rules.filter((r) => r.conditions.every((c) => holds(c, i)));
      expect(matching.length).toBe(1);
      expect(matching[0].prediction).toBe(prediction[i]);
    }
    expect(rules.some((r) => r.conditions.some((c) => c.includesMissing))).toBe(true);
  });

  it('prints one if/else per split and one leaf line per rule', () => {
    const text = formatTreeRules(model, { digits: 3 });
    const lines = text.split('\n');
    const rules = treeRules(model);
    expect(lines.filter((l) => l.trim().startsWith('→')).length).toBe(rules.length);
    expect(lines.filter((l) => l.trim().startsWith('if ')).length).toBe(rules.length - 1);
    expect(lines[0]).toMatch(new RegExp(`^if (${names.join('|')}) (<|is) `));
    expect(text).toMatch(/→ \d+(\.\d+)? \(\d+ rows\)/);
  });
});
