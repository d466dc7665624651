// Typed encoder configuration (docs/architecture.md §Models): a frozen default with a reason per
// field, named presets as a data table, unknown keys rejected, and the fully resolved config
// returned so it can be stored with every result. Overrides are resolved by core's
// resolveOptions with coercion (values may be `--set k=v` strings).
import { resolveOptions } from '@clvlab/core';

export type Architecture = 'transformer' | 'session-transformer' | 'gru' | 'none';
export type SessionMixer = 'attention' | 'gru';

export const DEFAULT_ENCODER_CONFIG = Object.freeze({
  /** Sequence model: flat BST-like transformer, DSIN-like session transformer, GRU baseline, or `none` (`ziln-mlp`: the head on the static inputs alone, the ablation that isolates what the sequence adds). */
  architecture: 'transformer' as Architecture,
  /** L: last events per customer before the feature cutoff; cost grows with L. Chosen by `clvlab bench --tune 8 --halving 4 --seeds 2` on the VALID fold of the development dataset (synthetic, generator seed 1000; results/dev-tune-s1000), which is never reported: the two best trials both had L = 32 (64 was no better and ~2× slower). */
  maxEvents: 32,
  /** Sessions kept by `session-transformer` (most recent first); S × E = L keeps cost equal to the flat model. */
  maxSessions: 8,
  /** Events kept per session by `session-transformer` (most recent ones); S × E = 32 = L. */
  eventsPerSession: 4,
  /** Model width d. Chosen by `clvlab bench --tune 8 --halving 4 --seeds 2` on the VALID fold of the development dataset (synthetic, generator seed 1000; results/dev-tune-s1000), which is never reported: the best trials had d = 32 (mean valid Gini 0.649 / 0.646 on a quarter of train vs 0.615 for the old d = 64, lr 2e-3), and d = 32 with lr 6.2e-4 and head 64 also helps the other layouts there (gru 0.669 → 0.671, session-transformer 0.658 → 0.680). */
  dModel: 32,
  /** Attention heads (d must divide by it); head width 16. */
  heads: 4,
  /** Pre-norm transformer blocks (flat model; per level for the session model). Chosen by `clvlab bench --tune 8 --halving 4 --seeds 2` on the VALID fold of the development dataset (synthetic, generator seed 1000; results/dev-tune-s1000), which is never reported: the best trials had one block; two cost twice per step for no gain. */
  blocks: 1,
  /** Feed-forward width as a multiple of d (4 as in Vaswani et al. 2017). */
  ffnMultiplier: 4,
  /** How `session-transformer` mixes session vectors: attention (DSIN uses a Bi-LSTM; attention is cheaper here) or gru. */
  sessionMixer: 'attention' as SessionMixer,
  /** Hashed item buckets: item ids are many and sparse; collisions cost less than a huge table. */
  itemBuckets: 1024,
  /** Hashed category buckets. */
  categoryBuckets: 128,
  /** Log time-gap buckets (gap to the previous event, seconds to a year on a log scale). */
  gapBuckets: 16,
  /** Log age buckets (time from event to the feature cutoff): recency drives CLV. */
  ageBuckets: 16,
  /** Clip for the position inside a session. */
  maxSessionPosition: 32,
  /** Clip for the session index counted from the most recent session (DSIN-style bias). */
  maxSessionIndex: 32,
  /** Hidden width of the ZILN head's MLP. Chosen by `clvlab bench --tune 8 --halving 4 --seeds 2` on the VALID fold of the development dataset (synthetic, generator seed 1000; results/dev-tune-s1000), which is never reported: 64 (best trial; 32 the runner-up). */
  headHidden: 64,
  /** Feed the whole-history summary (recency, frequency, monetary, tenure) into the head, as BST concatenates its "other features" (Chen et al. 2019, §2): the last L events may span only weeks, so without it the model cannot see a year of frequency (`useRfm: false` is the ablation, `+rfm` forces it on, `ziln-mlp` is the summary without the sequence). Not tuned: the head's inputs define the model compared, and `transformer:useRfm=false` is the ablation row. */
  useRfm: true,
  /** Feed the task's social-graph features into the head (`+social`). */
  useSocial: false,
  /** Maximum epochs; early stopping usually ends sooner. */
  epochs: 20,
  /** Customers per step: 128 × L = 4096 tokens per step fills the matMul kernels and amortises per-op overhead. */
  batchSize: 128,
  /** Peak Adam learning rate (after warm-up). Chosen by `clvlab bench --tune 8 --halving 4 --seeds 2` on the VALID fold of the development dataset (synthetic, generator seed 1000; results/dev-tune-s1000), which is never reported: the best trials peaked at 6.2e-4 and 7.3e-4; 2e-3 was worse. */
  learningRate: 6.2e-4,
  /** Linear warm-up steps (stabilises attention early on). */
  warmupSteps: 30,
  /** Cosine decay floor as a fraction of the peak learning rate. */
  minLearningRateFraction: 0.1,
  /** Adam β1, β2, ε (Kingma & Ba 2015 defaults). */
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  /** Global gradient-norm clip (Pascanu et al. 2013); ZILN's σ gradient can spike early. */
  clipNorm: 1,
  /** Epochs without a better valid loss before stopping. */
  patience: 3,
  /** Data-parallel gradient threads (worker_threads, each with its own backend); 1 = this thread only. 2 uses both cores of a 2-core machine and pays only when a core is free: perf suite, default transformer on wasm, 125 → 76 ms/step (10.5 → 17.3 GFLOP/s) with a core free, no gain (137 vs 137 ms) while another job held ~1.5 cores. Kept at 1 because the benchmark already runs one cell per core, and predictions differ from 1 worker at float rounding; `clvlab train` passes one per core (a lone run). */
  workers: 1,
  /** Initial weight scale (std of the normal init, scaled by 1/√fan-in for dense layers). */
  initScale: 1,
});

type Widen<T> = T extends number ? number : T extends boolean ? boolean : T;
export type EncoderConfig = {
  -readonly [K in keyof typeof DEFAULT_ENCODER_CONFIG]: Widen<(typeof DEFAULT_ENCODER_CONFIG)[K]>;
};

/** Named presets: data, not code. Each entry overrides the defaults. */
export const ENCODER_PRESETS: Readonly<Record<string, Readonly<Partial<EncoderConfig>>>> = Object.freeze({
  transformer: Object.freeze({ architecture: 'transformer' as Architecture }),
  'session-transformer': Object.freeze({ architecture: 'session-transformer' as Architecture }),
  gru: Object.freeze({ architecture: 'gru' as Architecture }),
  // ziln-mlp's head and trainer, tuned for it alone on the same dev valid fold (best trial on both splits: mean 0.645 vs 0.634 at the shared defaults).
  'ziln-mlp': Object.freeze({
    architecture: 'none' as Architecture,
    batchSize: 64,
    headHidden: 16,
    learningRate: 1.7e-3,
  }),
  tiny: Object.freeze({
    dModel: 16,
    heads: 2,
    blocks: 1,
    maxEvents: 16,
    maxSessions: 4,
    eventsPerSession: 4,
    itemBuckets: 64,
    categoryBuckets: 16,
    headHidden: 8,
    epochs: 3,
    batchSize: 16,
  }),
});

const ENUMS: Readonly<Record<string, readonly string[]>> = {
  architecture: ['transformer', 'session-transformer', 'gru', 'none'],
  sessionMixer: ['attention', 'gru'],
};
const POSITIVE_INTS = [
  'maxEvents',
  'maxSessions',
  'eventsPerSession',
  'dModel',
  'heads',
  'blocks',
  'ffnMultiplier',
  'itemBuckets',
  'categoryBuckets',
  'gapBuckets',
  'ageBuckets',
  'maxSessionPosition',
  'maxSessionIndex',
  'headHidden',
  'epochs',
  'batchSize',
  'workers',
];

/**
 * Resolves a config: defaults ← preset ← overrides. Values may be strings (from `--set k=v`).
 * Unknown keys, wrong types and out-of-range values throw.
 */
export function resolveEncoderConfig(
  preset?: string,
  overrides: Readonly<Record<string, unknown>> = {},
): Readonly<EncoderConfig> {
  let defaults: Readonly<Record<string, unknown>> = DEFAULT_ENCODER_CONFIG;
  if (preset !== undefined) {
    const p = ENCODER_PRESETS[preset];
    if (p === undefined)
      throw new Error(
        `behavior-encoder/config: unknown preset '${preset}' (expected ${Object.keys(ENCODER_PRESETS).join(', ')})`,
      );
    defaults = { ...DEFAULT_ENCODER_CONFIG, ...p };
  }
  const base = resolveOptions('behavior-encoder/config', defaults, overrides, { coerce: true });
  for (const [key, allowed] of Object.entries(ENUMS)) {
    if (!allowed.includes(base[key] as string))
      throw new Error(
        `behavior-encoder/config: '${key}' must be one of ${allowed.join(', ')}, got '${String(base[key])}'`,
      );
  }
  for (const key of POSITIVE_INTS) {
    const v = base[key] as number;
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`behavior-encoder/config: '${key}' must be an integer ≥ 1, got ${v}`);
  }
  const c = base as Readonly<EncoderConfig>;
  if (c.dModel % c.heads !== 0)
    throw new Error(`behavior-encoder/config: dModel (${c.dModel}) must be divisible by heads (${c.heads})`);
  if (!(c.learningRate > 0) || !(c.clipNorm > 0))
    throw new Error('behavior-encoder/config: learningRate and clipNorm must be > 0');
  if (c.architecture === 'none' && !c.useRfm && !c.useSocial) {
    throw new Error(
      "behavior-encoder/config: architecture 'none' (ziln-mlp) has no sequence, so it needs static inputs: useRfm or useSocial (+social)",
    );
  }
  return Object.freeze(c);
}

/** Parses `k=v` assignments (CLI `--set`) into an overrides object. */
export function parseConfigAssignments(assignments: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of assignments) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new Error(`behavior-encoder/config: expected key=value, got '${a}'`);
    out[a.slice(0, eq).trim()] = a.slice(eq + 1).trim();
  }
  return out;
}

/** Keys only the sequence reads: without one (architecture `none`, `ziln-mlp`) they have no effect. */
export const SEQUENCE_CONFIG_KEYS: readonly (keyof EncoderConfig)[] = Object.freeze([
  'architecture',
  'maxEvents',
  'maxSessions',
  'eventsPerSession',
  'dModel',
  'heads',
  'blocks',
  'ffnMultiplier',
  'sessionMixer',
  'itemBuckets',
  'categoryBuckets',
  'gapBuckets',
  'ageBuckets',
  'maxSessionPosition',
  'maxSessionIndex',
] as const);

/** Sequence length of the token grid: L for flat models, S × E for the session model, 0 without a sequence. */
export function tokenGridLength(c: Readonly<EncoderConfig>): number {
  if (c.architecture === 'none') return 0;
  return c.architecture === 'session-transformer' ? c.maxSessions * c.eventsPerSession : c.maxEvents;
}

/** Width of the customer embedding (the pooled sequence vector): d, or 0 without a sequence. */
export function embeddingDim(c: Readonly<EncoderConfig>): number {
  return c.architecture === 'none' ? 0 : c.dModel;
}
