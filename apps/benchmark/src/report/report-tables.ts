// The report's tables as plain rows (shared by report.md and report.html): the leaderboard
// (aggregate rows with intervals, ordered by normalized Gini, with the paired difference
// against the best baseline), the per-segment Gini table and the manifest summary.
import { ablationTwin, sequenceFreeTwin, type HolmFamily, type MetricsRow } from '../record/compute-results.ts';
import type { BenchRecord } from './read-record.ts';

export const LEADERBOARD_METRICS = [
  'normalized_gini',
  'spearman',
  'top10_capture',
  'auc',
  'decile_mape',
  'rmse',
  'mae',
  'calibration_ratio',
] as const;

/** A number for a table: 3 decimals, 1 for large magnitudes, '–' when undefined. */
export function fmt(value: number | string | null | undefined): string {
  // Record JSON stores non-finite numbers as strings ('NaN', 'Infinity').
  const x = typeof value === 'string' ? Number(value) : value;
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  return Math.abs(x) >= 100 ? x.toFixed(1) : x.toFixed(3);
}

export interface LeaderRow {
  readonly model: string;
  readonly family: string;
  readonly row: MetricsRow;
  readonly seeds: number;
  /** The aggregate paired Δ normalized Gini against the best baseline (chosen on the valid fold). */
  readonly delta?: PairedRow;
}

type PairedRow = BenchRecord['metrics']['paired'][number];

/** The aggregate (seed 'mean') paired row of model vs ref on a dataset, if any. */
function aggregatePair(record: BenchRecord, dataset: string, model: string, ref: string): PairedRow | undefined {
  return record.metrics.paired.find(
    (p) => p.dataset === dataset && p.model === model && p.baseline === ref && p.seed === 'mean',
  );
}

/**
 * 'Δ [lo, hi]' with '*' when significant within `family`'s table (primary comparison: its own
 * unadjusted p; others: the Holm-adjusted p of that table) at the record's alpha; '–' when absent.
 */
export function deltaText(d: PairedRow | undefined, family: HolmFamily = 'comparisons', alpha = 0.05): string {
  if (d === undefined) return '–';
  const g = d.metrics.normalized_gini;
  const p = d.primary ? g.p : d.holm?.[family];
  return `${g.difference >= 0 ? '+' : ''}${fmt(g.difference)} [${fmt(g.lower)}, ${fmt(g.upper)}]${p !== undefined && p < alpha ? ' *' : ''}`;
}

/** Aggregate rows of one dataset, best normalized Gini first. */
export function leaderboard(record: BenchRecord, dataset: string): LeaderRow[] {
  const rows = record.metrics.rows.filter((r) => r.dataset === dataset && r.seed === 'mean');
  const best = record.metrics.best_baseline[dataset];
  const out = rows.map((row): LeaderRow => {
    const seeds = record.metrics.rows.filter(
      (r) => r.dataset === dataset && r.model === row.model && r.seed !== 'mean',
    ).length;
    return {
      model: row.model,
      family: row.family,
      row,
      seeds,
      delta: best ? aggregatePair(record, dataset, row.model, best) : undefined,
    };
  });
  return out.sort(
    (a, b) => (b.row.metrics.normalized_gini ?? -Infinity) - (a.row.metrics.normalized_gini ?? -Infinity),
  );
}

/** 'encoder (sequence)', 'neural, no sequence' (ziln-mlp), 'baseline', 'oracle'. */
export function familyLabel(l: Pick<LeaderRow, 'family' | 'row'>): string {
  return l.row.sequence ? 'encoder (sequence)' : l.family === 'encoder' ? 'neural, no sequence' : l.family;
}

/** Leaderboard as a table: header + string cells. */
export function leaderboardTable(record: BenchRecord, dataset: string): { header: string[]; rows: string[][] } {
  const best = record.metrics.best_baseline[dataset];
  const header = [
    'model',
    'family',
    'normalized Gini [95% CI]',
    'Spearman',
    'top-10% capture',
    'AUC',
    'decile MAPE (deciles in it)',
    'RMSE',
    'MAE',
    'calibration',
    `Δ Gini vs ${best ?? 'best baseline'} [95% CI]`,
  ];
  const rows = leaderboard(record, dataset).map((l) => {
    const m = l.row.metrics,
      lo = l.row.lower!,
      hi = l.row.upper!;
    const gini = `${fmt(m.normalized_gini)} [${fmt(lo.normalized_gini)}, ${fmt(hi.normalized_gini)}]`;
    const d =
      l.model === best ? '(best baseline, chosen on valid)' : deltaText(l.delta, 'leaderboard', record.metrics.alpha);
    const cells = LEADERBOARD_METRICS.slice(1).map((k) =>
      k === 'decile_mape' && l.row.decileMapeDeciles !== undefined
        ? `${fmt(m[k])} (${l.row.decileMapeDeciles}/10)`
        : fmt(m[k]),
    );
    return [l.model, familyLabel(l), gini, ...cells, d];
  });
  return { header, rows };
}

/** The dataset's primary comparison (best sequence vs best non-sequence model, both chosen on the valid fold), as label/value pairs. */
export function primaryComparison(record: BenchRecord, dataset: string): [string, string][] | null {
  const p = record.metrics.primary?.[dataset];
  if (!p) return null;
  const row = aggregatePair(record, dataset, p.sequence, p.nonSequence);
  const g = row?.metrics.normalized_gini;
  return [
    ['sequence model (best on valid)', `${p.sequence} (valid Gini ${fmt(p.validSequence)})`],
    ['non-sequence model (best on valid)', `${p.nonSequence} (valid Gini ${fmt(p.validNonSequence)})`],
    ['test Δ normalized Gini [95% CI]', row ? deltaText(row) : '–'],
    ['p (unadjusted: the one pre-registered test)', g ? fmt(g.p) : '–'],
    [
      'verdict',
      !g
        ? '–'
        : row!.significant
          ? g.difference > 0
            ? 'the sequence model is better'
            : 'the non-sequence model is better'
          : 'no significant difference',
    ],
  ];
}

/**
 * Paired Δ normalized Gini of each model against each non-sequence model and against its
 * ablation twin ('x+social' vs 'x', 'x:useRfm=false' vs 'x'); * = Holm-adjusted p < alpha.
 */
export function comparisonTable(record: BenchRecord, dataset: string): { header: string[]; rows: string[][] } | null {
  const paired = record.metrics.paired.filter((p) => p.dataset === dataset && p.seed === 'mean');
  if (paired.length === 0) return null;
  const board = leaderboard(record, dataset);
  const refs = board.filter((l) => !l.row.sequence && l.family !== 'oracle').map((l) => l.model);
  const header = ['model', ...refs.map((b) => `vs ${b}`), 'vs plain twin'];
  const rows = board
    .filter((l) => l.row.sequence || l.family === 'oracle' || ablationTwin(l.model) !== null || refs.length > 1)
    .map((l) => {
      const twin = ablationTwin(l.model);
      const cell = (ref: string): string =>
        ref === l.model
          ? ''
          : deltaText(
              paired.find((p) => p.model === l.model && p.baseline === ref),
              'comparisons',
              record.metrics.alpha,
            );
      return [
        l.model,
        ...refs.map(cell),
        twin === null || !board.some((b) => b.model === twin) ? '' : `${cell(twin)} (vs ${twin})`,
      ];
    });
  return { header, rows };
}

/**
 * The sequence contribution: each sequence model against the same head and static inputs without
 * the sequence (ziln-mlp with the same flags), and `useRfm=false` variants against their twins.
 */
export function sequenceContributionTable(
  record: BenchRecord,
  dataset: string,
): { header: string[]; rows: string[][] } | null {
  const board = leaderboard(record, dataset);
  const rows: string[][] = [];
  for (const l of board) {
    if (!l.row.sequence) continue;
    const free = sequenceFreeTwin(l.model);
    const d = aggregatePair(record, dataset, l.model, free);
    if (d)
      rows.push([
        l.model,
        free,
        deltaText(d, 'sequence', record.metrics.alpha),
        fmt(d.metrics.normalized_gini.p),
        fmt(d.holm?.sequence),
      ]);
    const twin = ablationTwin(l.model);
    if (twin !== null && l.model.includes(':')) {
      const t = aggregatePair(record, dataset, l.model, twin);
      if (t)
        rows.push([
          l.model,
          twin,
          deltaText(t, 'sequence', record.metrics.alpha),
          fmt(t.metrics.normalized_gini.p),
          fmt(t.holm?.sequence),
        ]);
    }
  }
  return rows.length === 0
    ? null
    : { header: ['model', 'against', 'Δ normalized Gini [95% CI]', 'p', 'p (Holm, this table)'], rows };
}

/** Tuning: per model and seed, trials run, the chosen trial's config and its valid score. */
export function tuningTable(record: BenchRecord, dataset: string): { header: string[]; rows: string[][] } | null {
  const sel = (record.metrics.selection ?? []).filter((s) => s.dataset === dataset);
  const tuned = [...new Set(sel.filter((s) => s.trial > 0).map((s) => s.model))];
  if (tuned.length === 0) return null;
  const rows: string[][] = [];
  for (const model of tuned) {
    for (const seed of [...new Set(sel.filter((s) => s.model === model).map((s) => s.seed))].sort((a, b) => a - b)) {
      const trials = sel.filter((s) => s.model === model && s.seed === seed);
      const chosen = trials.find((s) => s.chosen);
      const full = trials.filter((s) => (s.train_fraction ?? 1) >= 1).length;
      const count =
        full === trials.length ? String(trials.length) : `${trials.length - full} on part of train, ${full} on all`;
      rows.push([
        model,
        String(seed),
        count,
        chosen ? String(chosen.trial) : '–',
        chosen ? JSON.stringify(chosen.config) : '–',
        fmt(chosen?.valid_normalized_gini),
      ]);
    }
  }
  return { header: ['model', 'seed', 'trials', 'chosen trial', 'chosen config (over defaults)', 'valid Gini'], rows };
}

/** Fitted BTYD parameters, standard errors and the boundary flag per model and seed (from the cells' info). */
export function btydTable(record: BenchRecord, dataset: string): { header: string[]; rows: string[][] } | null {
  const cells = (
    (
      record.manifest as {
        cells?: { dataset: string; model: string; seed: number; chosen?: boolean; info?: Record<string, unknown> }[];
      }
    ).cells ?? []
  ).filter(
    (c) =>
      c.dataset === dataset &&
      c.chosen !== false &&
      c.info &&
      typeof c.info.params === 'object' &&
      c.info.params !== null,
  );
  if (cells.length === 0) return null;
  const rows = cells.map((c) => {
    const info = c.info!;
    const params = info.params as Record<string, number>;
    const se = (info.se ?? info.stdErrors ?? {}) as Record<string, number>;
    const text = Object.entries(params)
      .filter(([, v]) => typeof v === 'number')
      .map(([k, v]) => `${k} ${fmt(v)} (${fmt(se[k])})`)
      .join(', ');
    const boundary = info.boundary ?? info.atBoundary ?? info.limit;
    return [c.model, String(c.seed), text, boundary === undefined ? '–' : String(boundary)];
  });
  return { header: ['model', 'seed', 'parameters (standard error)', 'at boundary'], rows };
}

/** Per-segment normalized Gini: one row per (segmentation, segment), one column per model. */
export function segmentTable(record: BenchRecord, dataset: string): { header: string[]; rows: string[][] } | null {
  const segs = record.metrics.segments.filter((s) => s.dataset === dataset);
  if (segs.length === 0) return null;
  const models = leaderboard(record, dataset).map((l) => l.model);
  const keys = [...new Map(segs.map((s) => [`${s.segmentation}\u0000${s.segment}`, s])).values()];
  const header = ['segmentation', 'segment', 'n', ...models];
  const rows = keys.map((k) => [
    k.segmentation,
    k.segment,
    String(k.n),
    ...models.map((m) =>
      fmt(
        segs.find((s) => s.model === m && s.segmentation === k.segmentation && s.segment === k.segment)?.metrics
          .normalized_gini,
      ),
    ),
  ]);
  return { header, rows };
}

/**
 * "How to read this": what the intervals cover, seeds and tuning budget, the primary comparison
 * and the multiplicity correction, planted synthetic signals, undated-graph rows, decile MAPE.
 */
export function readingNotes(record: BenchRecord): string[] {
  const m = record.manifest as Record<string, unknown>;
  const seeds = ((m.seeds ?? []) as number[]).length;
  const protocol = (m.protocol ?? {}) as Record<string, unknown>;
  const tuning = (protocol.tuning ?? {}) as { trials?: number; halving?: number };
  const alpha = record.metrics.alpha ?? 0.05;
  const notes: string[] = [];
  if (seeds <= 1 && (tuning.trials ?? 1) <= 1)
    notes.push(
      'Quick look: 1 seed, no tuning. Use `--seeds 5 --tune 8` (`npm run bench:full`) for the reviewed protocol.',
    );
  notes.push(
    seeds > 1
      ? `Intervals cover customers, splits and training: each of the ${seeds} seeds re-draws the train/valid/test partition and the model randomness; aggregate rows and Δs are the mean over seeds with the corrected resampled t-test of Nadeau & Bengio (2003): var = (1/k + n_test/n_train)·s², ${seeds - 1} df.`
      : String(protocol.intervals ?? '').includes('cluster')
        ? "Intervals resample the synthetic generator's communities (95% percentile cluster bootstrap, 1,000 resamples; customers on real data): one seed says nothing about split or training variance."
        : 'Intervals cover test-customer sampling only (95% percentile bootstrap, 1,000 resamples): one seed says nothing about split or training variance.',
  );
  const halving =
    (tuning.halving ?? 1) > 1 && tuning.trials
      ? ` with successive halving (all ${tuning.trials} on 1/${tuning.halving} of the train and early-stopping valid folds, the best ${Math.ceil(tuning.trials / tuning.halving!)} on all of it)`
      : '';
  notes.push(
    `Tuning: ${(tuning.trials ?? 1) > 1 ? `${tuning.trials} trials per tunable family and seed (the default, then seeded random draws)${halving}, trained on train, chosen on the valid fold by normalized Gini` : 'none; every model runs its defaults'}. The test fold is sealed: models see no event after the cutoff and no test label.`,
  );
  notes.push(
    `Primary comparison (one per dataset, fixed on the valid fold before scoring): the best sequence model vs the best non-sequence model, tested at alpha ${alpha}. Every other difference is marked * only when its Holm-adjusted p < ${alpha}, adjusted over the differences of its own table (the leaderboard's Δ column, the sequence-contribution table, the full comparison table). With one seed, p comes from the paired bootstrap's standard error (normal approximation).`,
  );
  const datasets = (m.datasets ?? []) as {
    id: string;
    generator?: unknown;
    graph?: { future_information?: boolean; source?: string };
  }[];
  if (datasets.some((d) => d.generator))
    notes.push(
      "Synthetic data has planted signals (a purchase-intent sequence and a social multiplier; see data/synthetic/README.md): it shows whether a model can recover what was planted, not how much real data rewards it. The oracle row is the generator's own expectation.",
    );
  for (const d of datasets) {
    if (d.graph?.future_information)
      notes.push(
        `${d.id}: the +social rows use an UNDATED graph (${d.graph.source ?? 'edge file'}) collected after the data: they use future information and are not comparable to the other rows.`,
      );
  }
  notes.push(
    'Decile MAPE averages |predicted − actual| / actual over the deciles (by predicted value) whose actual mean is > 0; the leaderboard says how many of the 10 entered it (the fewest over seeds).',
  );
  return notes;
}

/** Key facts of the manifest as label/value pairs. */
export function manifestSummary(record: BenchRecord): [string, string][] {
  const m = record.manifest as Record<string, Record<string, unknown> | unknown>;
  const code = (m.code ?? {}) as Record<string, unknown>;
  const rt = (m.runtime ?? {}) as Record<string, unknown>;
  const hw = (m.hardware ?? {}) as Record<string, unknown>;
  const run = (m.run ?? {}) as Record<string, unknown>;
  const ds = ((m.datasets ?? []) as Record<string, unknown>[])
    .map((d) => `${d.id} (${d.value_target}, ${String(d.source_hash).slice(0, 19)}…)`)
    .join('; ');
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
    [
      'run',
      `${(Number(run.wall_ms) / 1000).toFixed(1)} s wall, ${run.cells_run} cells run, ${run.cells_reused} reused, peak RSS ${gib(run.peak_rss_bytes)}`,
    ],
  ];
}

/** Decision metrics per model (decision-results.ts): profit at best k, budget capture, short vs main horizon, Δ profit vs the best baseline. */
export function decisionTable(
  record: BenchRecord,
  dataset: string,
): { header: string[]; rows: string[][]; note: string } | null {
  const d = record.metrics.decisions;
  if (!d) return null;
  const rows = d.rows.filter((r) => r.dataset === dataset && r.seed === 'mean');
  if (rows.length === 0) return null;
  const best = record.metrics.best_baseline[dataset];
  rows.sort((a, b) => b.bestProfit - a.bestProfit || a.model.localeCompare(b.model));
  const out = rows.map((r) => {
    const delta = d.deltas.find((x) => x.dataset === dataset && x.model === r.model);
    const dText =
      r.model === best
        ? 'best baseline (valid)'
        : delta
          ? `${delta.difference >= 0 ? '+' : ''}${fmt(delta.difference)} [${fmt(delta.lower)}, ${fmt(delta.upper)}]${delta.p < 0.05 ? ' *' : ''}`
          : '–';
    return [
      r.model,
      `${Math.round(r.bestK * 100)}%`,
      fmt(r.bestProfit),
      fmt(r.profitAt10),
      fmt(r.budgetShare),
      fmt(r.shortGini),
      fmt(r.longGini),
      dText,
    ];
  });
  const s = d.settings;
  const cost = rows[0].contactCost;
  const note =
    `Contact the top k% of test customers by each model; profit = ${s.margin} × their holdout value − ${fmt(cost)} per contact ` +
    `(${s.contactCostShare} × the train fold's mean holdout value). Budget = contacting ${Math.round(s.budgetShare * 100)}% of the test customers. ` +
    `Short horizon = ${s.shortFraction} of the main one. Δ = paired bootstrap (1 seed) or corrected resampled t (seeds) of best-k profit; * = p < 0.05, not multiplicity-corrected.`;
  return {
    header: [
      'model',
      'best k',
      'profit at best k',
      'profit at 10%',
      'budget: value captured',
      'Gini, short horizon',
      'Gini, main horizon',
      'Δ best-k profit vs best baseline',
    ],
    rows: out,
    note,
  };
}

interface TreeInfo {
  importance?: { feature: string; meanAbsShap: number }[];
  why?: { customer: string; predicted: number; contributions: string }[];
  rules?: string;
}

/** The first seed's chosen cell info of every tree model (gbdt, forests, two-stage) of a dataset. */
export function treeInfos(record: BenchRecord, dataset: string): { model: string; info: TreeInfo }[] {
  const cells = (
    (
      record.manifest as {
        cells?: { dataset: string; model: string; seed: number; chosen?: boolean; info?: TreeInfo }[];
      }
    ).cells ?? []
  )
    .filter((c) => c.dataset === dataset && c.chosen !== false && Array.isArray(c.info?.importance))
    .sort((a, b) => a.seed - b.seed);
  const seen = new Set<string>();
  return cells
    .filter((c) => (seen.has(c.model) ? false : (seen.add(c.model), true)))
    .map((c) => ({ model: c.model, info: c.info! }));
}

/** "Why this customer": the ten highest predicted test customers of a tree model and their top-5 TreeSHAP contributions. */
export function whyTable(info: TreeInfo): { header: string[]; rows: string[][] } | null {
  if (!info.why?.length) return null;
  return {
    header: ['customer', 'predicted value', 'top contributions (feature = value (SHAP, margin scale))'],
    rows: info.why.map((w) => [w.customer, fmt(w.predicted), w.contributions]),
  };
}

/** Do the embeddings carry more than RFM? Probe Gini/AUC and look-alike lift, embedding vs RFM (embedding-results.ts). */
export function embeddingTable(record: BenchRecord, dataset: string): { header: string[]; rows: string[][] } | null {
  const rows = (record.metrics.embeddings ?? []).filter((r) => r.dataset === dataset);
  if (rows.length === 0) return null;
  return {
    header: [
      'model',
      'dim',
      'probe Gini (value)',
      'RFM probe Gini',
      'probe AUC (repurchase)',
      'RFM probe AUC',
      'look-alike lift [95% CI]',
      'RFM look-alike lift',
    ],
    rows: rows.map((r) => [
      r.model,
      String(r.dim),
      fmt(r.probeGini),
      fmt(r.rfmProbeGini),
      fmt(r.probeAuc),
      fmt(r.rfmProbeAuc),
      `${fmt(r.lift)} [${fmt(r.liftLower)}, ${fmt(r.liftUpper)}]`,
      fmt(r.rfmLift),
    ]),
  };
}

/** Lifecycle-stage transitions from the cutoff (rows) to the end of the holdout (columns): counts and row shares. */
export function transitionTable(
  record: BenchRecord,
  dataset: string,
  which: 'lifecycle_stage' | 'rfm_segment' = 'lifecycle_stage',
): { header: string[]; rows: string[][] } | null {
  const t = record.metrics.transitions?.find((x) => x.dataset === dataset)?.[which];
  if (!t) return null;
  const L = t.labels.length;
  const rows: string[][] = [];
  for (let i = 0; i < L; i++) {
    const total = t.counts.slice(i * L, i * L + L).reduce((a, b) => a + b, 0);
    if (total === 0) continue;
    rows.push([
      t.labels[i],
      String(total),
      ...t.labels.map((_, j) =>
        t.counts[i * L + j] === 0 ? '' : `${t.counts[i * L + j]} (${Math.round((100 * t.counts[i * L + j]) / total)}%)`,
      ),
    ]);
  }
  return { header: ['at the cutoff ↓ / end of holdout →', 'customers', ...t.labels], rows };
}

const POLICY_LABELS: Readonly<Record<string, string>> = {
  'clv-best-baseline': 'CLV targeting (best baseline)',
  'clv-best-sequence': 'CLV targeting (best sequence model)',
  't-learner': 'uplift: T-learner',
  random: 'random',
  'oracle-uplift': 'oracle uplift (true)',
};

/** A policy's label with its model: 'CLV targeting (best baseline): gbdt'. */
export function policyLabel(policy: string, model: string | null): string {
  return `${POLICY_LABELS[policy] ?? policy}${model ? `: ${model}` : ''}`;
}

const estimate = (e: { value: number; lower: number; upper: number }): string =>
  `${fmt(e.value)} [${fmt(e.lower)}, ${fmt(e.upper)}]`;

/**
 * The synthetic campaign (campaign-results.ts): per targeting policy and seed (then the mean over
 * seeds) the Qini coefficient and the incremental profit at each k with 95% intervals, and each
 * policy's Δ against CLV targeting by the best baseline (* = p < 0.05, not multiplicity-corrected).
 */
export function campaignTable(
  record: BenchRecord,
  dataset: string,
): { header: string[]; rows: string[][]; deltaHeader: string[]; deltaRows: string[][]; note: string } | null {
  const c = record.metrics.campaign;
  const all = c?.rows.filter((r) => r.dataset === dataset) ?? [];
  const means = all.filter((r) => r.seed === 'mean');
  if (!c || means.length === 0) return null;
  const ks = c.settings.ks,
    pct = (k: number): string => `${Math.round(k * 100)}%`;
  const seedText = (seed: number | 'mean'): string =>
    seed === 'mean' ? `mean (${means[0].interval === 'nadeau-bengio' ? 'corrected t' : 'bootstrap'})` : String(seed);
  const ordered = means.flatMap((m) => [...all.filter((r) => r.policy === m.policy && r.seed !== 'mean'), m]);
  const header = [
    'policy',
    'seed',
    'Qini coefficient [95% CI]',
    ...ks.map((k) => `incremental profit, top ${pct(k)} [95% CI]`),
  ];
  const rows = ordered.map((r) => [
    policyLabel(r.policy, r.model),
    seedText(r.seed),
    estimate(r.qini),
    ...r.profit.map(estimate),
  ]);
  const metrics = ['qini', ...ks.map((k) => `profit@${k}`)];
  const deltaRows = ordered
    .filter((r) => r.policy !== 'clv-best-baseline')
    .map((r) => [
      policyLabel(r.policy, r.model),
      seedText(r.seed),
      ...metrics.map((m) => {
        const d = c.deltas.find(
          (x) => x.dataset === dataset && x.policy === r.policy && x.metric === m && x.seed === r.seed,
        );
        return d
          ? `${d.difference >= 0 ? '+' : ''}${estimate({ value: d.difference, lower: d.lower, upper: d.upper })}${d.p < 0.05 ? ' *' : ''}`
          : '–';
      }),
    ]);
  const costs = all
    .filter((r) => r.seed !== 'mean' && r.policy === means[0].policy)
    .map((r) => fmt(r.contactCost))
    .join(', ');
  const note =
    `The generator ran a randomized campaign at the cutoff (half the customers treated; lapsing customers respond most, see packages/synth). ` +
    `Each policy ranks the test customers (${means[0].n} per seed); outcome = observed holdout value. Qini coefficient = area under the Qini curve − the random line's. ` +
    `Incremental profit of treating the top k = ${c.settings.margin} × k·n·(mean treated − mean control value among them) − the contact cost per treated customer ` +
    `(${costs} by seed: the break-even cost, the train fold's treated − control difference in mean holdout value). T-learner: ${c.settings.tLearnerModel} fitted on treated and on control train customers ` +
    `(sealed: no test label), uplift = the difference. Intervals: per seed, percentile bootstrap over its test customers (${c.settings.resamples} resamples; Δ paired on the same resamples); ` +
    `mean over seeds with the corrected resampled t. Δ: against CLV targeting by the best baseline on the same customers; * = p < 0.05, not multiplicity-corrected.`;
  return {
    header,
    rows,
    deltaHeader: ['policy', 'seed', 'Δ Qini coefficient', ...ks.map((k) => `Δ incremental profit, top ${pct(k)}`)],
    deltaRows,
    note,
  };
}
