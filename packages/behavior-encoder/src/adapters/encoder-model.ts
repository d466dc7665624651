// The behavior encoders as benchmark models (packages/sessions model-task.ts `BenchModel`):
// train on split.fit (train fold, early stopping on valid), predict every cohort customer
// from events before split.score.featureEnd. `+social` feeds the graph features into the head
// (task.graphFit ?? task.graph for training, task.graph for prediction). `ziln-mlp` is the
// same head, static inputs and trainer without the sequence (architecture `none`): the
// ablation that isolates what the sequence adds. The task may be sealed: nothing here reads a
// test-fold label, and model randomness comes from task.seed alone.
import type { BenchModel, ModelOutput, ModelTask } from '@clvlab/sessions';
import { initBackend, type BackendPreference } from './backend.ts';
import { resolveEncoderConfig, SEQUENCE_CONFIG_KEYS } from './encoder-config.ts';
import { predictEncoder } from '../training/predict-encoder.ts';
import { trainEncoder } from '../training/train-encoder.ts';

export const ENCODER_MODEL_NAMES = Object.freeze([
  'transformer',
  'session-transformer',
  'gru',
  'transformer+social',
  'session-transformer+social',
  'gru+social',
  'ziln-mlp',
  'ziln-mlp+social',
] as const);
export type EncoderModelName = (typeof ENCODER_MODEL_NAMES)[number];

/** Base names (before any `+flag`): the presets of encoder-config.ts that are models. */
const BASES: readonly string[] = ['transformer', 'session-transformer', 'gru', 'ziln-mlp'];

export interface EncoderModelOptions {
  /** Backend to run on; `auto` keeps one chosen earlier, else tensorflow → wasm → cpu. */
  readonly backend: BackendPreference;
}

/**
 * A benchmark model for `name` (a base preset, optional `+social`/`+rfm` flags) with config
 * overrides (values may be strings, as from `--models name:k=v`). `ziln-mlp` refuses the keys
 * only a sequence reads (SEQUENCE_CONFIG_KEYS), which would silently do nothing.
 */
export function createEncoderModel(
  name: EncoderModelName | string,
  config: Readonly<Record<string, unknown>> = {},
  options: Partial<EncoderModelOptions> = {},
): BenchModel {
  const [base, ...flags] = name.split('+');
  if (!BASES.includes(base)) {
    throw new Error(
      `behavior-encoder/encoder-model: unknown model '${name}' (expected ${ENCODER_MODEL_NAMES.join(', ')})`,
    );
  }
  if (base === 'ziln-mlp') {
    const inert = Object.keys(config).filter((k) => (SEQUENCE_CONFIG_KEYS as readonly string[]).includes(k));
    if (inert.length > 0)
      throw new Error(
        `behavior-encoder/encoder-model: '${name}' has no sequence, so ${inert.map((k) => `'${k}'`).join(', ')} would have no effect`,
      );
  }
  const flagged: Record<string, unknown> = {};
  for (const f of flags) {
    if (f === 'social') flagged['useSocial'] = true;
    else if (f === 'rfm') flagged['useRfm'] = true;
    else
      throw new Error(`behavior-encoder/encoder-model: unknown flag '+${f}' in '${name}' (expected +social or +rfm)`);
  }
  const resolved = resolveEncoderConfig(base, { ...config, ...flagged });
  return Object.freeze({
    name,
    config: resolved as unknown as Readonly<Record<string, unknown>>,
    async run(task: ModelTask): Promise<ModelOutput> {
      const backend = await initBackend(options.backend ?? 'auto');
      const trained = await trainEncoder(task, resolved);
      const started = performance.now();
      const pred = predictEncoder(trained, task);
      return Object.freeze({
        value: pred.value,
        repurchase: pred.repurchase,
        ...(pred.dim > 0 ? { embedding: { dim: pred.dim, data: pred.embedding } } : {}),
        info: Object.freeze({
          ...trained.info,
          backend,
          predictMs: Math.round(performance.now() - started),
          embeddingDim: pred.dim,
        }),
      });
    },
  });
}
