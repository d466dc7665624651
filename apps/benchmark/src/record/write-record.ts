// Writes the benchmark record of docs/architecture.md §Benchmark record into the run directory, every file atomically:
// manifest.json, metrics.json, metrics.csv, paired.csv, selection.csv (valid-fold scores of
// every chosen cell and tuning trial), segments.csv, predictions.csv, campaign.csv (synthetic
// campaign: Qini and incremental profit per targeting policy, campaign-results.ts), the
// predictions/embeddings Zarr group, then report.md and report.html (regenerated from these
// files alone by `clvlab report`).
import { join } from 'node:path';
import { METRIC_NAMES } from '@clvlab/metrics';
import { stableStringify } from '@clvlab/core';
import { writeFileAtomic, type FileContent } from '@clvlab/core/node';
import type { BenchRun } from '../runner/run-bench.ts';
import { cellReplicates } from './cell-replicates.ts';
import { computeResults, type BenchResults } from './compute-results.ts';
import type { DecisionSettings } from './decision-results.ts';
import { transitionsCsv } from './segment-labels.ts';
import {
  csvField,
  decisionsCsv,
  metricsCsv,
  pairedCsv,
  PREDICTIONS_CSV_HEADER,
  segmentsCsv,
  selectionCsv,
} from './csv-format.ts';
import { campaignCsv, fitCampaignUplift } from './campaign-results.ts';
import { btydTracking } from './btyd-tracking.ts';
import { runManifest } from './run-manifest.ts';
import { pickRows, testView } from './test-view.ts';
import { writePredictionsZarr } from './predictions-zarr.ts';

export interface RecordFiles {
  readonly dir: string;
  readonly files: readonly string[];
  readonly results: BenchResults;
}

/**
 * Lines per chunk of predictionsCsvChunks: small enough that a chunk's strings die young. Peak
 * RSS added by writing the 1M bench's file (15 cells × 186,643 test customers, 223 MB; 2-core
 * VM, a scratch script): one string 1.11–1.24 GB; chunks of 65,536 lines 0.40 GB, 16,384
 * 0.36 GB, 4,096 0.27 GB, 1,024 0.25 GB.
 */
const PREDICTION_LINES_PER_CHUNK = 4096;

/**
 * predictions.csv in chunks of whole lines, as writeFileAtomic streams them. Why chunks: at 1M
 * customers the file is 2.8M lines; built as one string (an array of every line, then the
 * joined text, then its bytes) it was the 1M bench's peak, 1.4 GB above the record's level.
 */
export function* predictionsCsvChunks(run: BenchRun, linesPerChunk = PREDICTION_LINES_PER_CHUNK): Generator<string> {
  let lines: string[] = [PREDICTIONS_CSV_HEADER.join(',')];
  for (const ds of run.datasets) {
    for (const c of run.cells.filter((x) => x.dataset === ds.id && x.chosen)) {
      const view = testView(ds.payload, run.folds[ds.id][c.seed - 1]);
      const v = pickRows(c.stored.value, view.rows),
        r = pickRows(c.stored.repurchase, view.rows);
      const prefix = `${csvField(ds.id)},`;
      const mid = `,${csvField(c.model.name)},${c.seed},`;
      for (let j = 0; j < view.rows.length; j++) {
        lines.push(
          `${prefix}${csvField(view.customerIds[j])}${mid}${csvField(v[j])},${csvField(r[j])},${csvField(view.actual[j])},${view.actualRepurchase[j]}`,
        );
        if (lines.length === linesPerChunk) {
          yield lines.join('\n') + '\n';
          lines = [];
        }
      }
    }
  }
  if (lines.length > 0) yield lines.join('\n') + '\n';
}

/** predictions.csv text: one row per dataset × test customer × model × seed. */
export function predictionsCsv(run: BenchRun): string {
  return [...predictionsCsvChunks(run)].join('');
}

/** Writes every record file for `run` into `dir`. */
export async function writeRecord(
  dir: string,
  run: BenchRun,
  command: string,
  seeds: number,
  options: { readonly decisions?: Partial<DecisionSettings>; readonly log?: (line: string) => void } = {},
): Promise<RecordFiles> {
  if (run.datasets.some((d) => d.payload.campaign)) options.log?.('record: fitting the campaign T-learner');
  // The campaign's T-learner is fitted here (a model runs async; computeResults is sync).
  const campaignUplift = await fitCampaignUplift(
    run.datasets,
    (id) => [...new Set(run.cells.filter((c) => c.dataset === id && c.chosen).map((c) => c.seed))],
    run.folds,
  );
  options.log?.('record: bootstrap replicates of every chosen cell');
  const replicates = await cellReplicates(run.datasets, run.cells, run.folds, {
    clusterBootstrap: run.clusterBootstrap,
  });
  const results = computeResults(run.datasets, run.cells, run.folds, {
    clusterBootstrap: run.clusterBootstrap,
    decisions: options.decisions,
    campaignUplift,
    log: options.log,
    replicates,
  });
  const files: string[] = [];
  const put = (name: string, text: FileContent): void => {
    writeFileAtomic(join(dir, name), text);
    files.push(name);
  };
  put('metrics.csv', metricsCsv(results.rows));
  put('paired.csv', pairedCsv(results.paired));
  put('selection.csv', selectionCsv(results.selection));
  put('segments.csv', segmentsCsv(results.segments));
  put('decisions.csv', decisionsCsv(results.decisions.rows));
  put('transitions.csv', transitionsCsv(results.transitions));
  put('predictions.csv', predictionsCsvChunks(run));
  if (results.campaign.rows.length > 0) put('campaign.csv', campaignCsv(results.campaign));
  put(
    'metrics.json',
    stableStringify(
      {
        metric_names: METRIC_NAMES,
        bootstrap: results.bootstrap,
        alpha: results.alpha,
        best_baseline: results.bestBaseline,
        primary: results.primary,
        selection: results.selection,
        rows: results.rows,
        paired: results.paired,
        segments: results.segments,
        decisions: results.decisions,
        embeddings: results.embeddings,
        ...(results.campaign.rows.length > 0 ? { campaign: results.campaign } : {}),
        transitions: results.transitions.map((t) => ({
          dataset: t.dataset,
          lifecycle_stage: { labels: t.lifecycle.labels, counts: Array.from(t.lifecycle.counts) },
          rfm_segment: { labels: t.rfm.labels, counts: Array.from(t.rfm.counts) },
        })),
        value_targets: Object.fromEntries(run.datasets.map((d) => [d.id, d.valueTarget])),
        tracking: Object.fromEntries(
          run.datasets.map((d) => [d.id, btydTracking(d, run.cells)]).filter(([, t]) => t !== null),
        ),
      },
      1,
    ),
  );
  await writePredictionsZarr(join(dir, 'predictions.zarr'), run);
  files.push('predictions.zarr');
  put('manifest.json', JSON.stringify(runManifest(run, command, seeds), null, 1));
  return { dir, files, results };
}
