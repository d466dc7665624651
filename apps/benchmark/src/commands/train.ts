// `clvlab train` (DESIGN §6): train a behavior encoder on a prepared dataset (train fold of the
// fit window, early stopping on valid) and save it as a model directory (weights + resolved
// config + dataset hash), written atomically.
import { hashEventLog, initBackend, parseConfigAssignments, resolveEncoderConfig, saveEncoder, trainEncoder, type BackendPreference } from '@clvlab/behavior-encoder';
import { readPreparedDataset } from '@clvlab/sessions';
import { CliError, type Command, type OptionValues } from '../command.ts';
import { asCliError } from '../cli-input.ts';

const MODELS = ['transformer', 'session-transformer', 'gru'];
const BACKENDS = ['auto', 'wasm', 'cpu', 'tensorflow'];

/** `--backend` value, checked. */
export function backendOption(values: OptionValues): BackendPreference {
  const b = String(values.backend ?? 'auto');
  if (!BACKENDS.includes(b)) throw new CliError(`--backend: expected one of ${BACKENDS.join(', ')}, got '${b}'`);
  return b as BackendPreference;
}

export const command: Command = {
  name: 'train',
  summary: 'Train a behavior encoder (transformer, session-transformer, gru) on a prepared dataset and save it.',
  usage: 'train --dataset DS.zarr --model transformer|session-transformer|gru [--set k=v ..] [--seed N] [--backend auto|wasm|cpu|tensorflow] --out MODEL_DIR',
  options: {
    dataset: { type: 'string' }, model: { type: 'string' }, set: { type: 'string', multiple: true },
    seed: { type: 'string' }, backend: { type: 'string' }, out: { type: 'string' },
  },
  async run(values, _positionals, ctx) {
    const dataset = typeof values.dataset === 'string' ? values.dataset : undefined;
    const out = typeof values.out === 'string' ? values.out : undefined;
    const model = String(values.model ?? 'transformer');
    if (!dataset) throw new CliError('--dataset DS.zarr is required');
    if (!out) throw new CliError('--out MODEL_DIR is required');
    if (!MODELS.includes(model)) throw new CliError(`--model: expected one of ${MODELS.join(', ')}, got '${model}'`);
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isInteger(seed)) throw new CliError(`--seed: expected an integer, got '${String(values.seed)}'`);
    const sets = Array.isArray(values.set) ? values.set : typeof values.set === 'string' ? [values.set] : [];
    try {
      const config = resolveEncoderConfig(model, parseConfigAssignments(sets));
      const backend = await initBackend(backendOption(values));
      const ds = await readPreparedDataset(dataset);
      ctx.log(`train: ${model} on ${dataset} (${ds.split.customers.length} cohort customers) with ${backend.name} ${backend.version}`);
      const trained = await trainEncoder({ log: ds.log, session: ds.session, offsets: ds.offsets, split: ds.split, seed, progress: (_f, m) => ctx.log(`train: ${m}`) }, config);
      await saveEncoder(out, trained);
      const info = trained.info;
      const result = {
        model, out, backend, seed, dataset, datasetHash: trained.datasetHash || hashEventLog(ds.log), epochs: info['epochs'], bestEpoch: info['bestEpoch'],
        trainMs: info['trainMs'], bestValidLoss: info['bestValidLoss'], tokensPerSecond: info['tokensPerSecond'], config,
      };
      if (!ctx.json) ctx.log(`trained ${model}: ${String(info['epochs'])} epochs in ${String(info['trainMs'])} ms -> ${out}`);
      return result;
    } catch (err) {
      throw asCliError(err);
    }
  },
};
