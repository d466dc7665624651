// The stages of the scale suite (perf-scale.ts), in the order each size runs them, and what the
// parent process hands one size's child (perf-scale-child.ts).

/** Every baseline of the benchmark that runs on synthetic data (not the +cov ones: it has no customer attributes), each its own stage; gbdt has its own below. */
export const SCALE_BASELINES = Object.freeze([
  'historical-rate',
  'calibration-frequency',
  'rfm-segment',
  'rfm-linear',
  'rfm-linear+social',
  'bgnbd-gg',
  'pareto-nbd-gg',
  'bg-bb-gg',
  'decision-tree',
  'random-forest',
  'two-stage',
  'gbdt+social',
] as const);

/** The one encoder timed (the bench's default sequence model). */
export const SCALE_ENCODER = 'transformer';

export const SCALE_STAGES = Object.freeze([
  'generate',
  'ingest',
  'prepare',
  'features',
  'graph-features',
  'seal',
  ...SCALE_BASELINES,
  'gbdt',
  SCALE_ENCODER,
  'metrics-bootstrap',
  'record-report',
] as const);
export type ScaleStage = (typeof SCALE_STAGES)[number];

/** What every later stage reads: they run (and are reported) even when not asked for. */
export const PREREQUISITE_STAGES: readonly ScaleStage[] = Object.freeze(['generate', 'prepare', 'seal']);

/** One size's job, passed to the child as JSON in argv[2]. */
export interface ScaleJob {
  readonly customers: number;
  readonly stages: readonly ScaleStage[];
  readonly encoderEpochs: number;
  /** Above this many customers the encoder stage is skipped (its token grid is held in memory); null = no cap. */
  readonly encoderMaxCustomers: number | null;
  /** Where the ingest stage writes its CSV and the record stage its record (removed afterwards). */
  readonly workDir: string;
}

/** The figures of one stage (or why it did not run), as the child prints them. */
export interface StageRow {
  readonly stage: ScaleStage;
  readonly wall_s?: number;
  readonly cpu_s?: number;
  readonly peak_rss_mb?: number;
  readonly rss_start_mb?: number;
  readonly rss_end_mb?: number;
  /** Why the stage has no figures: skipped by a cap or an option, or the error that ended it. */
  readonly skipped?: string;
  readonly error?: string;
  /** Stage-specific facts (counts, sub-timings). */
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Lines of the child's stdout that carry a result start with this (libraries may print too). */
export const RESULT_PREFIX = '@clvlab-scale ';
