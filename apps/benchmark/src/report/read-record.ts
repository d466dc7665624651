// Reads a benchmark record back from its directory for `clvlab report`: the manifest, the
// metrics (with paired differences and segments) and the per-customer predictions. The
// report is rebuilt from these files alone, so it can be regenerated anywhere.
import type { DecisionResults } from '../record/decision-results.ts';
import type { EmbeddingRow } from '../record/embedding-results.ts';
import type { CampaignResults } from '../record/campaign-results.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricsRow, PairedRow, PrimaryComparison, SegmentRow, SelectionRow } from '../record/compute-results.ts';
import { PREDICTIONS_CSV_HEADER } from '../record/csv-format.ts';

export interface PredictionSeries {
  readonly dataset: string;
  readonly model: string;
  readonly seed: number;
  readonly predicted: Float64Array;
  readonly repurchaseScore: Float64Array;
  readonly actual: Float64Array;
  readonly actualRepurchase: Float64Array;
}

export interface BenchRecord {
  readonly dir: string;
  readonly manifest: Record<string, unknown> & { command?: string };
  readonly metrics: {
    readonly metric_names: readonly string[];
    readonly bootstrap: { resamples: number; seed: number; level: number };
    readonly alpha?: number;
    readonly best_baseline: Record<string, string | null>;
    readonly primary?: Record<string, PrimaryComparison | null>;
    readonly selection?: readonly SelectionRow[];
    readonly rows: readonly MetricsRow[];
    readonly paired: readonly PairedRow[];
    readonly segments: readonly SegmentRow[];
    readonly value_targets: Record<string, string>;
    readonly tracking?: Record<string, unknown>;
    readonly decisions?: DecisionResults;
    readonly embeddings?: readonly EmbeddingRow[];
    readonly campaign?: CampaignResults;
    readonly transitions?: readonly {
      dataset: string;
      lifecycle_stage: { labels: string[]; counts: number[] };
      rfm_segment: { labels: string[]; counts: number[] };
    }[];
  };
  readonly predictions: readonly PredictionSeries[];
}

function need(dir: string, name: string): string {
  const p = join(dir, name);
  if (!existsSync(p))
    throw new Error(`benchmark/report: ${p}: not found (is ${dir} a benchmark record written by \`clvlab bench\`?)`);
  return readFileSync(p, 'utf8');
}

/** Parses predictions.csv (written by write-record.ts; ids may be quoted). */
export function parsePredictionsCsv(text: string, file = 'predictions.csv'): PredictionSeries[] {
  // Line by line, not text.split('\n') (an array of every line next to the text): on the 1M
  // bench's file (2.8M lines, 223 MB; scratch script, 2-core VM) peak RSS added 0.42 GB
  // against 0.44–0.56 GB, in 2.8 s against 3.5 s.
  const lineAt = (start: number): string => {
    const end = text.indexOf('\n', start);
    return text.slice(start, end < 0 ? text.length : end);
  };
  if (lineAt(0) !== PREDICTIONS_CSV_HEADER.join(','))
    throw new Error(`${file}:1:1: expected header ${PREDICTIONS_CSV_HEADER.join(',')}`);
  const groups = new Map<string, { dataset: string; model: string; seed: number; cols: number[][] }>();
  for (let start = text.indexOf('\n') + 1, i = 1; start > 0 && start < text.length; i++) {
    const line = lineAt(start);
    start += line.length + 1;
    if (line === '') continue;
    const f = splitCsvLine(line);
    if (f.length !== 8) throw new Error(`${file}:${i + 1}:1: expected 8 fields, got ${f.length}`);
    const key = `${f[0]}\u0000${f[2]}\u0000${f[3]}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { dataset: f[0], model: f[2], seed: Number(f[3]), cols: [[], [], [], []] }));
    for (let k = 0; k < 4; k++) g.cols[k].push(f[4 + k] === '' ? Number.NaN : Number(f[4 + k]));
  }
  return [...groups.values()].map((g) => ({
    dataset: g.dataset,
    model: g.model,
    seed: g.seed,
    predicted: Float64Array.from(g.cols[0]),
    repurchaseScore: Float64Array.from(g.cols[1]),
    actual: Float64Array.from(g.cols[2]),
    actualRepurchase: Float64Array.from(g.cols[3]),
  }));
}

function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '',
    quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Reads manifest.json, metrics.json and predictions.csv of a record directory. A committed
 * record (benchmarks/records/<dataset>) keeps only the small files: without predictions.csv
 * the tables still build (the charts need it).
 */
export function readRecord(dir: string, options: { predictions?: boolean } = {}): BenchRecord {
  const withPredictions = options.predictions ?? true;
  return {
    dir,
    manifest: JSON.parse(need(dir, 'manifest.json')),
    metrics: JSON.parse(need(dir, 'metrics.json')),
    predictions: withPredictions ? parsePredictionsCsv(need(dir, 'predictions.csv'), join(dir, 'predictions.csv')) : [],
  };
}
