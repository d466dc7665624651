// Vega-Lite specs of the report's charts (issue 6 §5): leaderboard with intervals, decile
// chart per model, gain (Lorenz-type) curves, calibration plot, the BTYD tracking plot, profit
// curves and Qini curves of the synthetic campaign (issue 14) and tree models' global importance
// (issue 12).
// Each function takes plain rows computed from the record and returns a spec with inline data.
import type { TopLevelSpec } from 'vega-lite';

const FONT = { config: { font: 'system-ui, sans-serif', view: { stroke: '#ddd' } } } as const;

export interface LeaderboardPoint {
  model: string;
  family: string;
  value: number;
  lo: number;
  hi: number;
}

/** Horizontal bars of a metric (mean over seeds) with 95% interval whiskers. */
export function leaderboardSpec(
  points: readonly LeaderboardPoint[],
  metric: string,
  interval = '95% bootstrap interval',
): TopLevelSpec {
  const order = [...points].sort((a, b) => b.value - a.value).map((p) => p.model);
  return {
    ...FONT,
    width: 420,
    height: { step: 22 },
    title: `${metric} (${interval})`,
    data: { values: points.map((p) => ({ ...p })) },
    encoding: { y: { field: 'model', type: 'nominal', sort: order, title: null } },
    layer: [
      {
        mark: { type: 'bar', opacity: 0.85 },
        encoding: {
          x: { field: 'value', type: 'quantitative', title: metric },
          color: { field: 'family', type: 'nominal', title: 'family' },
        },
      },
      {
        mark: { type: 'rule', strokeWidth: 1.5 },
        encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } },
      },
      { mark: { type: 'tick', thickness: 1.5, size: 10 }, encoding: { x: { field: 'lo', type: 'quantitative' } } },
      { mark: { type: 'tick', thickness: 1.5, size: 10 }, encoding: { x: { field: 'hi', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
}

export interface DecilePoint {
  model: string;
  decile: number;
  kind: 'predicted' | 'actual';
  mean: number;
}

/** Mean predicted vs mean actual per decile (1 = top predictions), one small panel per model. */
export function decileSpec(points: readonly DecilePoint[]): TopLevelSpec {
  return {
    ...FONT,
    title: 'Decile chart: mean predicted vs mean actual value per prediction decile',
    data: { values: points.map((p) => ({ ...p })) },
    facet: { field: 'model', type: 'nominal', title: null },
    columns: 4,
    spec: {
      width: 220,
      height: 140,
      mark: 'bar',
      encoding: {
        x: { field: 'decile', type: 'ordinal', title: 'decile (1 = highest predicted)' },
        xOffset: { field: 'kind' },
        y: { field: 'mean', type: 'quantitative', title: 'mean value' },
        color: {
          field: 'kind',
          type: 'nominal',
          scale: { domain: ['predicted', 'actual'], range: ['#4c78a8', '#f58518'] },
          title: null,
        },
      },
    },
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}

export interface CurvePoint {
  model: string;
  x: number;
  y: number;
}

/** Gain curves: share of holdout value captured by the top x of customers ranked by each model; (ideal) and (random) dashed grey. */
export function gainSpec(points: readonly CurvePoint[]): TopLevelSpec {
  const isRef = (p: CurvePoint): boolean => p.model.startsWith('(');
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    title: 'share of customers (ranked by prediction)',
    scale: { domain: [0, 1] },
  };
  const y = { field: 'y', type: 'quantitative' as const, title: 'share of holdout value', scale: { domain: [0, 1] } };
  return {
    ...FONT,
    width: 460,
    height: 320,
    title: 'Gain (Lorenz) curves on test customers (dashed: ideal ordering and random)',
    layer: [
      {
        data: { values: points.filter(isRef).map((p) => ({ ...p })) },
        mark: { type: 'line', strokeWidth: 1.2, strokeDash: [4, 3], color: '#888' },
        encoding: { x, y, detail: { field: 'model' } },
      },
      {
        data: { values: points.filter((p) => !isRef(p)).map((p) => ({ ...p })) },
        mark: { type: 'line', strokeWidth: 1.6 },
        encoding: { x, y, color: { field: 'model', type: 'nominal', title: 'model' } },
      },
    ],
  } as TopLevelSpec;
}

export interface CalibrationPoint {
  model: string;
  predicted: number;
  actual: number;
  decile: number;
}

/** Calibration: mean actual vs mean predicted per prediction decile, with the y = x diagonal. */
export function calibrationSpec(points: readonly CalibrationPoint[]): TopLevelSpec {
  const max = Math.max(1e-9, ...points.flatMap((p) => [p.predicted, p.actual]).filter(Number.isFinite));
  return {
    ...FONT,
    width: 420,
    height: 320,
    title: 'Calibration: mean actual vs mean predicted per decile',
    layer: [
      {
        data: { values: [{ v: 0 }, { v: max }] },
        mark: { type: 'line', color: '#999', strokeDash: [4, 3] },
        encoding: { x: { field: 'v', type: 'quantitative' }, y: { field: 'v', type: 'quantitative' } },
      },
      {
        data: { values: points.map((p) => ({ ...p })) },
        mark: { type: 'line', point: true, strokeWidth: 1.2 },
        encoding: {
          x: {
            field: 'predicted',
            type: 'quantitative',
            title: 'mean predicted value',
            scale: { type: 'sqrt', domain: [0, max] },
          },
          y: {
            field: 'actual',
            type: 'quantitative',
            title: 'mean actual value',
            scale: { type: 'sqrt', domain: [0, max] },
          },
          color: { field: 'model', type: 'nominal' },
          order: { field: 'decile' },
        },
      },
    ],
  } as TopLevelSpec;
}

export interface TrackingPoint {
  series: string;
  period: number;
  value: number;
}

/** BTYD tracking plot: cumulative actual vs model-expected repeat purchases over time. */
export function trackingSpec(points: readonly TrackingPoint[], title: string): TopLevelSpec {
  return {
    ...FONT,
    width: 460,
    height: 280,
    title,
    data: { values: points.map((p) => ({ ...p })) },
    mark: { type: 'line', strokeWidth: 1.6 },
    encoding: {
      x: { field: 'period', type: 'quantitative', title: 'period' },
      y: { field: 'value', type: 'quantitative', title: 'repeat purchases' },
      color: { field: 'series', type: 'nominal', title: null },
    },
  } as TopLevelSpec;
}

export interface ProfitPoint {
  model: string;
  k: number;
  profit: number;
}

/** Profit when contacting the top k of test customers by each model (first seed). */
export function profitSpec(points: readonly ProfitPoint[], title: string): TopLevelSpec {
  return shareLinesSpec(
    points,
    title,
    { field: 'k', title: 'share of test customers contacted (top k by prediction)' },
    { field: 'profit', title: 'profit' },
    { field: 'model', title: 'model' },
  );
}

interface Channel {
  readonly field: string;
  readonly title: string;
}

/** One line per `color` series over a share (percent) x axis, with a dashed rule at y = 0. */
function shareLinesSpec(
  points: readonly object[],
  title: string,
  x: Channel,
  y: Channel,
  color: Channel,
): TopLevelSpec {
  return {
    ...FONT,
    width: 460,
    height: 300,
    title,
    data: { values: points.map((p) => ({ ...p })) },
    layer: [
      { mark: { type: 'rule', color: '#888', strokeDash: [4, 3] }, encoding: { y: { datum: 0 } } },
      {
        mark: { type: 'line', strokeWidth: 1.6 },
        encoding: {
          x: { field: x.field, type: 'quantitative', title: x.title, axis: { format: '%' } },
          y: { field: y.field, type: 'quantitative', title: y.title },
          color: { field: color.field, type: 'nominal', title: color.title },
        },
      },
    ],
  } as TopLevelSpec;
}

export interface ImportancePoint {
  feature: string;
  value: number;
}

/** Global importance of a tree model: mean |SHAP| per feature, largest first. */
export function importanceSpec(points: readonly ImportancePoint[], title: string): TopLevelSpec {
  return {
    ...FONT,
    width: 380,
    height: { step: 18 },
    title,
    data: { values: points.map((p) => ({ ...p })) },
    mark: { type: 'bar', color: '#4c78a8' },
    encoding: {
      y: { field: 'feature', type: 'nominal', sort: '-x', title: null },
      x: { field: 'value', type: 'quantitative', title: 'mean |SHAP| (margin scale)' },
    },
  } as TopLevelSpec;
}

export interface QiniChartPoint {
  policy: string;
  fraction: number;
  qini: number;
}

/** Qini curves of the campaign's targeting policies: incremental value after treating the top fraction by each policy's score. */
export function qiniSpec(points: readonly QiniChartPoint[], title: string): TopLevelSpec {
  return shareLinesSpec(
    points,
    title,
    { field: 'fraction', title: 'share of test customers targeted (top by each policy)' },
    { field: 'qini', title: 'Qini: incremental holdout value' },
    { field: 'policy', title: 'policy' },
  );
}

export interface SurvivalPoint {
  series: string;
  period: number;
  share: number;
}

/** sBG survival: observed share of the cohort still active per period against the fitted projection. */
export function survivalSpec(points: readonly SurvivalPoint[], fittedTo: number, title: string): TopLevelSpec {
  return {
    ...FONT,
    width: 460,
    height: 280,
    title,
    layer: [
      {
        data: { values: points.map((p) => ({ ...p })) },
        mark: { type: 'line', point: true, strokeWidth: 1.6 },
        encoding: {
          x: { field: 'period', type: 'quantitative', title: 'period' },
          y: { field: 'share', type: 'quantitative', title: 'share of the cohort active', scale: { domain: [0, 1] } },
          color: { field: 'series', type: 'nominal', title: null },
        },
      },
      {
        data: { values: [{ period: fittedTo + 0.5 }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#888' },
        encoding: { x: { field: 'period', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}
