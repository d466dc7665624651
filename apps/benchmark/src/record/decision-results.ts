// Decision metrics of a bench record (issue 14 §2, @clvlab/decisions): what each model's
// targeting would earn, not only how it ranks.
//   - profit curve (the KDD Cup 98 framing of the ZILN paper: value is realised only from
//     contacted customers): contact the top k% of test customers by the model, profit(k) =
//     margin · their actual holdout value − cost · contacts; best k and profit at best k per
//     model and seed; Δ best-k profit against the best baseline (paired bootstrap per seed that
//     re-picks k per resample; over k ≥ 2 seeds the Nadeau–Bengio corrected t of the per-seed Δ);
//   - budget view: with a budget of `budgetShare` × (cost of contacting every test customer), the
//     share of the test fold's holdout value each model's list captures;
//   - short vs long term: the same predictions scored (normalized Gini) against the value of a
//     short horizon, `shortFraction` of the main one, next to the main horizon.
// The contact cost is fixed per dataset and seed from the TRAIN fold (contactCostShare × the train
// customers' mean holdout value), so no test label sets a scoring parameter; whether a contact
// causes the value is the campaign question (decisions' Qini), not this one.
import { correctedResampledT, normalizedGini } from '@clvlab/metrics';
import { budgetCapture, DEFAULT_PROFIT, pairedProfitBootstrap, profitCurve } from '@clvlab/decisions';
import { Fold, labelWindow } from '@clvlab/sessions';
import type { RecordPayload } from '../runner/cell-protocol.ts';
import { pickRows, type TestView } from './test-view.ts';

export const DEFAULT_DECISIONS = Object.freeze({
  /** Value is margin already (the decisions package's default); pass a gross margin for revenue. */
  margin: DEFAULT_PROFIT.margin,
  /** Contact cost as a share of the train fold's mean holdout value (KDD Cup 98's ratio; decisions profit-curve.ts). */
  contactCostShare: DEFAULT_PROFIT.contactCostShare,
  /** Budget as a share of contacting every test customer: enough for a tenth of them. */
  budgetShare: 0.1,
  /** Short horizon as a fraction of the main one (a quarter: a 39-week holdout gives ~10 weeks). */
  shortFraction: 0.25,
  /** Bootstrap resamples of the paired profit difference (per seed). */
  resamples: 200,
});
export type DecisionSettings = typeof DEFAULT_DECISIONS;

export interface DecisionRow {
  readonly dataset: string;
  readonly model: string;
  readonly seed: number | 'mean';
  readonly contactCost: number;
  readonly bestK: number;
  readonly bestProfit: number;
  /** Profit when contacting the top 10% (a fixed k every model shares). */
  readonly profitAt10: number;
  /** Share of the test fold's holdout value the budgeted list captures. */
  readonly budgetShare: number;
  /** Normalized Gini against the short horizon's value, and against the main horizon's. */
  readonly shortGini: number;
  readonly longGini: number;
}

export interface ProfitDeltaRow {
  readonly dataset: string;
  readonly model: string;
  readonly baseline: string;
  readonly difference: number;
  readonly lower: number;
  readonly upper: number;
  readonly p: number;
  readonly seeds: number;
}

export interface ProfitCurvePoint {
  readonly dataset: string;
  readonly model: string;
  readonly k: number;
  readonly profit: number;
}

export interface DecisionResults {
  readonly settings: DecisionSettings;
  readonly rows: readonly DecisionRow[];
  readonly deltas: readonly ProfitDeltaRow[];
  /** First seed's curve per model, every 5th k (for the report's chart). */
  readonly curves: readonly ProfitCurvePoint[];
}

/** What decisionResults needs of one model's chosen cell of one seed. */
export interface DecisionCell {
  readonly model: string;
  readonly seed: number;
  readonly value: ArrayLike<number>;
}

/** Decision metrics of one dataset (see header); `best` is the best baseline chosen on the valid fold. */
export function decisionResults(
  payload: RecordPayload,
  cells: readonly DecisionCell[],
  viewOf: (seed: number) => TestView,
  foldOf: (seed: number) => Uint8Array,
  best: string | null,
  testTrainRatio: number,
  settings: DecisionSettings = DEFAULT_DECISIONS,
): Omit<DecisionResults, 'settings'> {
  const { split } = payload;
  const short = labelWindow(
    payload.log,
    split.customers,
    split.score.featureEnd,
    split.score.featureEnd + settings.shortFraction * (split.score.labelEnd - split.score.featureEnd),
  );
  const rows: DecisionRow[] = [],
    deltas: ProfitDeltaRow[] = [],
    curves: ProfitCurvePoint[] = [];
  const models = [...new Set(cells.map((c) => c.model))];
  const seeds = [...new Set(cells.map((c) => c.seed))].sort((a, b) => a - b);
  const costOf = new Map<number, number>();
  for (const seed of seeds) {
    const fold = foldOf(seed);
    let s = 0,
      n = 0;
    for (let r = 0; r < fold.length; r++)
      if (fold[r] === Fold.train) {
        s += split.score.target[r];
        n++;
      }
    costOf.set(seed, settings.contactCostShare * (n > 0 ? s / n : 0));
  }
  const profitOptions = (seed: number) => ({ margin: settings.margin, contactCost: costOf.get(seed)! });
  for (const model of models) {
    const mine = cells.filter((c) => c.model === model).sort((a, b) => a.seed - b.seed);
    const perSeed = mine.map((c) => {
      const v = viewOf(c.seed),
        predicted = pickRows(c.value, v.rows);
      const curve = profitCurve(predicted, v.actual, profitOptions(c.seed));
      const cost = costOf.get(c.seed)!;
      const budget = budgetCapture(predicted, v.actual, {
        budget: settings.budgetShare * v.actual.length * cost,
        contactCost: cost,
      });
      if (c.seed === seeds[0])
        for (let j = 4; j < curve.k.length; j += 5)
          curves.push({ dataset: payload.id, model, k: curve.k[j], profit: curve.profit[j] });
      const row: DecisionRow = {
        dataset: payload.id,
        model,
        seed: c.seed,
        contactCost: cost,
        bestK: curve.bestK,
        bestProfit: curve.bestProfit,
        profitAt10: curve.profit[curve.k.findIndex((k) => Math.abs(k - 0.1) < 1e-9)],
        budgetShare: budget.share,
        shortGini: normalizedGini(pickRows(short.target, v.rows), predicted),
        longGini: normalizedGini(v.actual, predicted),
      };
      rows.push(row);
      return row;
    });
    const mean = (f: (r: DecisionRow) => number) => perSeed.reduce((a, r) => a + f(r), 0) / perSeed.length;
    rows.push({
      dataset: payload.id,
      model,
      seed: 'mean',
      contactCost: mean((r) => r.contactCost),
      bestK: mean((r) => r.bestK),
      bestProfit: mean((r) => r.bestProfit),
      profitAt10: mean((r) => r.profitAt10),
      budgetShare: mean((r) => r.budgetShare),
      shortGini: mean((r) => r.shortGini),
      longGini: mean((r) => r.longGini),
    });
    if (best === null || model === best) continue;
    const diffs: { difference: number; lower: number; upper: number; p: number }[] = [];
    for (const c of mine) {
      const b = cells.find((x) => x.model === best && x.seed === c.seed);
      if (!b) continue;
      const v = viewOf(c.seed);
      diffs.push(
        pairedProfitBootstrap(pickRows(c.value, v.rows), pickRows(b.value, v.rows), v.actual, profitOptions(c.seed), {
          resamples: settings.resamples,
          seed: c.seed,
        }),
      );
    }
    if (diffs.length === 0) continue;
    if (diffs.length === 1) {
      deltas.push({ dataset: payload.id, model, baseline: best, ...pick(diffs[0]), seeds: 1 });
    } else {
      const t = correctedResampledT(
        diffs.map((d) => d.difference),
        { testTrainRatio },
      );
      deltas.push({
        dataset: payload.id,
        model,
        baseline: best,
        difference: t.mean,
        lower: t.lower,
        upper: t.upper,
        p: t.p,
        seeds: diffs.length,
      });
    }
  }
  return { rows, deltas, curves };
}

const pick = (d: { difference: number; lower: number; upper: number; p: number }) => ({
  difference: d.difference,
  lower: d.lower,
  upper: d.upper,
  p: d.p,
});
