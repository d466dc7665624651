// The behavior encoders as benchmark models (packages/sessions model-task.ts `BenchModel`):
// train on split.fit (train fold, early stopping on valid), predict every cohort customer
// from events before split.score.featureEnd. `+social` feeds task.graph into the head.
import type { BenchModel, ModelOutput, ModelTask } from '@clvlab/sessions';
import { initBackend, type BackendPreference } from './backend.ts';
import { resolveEncoderConfig, type EncoderConfig } from './encoder-config.ts';
import { predictEncoder } from './predict-encoder.ts';
import { trainEncoder } from './train-encoder.ts';

export const ENCODER_MODEL_NAMES = Object.freeze([
  'transformer', 'session-transformer', 'gru', 'transformer+social', 'session-transformer+social', 'gru+social',
] as const);
export type EncoderModelName = (typeof ENCODER_MODEL_NAMES)[number];

export interface EncoderModelOptions {
  /** Backend to run on; `auto` keeps one chosen earlier, else tensorflow → wasm → cpu. */
  readonly backend: BackendPreference;
}

/** A benchmark model for `name` (architecture preset, optional `+social`/`+rfm` flags) with config overrides. */
export function createEncoderModel(name: EncoderModelName | string, config: Readonly<Partial<EncoderConfig>> = {}, options: Partial<EncoderModelOptions> = {}): BenchModel {
  const [base, ...flags] = name.split('+');
  if (!['transformer', 'session-transformer', 'gru'].includes(base)) {
    throw new Error(`behavior-encoder/encoder-model: unknown model '${name}' (expected ${ENCODER_MODEL_NAMES.join(', ')})`);
  }
  const flagged: Record<string, unknown> = {};
  for (const f of flags) {
    if (f === 'social') flagged['useSocial'] = true;
    else if (f === 'rfm') flagged['useRfm'] = true;
    else throw new Error(`behavior-encoder/encoder-model: unknown flag '+${f}' in '${name}' (expected +social or +rfm)`);
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
        embedding: { dim: pred.dim, data: pred.embedding },
        info: Object.freeze({ ...trained.info, backend, predictMs: Math.round(performance.now() - started), embeddingDim: pred.dim }),
      });
    },
  });
}
