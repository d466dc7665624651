// The report's tables as plain rows (shared by report.md and report.html): the leaderboard
// (aggregate rows with intervals, ordered by normalized Gini, with the paired difference
// against the best baseline), the per-segment Gini table and the manifest summary.
import { ablationTwin, type MetricsRow } from '../record/compute-results.ts';
import type { BenchRecord } from './read-record.ts';

export const LEADERBOARD_METRICS = ['normalized_gini', 'spearman', 'top10_capture', 'auc', 'decile_mape', 'rmse', 'mae', 'calibration_ratio'] as const;

/** A number for a table: 3 decimals, 1 for large magnitudes, '–' when undefined. */
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return Math.abs(x) >= 100 ? x.toFixed(1) : x.toFixed(3);
}

export interface LeaderRow {
  readonly model: string;
  readonly family: string;
  readonly row: MetricsRow;
  readonly seeds: number;
  /** Mean over seeds of Gini(model) − Gini(best baseline), its mean interval, and in how many seeds it is significant. */
  readonly delta?: DeltaSummary;
}

export interface DeltaSummary { readonly mean: number; readonly lo: number; readonly hi: number; readonly significant: number; readonly of: number }

type PairedRow = BenchRecord['metrics']['paired'][number];

/** Mean over seeds of a list of paired Δ normalized Gini rows (one per seed); undefined when empty. */
function summarisePairs(pairs: readonly PairedRow[]): DeltaSummary | undefined {
  if (pairs.length === 0) return undefined;
  const mean = (f: (p: PairedRow) => number): number => pairs.reduce((a, p) => a + f(p), 0) / pairs.length;
  return {
    mean: mean((p) => p.metrics.normalized_gini.difference), lo: mean((p) => p.metrics.normalized_gini.lower), hi: mean((p) => p.metrics.normalized_gini.upper),
    significant: pairs.filter((p) => p.metrics.normalized_gini.significant).length, of: pairs.length,
  };
}

/** 'Δ [lo, hi]' with '*' when significant in every seed, '(k/n seeds *)' when in some, '–' when absent. */
function deltaText(d: DeltaSummary | undefined): string {
  if (d === undefined) return '–';
  return `${d.mean >= 0 ? '+' : ''}${fmt(d.mean)} [${fmt(d.lo)}, ${fmt(d.hi)}]` +
    (d.significant === d.of ? ' *' : d.significant > 0 ? ` (${d.significant}/${d.of} seeds *)` : '');
}

/** Aggregate rows of one dataset, best normalized Gini first. */
export function leaderboard(record: BenchRecord, dataset: string): LeaderRow[] {
  const rows = record.metrics.rows.filter((r) => r.dataset === dataset && r.seed === 'mean');
  const out = rows.map((row): LeaderRow => {
    const seeds = record.metrics.rows.filter((r) => r.dataset === dataset && r.model === row.model && r.seed !== 'mean').length;
    const best = record.metrics.best_baseline[dataset];
    const delta = summarisePairs(record.metrics.paired.filter((p) => p.dataset === dataset && p.model === row.model && p.baseline === best));
    return { model: row.model, family: row.family, row, seeds, delta };
  });
  return out.sort((a, b) => (b.row.metrics.normalized_gini ?? -Infinity) - (a.row.metrics.normalized_gini ?? -Infinity));
}

/** Leaderboard as a table: header + string cells. */
export function leaderboardTable(record: BenchRecord, dataset: string): { header: string[]; rows: string[][] } {
  const best = record.metrics.best_baseline[dataset];
  const header = ['model', 'family', 'normalized Gini [95% CI]', 'Spearman', 'top-10% capture', 'AUC', 'decile MAPE', 'RMSE', 'MAE', 'calibration', `Δ Gini vs ${best ?? 'best baseline'} [95% CI]`];
  const rows = leaderboard(record, dataset).map((l) => {
    const m = l.row.metrics, lo = l.row.lower!, hi = l.row.upper!;
    const gini = `${fmt(m.normalized_gini)} [${fmt(lo.normalized_gini)}, ${fmt(hi.normalized_gini)}]`;
    const d = l.model === best ? '(best baseline)' : deltaText(l.delta);
    return [l.model, l.family, gini, ...LEADERBOARD_METRICS.slice(1).map((k) => fmt(m[k])), d];
  });
  return { header, rows };
}

/**
 * Paired Δ normalized Gini of each model against each baseline and against its ablation twin
 * ('x+social' vs 'x'): rows = every model that is not a plain baseline, or that has a twin.
 */
export function comparisonTable(record: BenchRecord, dataset: string): { header: string[]; rows: string[][] } | null {
  const paired = record.metrics.paired.filter((p) => p.dataset === dataset);
  if (paired.length === 0) return null;
  const board = leaderboard(record, dataset);
  const baselines = board.filter((l) => l.family === 'baseline').map((l) => l.model);
  const header = ['model', ...baselines.map((b) => `vs ${b}`), 'vs plain twin'];
  const rows = board.filter((l) => l.family !== 'baseline' || ablationTwin(l.model) !== null).map((l) => {
    const twin = ablationTwin(l.model);
    const cell = (ref: string): string => ref === l.model ? '' : deltaText(summarisePairs(paired.filter((p) => p.model === l.model && p.baseline === ref)));
    return [l.model, ...baselines.map(cell), twin === null ? '' : `${cell(twin)} (vs ${twin})`];
  });
  return { header, rows };
}

/** Per-segment normalized Gini: one row per (segmentation, segment), one column per model. */
export function segmentTable(record: BenchRecord, dataset: string): { header: string[]; rows: string[][] } | null {
  const segs = record.metrics.segments.filter((s) => s.dataset === dataset);
  if (segs.length === 0) return null;
  const models = leaderboard(record, dataset).map((l) => l.model);
  const keys = [...new Map(segs.map((s) => [`${s.segmentation}\u0000${s.segment}`, s])).values()];
  const header = ['segmentation', 'segment', 'n', ...models];
  const rows = keys.map((k) => [
    k.segmentation, k.segment, String(k.n),
    ...models.map((m) => fmt(segs.find((s) => s.model === m && s.segmentation === k.segmentation && s.segment === k.segment)?.metrics.normalized_gini)),
  ]);
  return { header, rows };
}

/** Key facts of the manifest as label/value pairs. */
export function manifestSummary(record: BenchRecord): [string, string][] {
  const m = record.manifest as Record<string, Record<string, unknown> | unknown>;
  const code = (m.code ?? {}) as Record<string, unknown>;
  const rt = (m.runtime ?? {}) as Record<string, unknown>;
  const hw = (m.hardware ?? {}) as Record<string, unknown>;
  const run = (m.run ?? {}) as Record<string, unknown>;
  const ds = ((m.datasets ?? []) as Record<string, unknown>[]).map((d) => `${d.id} (${d.value_target}, ${String(d.source_hash).slice(0, 19)}…)`).join('; ');
  const gib = (b: unknown): string => `${(Number(b) / 2 ** 30).toFixed(1)} GiB`;
  return [
    ['command', String(m.command ?? '')],
    ['created', String(m.created ?? '')],
    ['git commit', `${code.git_commit ?? 'none'}${code.git_dirty ? ' (dirty working tree)' : ''}`],
    ['source hash', String(code.source_hash ?? '')],
    ['datasets', ds],
    ['seeds', JSON.stringify(m.seeds ?? [])],
    ['tfjs backend', `${JSON.stringify(rt.tfjs_backend)} (tfjs ${rt.tfjs_version})`],
    ['node', String(rt.node ?? '')],
    ['hardware', `${hw.cpu_model}, ${hw.cores} cores, ${gib(hw.memory_bytes)} RAM`],
    ['workers', String(rt.workers ?? '')],
    ['run', `${(Number(run.wall_ms) / 1000).toFixed(1)} s wall, ${run.cells_run} cells run, ${run.cells_reused} reused, peak RSS ${gib(run.peak_rss_bytes)}`],
  ];
}
