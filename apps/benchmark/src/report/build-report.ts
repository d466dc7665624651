// `clvlab report`: rebuilds report.md and report.html of a benchmark record from its files
// (manifest.json, metrics.json, predictions.csv). Charts are Vega-Lite specs rendered to SVG
// in Node and inlined, so report.html is one self-contained file with no script and no
// network access; report.md carries the same tables for the README.
import { join } from 'node:path';
import { decileTable, gainCurve } from '@clvlab/metrics';
import type { TrackingRecord } from '../record/btyd-tracking.ts';
import { writeFileAtomic } from '@clvlab/core/node';
import type { CalibrationPoint, CurvePoint, DecilePoint, LeaderboardPoint, TrackingPoint } from './chart-specs.ts';
import {
  calibrationSpec,
  decileSpec,
  gainSpec,
  importanceSpec,
  leaderboardSpec,
  profitSpec,
  trackingSpec,
} from './chart-specs.ts';
import { qiniSpec } from './chart-specs.ts';
import type { BenchRecord, PredictionSeries } from './read-record.ts';
import { readRecord } from './read-record.ts';
import { reportHtml, type ReportChart, type ReportSection } from './report-html.ts';
import { reportMarkdown } from './report-markdown.ts';
import { familyLabel, leaderboard, policyLabel, treeInfos } from './report-tables.ts';
import { renderSvg } from './vega-svg.ts';

function firstSeeds(record: BenchRecord, dataset: string, models: readonly string[]): PredictionSeries[] {
  return models
    .map(
      (m) =>
        record.predictions.filter((p) => p.dataset === dataset && p.model === m).sort((a, b) => a.seed - b.seed)[0],
    )
    .filter(Boolean);
}

async function datasetCharts(record: BenchRecord, dataset: string): Promise<ReportChart[]> {
  const lb = leaderboard(record, dataset);
  const models = lb.map((l) => l.model);
  const series = firstSeeds(record, dataset, models);
  const charts: ReportChart[] = [];
  const points: LeaderboardPoint[] = lb.map((l) => ({
    model: l.model,
    family: familyLabel(l), // as the leaderboard table names it: ziln-mlp is "neural, no sequence", not an encoder
    value: l.row.metrics.normalized_gini,
    lo: l.row.lower!.normalized_gini,
    hi: l.row.upper!.normalized_gini,
  }));
  const interval =
    lb[0]?.row.interval === 'nadeau-bengio'
      ? `mean over ${lb[0].seeds} seeds, 95% Nadeau–Bengio corrected t interval`
      : '1 seed, 95% bootstrap interval over test customers';
  charts.push({
    id: `${dataset}-leaderboard`,
    title: 'Leaderboard',
    svg: await renderSvg(leaderboardSpec(points, 'normalized Gini', interval)),
  });
  const deciles: DecilePoint[] = [];
  const calibration: CalibrationPoint[] = [];
  const gains: CurvePoint[] = [];
  for (const s of series) {
    for (const d of decileTable(s.actual, s.predicted)) {
      deciles.push(
        { model: s.model, decile: d.decile, kind: 'predicted', mean: d.meanPredicted },
        { model: s.model, decile: d.decile, kind: 'actual', mean: d.meanActual },
      );
      calibration.push({ model: s.model, decile: d.decile, predicted: d.meanPredicted, actual: d.meanActual });
    }
    const g = gainCurve(s.actual, s.predicted, 51);
    g.customerShare.forEach((x, j) => gains.push({ model: s.model, x, y: g.valueShare[j] }));
  }
  if (series.length > 0) {
    const ideal = gainCurve(series[0].actual, series[0].actual, 51);
    ideal.customerShare.forEach((x, j) => gains.push({ model: '(ideal)', x, y: ideal.valueShare[j] }));
    gains.push({ model: '(random)', x: 0, y: 0 }, { model: '(random)', x: 1, y: 1 });
    charts.push({
      id: `${dataset}-deciles`,
      title: 'Decile chart per model',
      svg: await renderSvg(decileSpec(deciles)),
    });
    charts.push({
      id: `${dataset}-gain`,
      title: 'Gain curves',
      svg: await renderSvg(gainSpec(gains.filter((p) => Number.isFinite(p.y)))),
    });
    charts.push({
      id: `${dataset}-calibration`,
      title: 'Calibration',
      svg: await renderSvg(
        calibrationSpec(calibration.filter((p) => Number.isFinite(p.predicted) && Number.isFinite(p.actual))),
      ),
    });
  }
  const tracking = (record.metrics.tracking as Record<string, TrackingRecord> | undefined)?.[dataset];
  if (tracking) {
    const pts: TrackingPoint[] = tracking.period.map((period, j) => ({
      series: 'actual',
      period,
      value: tracking.actual[j],
    }));
    for (const [model, values] of Object.entries(tracking.expected))
      tracking.period.forEach((period, j) => pts.push({ series: `${model} (expected)`, period, value: values[j] }));
    charts.push({
      id: `${dataset}-tracking`,
      title: 'BTYD tracking plot',
      svg: await renderSvg(trackingSpec(pts, `Cumulative repeat purchases per ${tracking.unit}: actual vs expected`)),
    });
  }
  const curves = record.metrics.decisions?.curves.filter((c) => c.dataset === dataset) ?? [];
  if (curves.length > 0) {
    charts.push({
      id: `${dataset}-profit`,
      title: 'Profit curves',
      svg: await renderSvg(
        profitSpec(
          curves.map((c) => ({ model: c.model, k: c.k, profit: c.profit })),
          'Profit when contacting the top k of test customers (first seed)',
        ),
      ),
    });
  }
  const qini = record.metrics.campaign?.curves.filter((c) => c.dataset === dataset) ?? [];
  if (qini.length > 0) {
    const model = (policy: string): string | null =>
      record.metrics.campaign!.rows.find((r) => r.dataset === dataset && r.policy === policy)?.model ?? null;
    const pts = qini.map((c) => ({
      policy: policyLabel(c.policy, model(c.policy)),
      fraction: c.fraction,
      qini: c.qini,
    }));
    charts.push({
      id: `${dataset}-qini`,
      title: 'Qini curves (synthetic campaign)',
      svg: await renderSvg(qiniSpec(pts, 'Qini curves of the targeting policies on test customers (first seed)')),
    });
  }
  for (const { model, info } of treeInfos(record, dataset)) {
    const pts = (info.importance ?? []).map((x) => ({ feature: x.feature, value: x.meanAbsShap }));
    if (pts.length > 0)
      charts.push({
        id: `${dataset}-importance-${model}`,
        title: `${model}: global importance`,
        svg: await renderSvg(importanceSpec(pts, `${model}: mean |TreeSHAP| per feature (first seed, test customers)`)),
      });
  }
  return charts;
}

/** Builds report.md and report.html for the record in `dir`; returns their paths. */
export async function buildReport(dir: string): Promise<{ markdown: string; html: string; charts: number }> {
  const record = readRecord(dir);
  const datasets = [...new Set(record.metrics.rows.map((r) => r.dataset))];
  const sections: ReportSection[] = [];
  for (const ds of datasets) sections.push({ dataset: ds, charts: await datasetCharts(record, ds) });
  const markdown = join(dir, 'report.md');
  const html = join(dir, 'report.html');
  writeFileAtomic(markdown, reportMarkdown(record, datasets));
  writeFileAtomic(html, reportHtml(record, sections));
  return { markdown, html, charts: sections.reduce((a, s) => a + s.charts.length, 0) };
}
