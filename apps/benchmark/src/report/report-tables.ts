// The report's tables as plain rows (shared by report.md and report.html): the leaderboard
// (aggregate rows with intervals, ordered by normalized Gini, with the paired difference
// against the best baseline), the per-segment Gini table and the manifest summary.
import type { MetricsRow } from '../record/compute-results.ts';
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
  readonly delta?: { readonly mean: number; readonly lo: number; readonly hi: number; readonly significant: number; readonly of: number };
}

/** Aggregate rows of one dataset, best normalized Gini first. */
export function leaderboard(record: BenchRecord, dataset: string): LeaderRow[] {
  const rows = record.metrics.rows.filter((r) => r.dataset === dataset && r.seed === 'mean');
  const out = rows.map((row): LeaderRow => {
    const seeds = record.metrics.rows.filter((r) => r.dataset === dataset && r.model === row.model && r.seed !== 'mean').length;
    const best = record.metrics.best_baseline[dataset];
    const pairs = record.metrics.paired.filter((p) => p.dataset === dataset && p.model === row.model && p.baseline === best);
    const delta = pairs.length === 0 ? undefined : {
      mean: pairs.reduce((a, p) => a + p.metrics.normalized_gini.difference, 0) / pairs.length,
      lo: pairs.reduce((a, p) => a + p.metrics.normalized_gini.lower, 0) / pairs.length,
      hi: pairs.reduce((a, p) => a + p.metrics.normalized_gini.upper, 0) / pairs.length,
      significant: pairs.filter((p) => p.metrics.normalized_gini.significant).length,
      of: pairs.length,
    };
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
    const d = l.model === best ? '(best baseline)' : l.delta
      ? `${l.delta.mean >= 0 ? '+' : ''}${fmt(l.delta.mean)} [${fmt(l.delta.lo)}, ${fmt(l.delta.hi)}]${l.delta.significant === l.delta.of ? ' *' : l.delta.significant > 0 ? ` (${l.delta.significant}/${l.delta.of} seeds *)` : ''}`
      : '–';
    return [l.model, l.family, gini, ...LEADERBOARD_METRICS.slice(1).map((k) => fmt(m[k])), d];
  });
  return { header, rows };
}

/** Mean over seeds of a Δ Gini pair list as 'Δ [lo, hi]' with '*' when significant in every seed. */
function deltaCell(pairs: readonly BenchRecord['metrics']['paired'][number][]): string {
  if (pairs.length === 0) return '–';
  const mean = (f: (p: (typeof pairs)[number]) => number): number => pairs.reduce((a, p) => a + f(p), 0) / pairs.length;
  const d = mean((p) => p.metrics.normalized_gini.difference);
  const sig = pairs.filter((p) => p.metrics.normalized_gini.significant).length;
  return `${d >= 0 ? '+' : ''}${fmt(d)} [${fmt(mean((p) => p.metrics.normalized_gini.lower))}, ${fmt(mean((p) => p.metrics.normalized_gini.upper))}]` +
    (sig === pairs.length ? ' *' : sig > 0 ? ` (${sig}/${pairs.length} seeds *)` : '');
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
  const twinOf = (m: string): string | null => { const k = m.lastIndexOf('+'); return k > 0 ? m.slice(0, k) : null; };
  const header = ['model', ...baselines.map((b) => `vs ${b}`), 'vs plain twin'];
  const rows = board.filter((l) => l.family !== 'baseline' || twinOf(l.model) !== null).map((l) => {
    const twin = twinOf(l.model);
    const cell = (ref: string): string => ref === l.model ? '' : deltaCell(paired.filter((p) => p.model === l.model && p.baseline === ref));
    return [l.model, ...baselines.map(cell), twin === null ? '' : `${deltaCell(paired.filter((p) => p.model === l.model && p.baseline === twin))} (vs ${twin})`];
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
