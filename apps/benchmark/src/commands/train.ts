// `clvlab train` (docs/architecture.md §CLI): train a behavior encoder on a prepared dataset (train fold of the
// fit window, early stopping on valid) and save it as a model directory (weights + resolved
// config + dataset hash), written atomically. Batches are streamed from the Zarr store a block
// of customers at a time (behavior-encoder zarr-batch-stream.ts), so memory follows the block
// and shuffle-window sizes, not the event log; the JSON reports the block size and the most
// events one block read held. Gradients use one data-parallel worker per core unless
// `--set workers=N` says otherwise.
import { existsSync } from 'node:fs';
import {
  DEFAULT_BATCH_STREAM,
  initBackend,
  parseConfigAssignments,
  resolveEncoderConfig,
  saveEncoder,
  trainEncoderFromStore,
  type BackendPreference,
} from '@clvlab/behavior-encoder';
import { poolSize } from '@clvlab/core/node';
import { CliError, type Command, type OptionValues } from '../command.ts';
import { asCliError, intOption } from '../cli-input.ts';

const MODELS = ['transformer', 'session-transformer', 'gru'];
const BACKENDS = ['auto', 'wasm', 'cpu', 'tensorflow'];

/** `--backend` value, checked. */
export function backendOption(values: OptionValues): BackendPreference {
  const b = String(values.backend ?? 'auto');
  if (!BACKENDS.includes(b)) throw new CliError(`--backend: expected one of ${BACKENDS.join(', ')}, got '${b}'`);
  return b as BackendPreference;
}

/** `--block-customers N` (customers per block read from the store), checked; the library default when absent. */
export function blockCustomersOption(values: OptionValues): number {
  return intOption(values, 'block-customers', { min: 1 }) ?? DEFAULT_BATCH_STREAM.blockCustomers;
}

export const command: Command = {
  name: 'train',
  summary: 'Train a behavior encoder (transformer, session-transformer, gru) on a prepared dataset and save it.',
  usage:
    'train --dataset DS.zarr --model transformer|session-transformer|gru [--set k=v ..] [--seed N] [--backend auto|wasm|cpu|tensorflow] ' +
    `[--block-customers N (${DEFAULT_BATCH_STREAM.blockCustomers})] [--shuffle-blocks N (${DEFAULT_BATCH_STREAM.shuffleBlocks})] --out MODEL_DIR`,
  options: {
    dataset: { type: 'string' },
    model: { type: 'string' },
    set: { type: 'string', multiple: true },
    seed: { type: 'string' },
    backend: { type: 'string' },
    out: { type: 'string' },
    'block-customers': { type: 'string' },
    'shuffle-blocks': { type: 'string' },
  },
  async run(values, _positionals, ctx) {
    const dataset = typeof values.dataset === 'string' ? values.dataset : undefined;
    const out = typeof values.out === 'string' ? values.out : undefined;
    const model = String(values.model ?? 'transformer');
    if (!dataset) throw new CliError('--dataset DS.zarr is required');
    if (!out) throw new CliError('--out MODEL_DIR is required');
    if (!MODELS.includes(model)) throw new CliError(`--model: expected one of ${MODELS.join(', ')}, got '${model}'`);
    const seed = intOption(values, 'seed') ?? 1;
    const blockCustomers = blockCustomersOption(values);
    const shuffleBlocks = intOption(values, 'shuffle-blocks', { min: 1 }) ?? DEFAULT_BATCH_STREAM.shuffleBlocks;
    const sets = Array.isArray(values.set) ? values.set : typeof values.set === 'string' ? [values.set] : [];
    try {
      // A lone training run gets every core (data-parallel gradient workers; the perf suite's
      // wasm+2workers row is this setting). `--set workers=1` keeps one thread; the benchmark
      // keeps 1 per cell because it already runs one cell per core.
      const assigned = parseConfigAssignments(sets);
      const config = resolveEncoderConfig(model, { workers: poolSize(0), ...assigned });
      if (!existsSync(dataset)) throw new CliError(`${dataset}: no such dataset`);
      const backend = await initBackend(backendOption(values));
      ctx.log(
        `train: ${model} on ${dataset} with ${backend.name} ${backend.version}, streaming blocks of ${blockCustomers} customers`,
      );
      const trained = await trainEncoderFromStore(dataset, config, {
        seed,
        blockCustomers,
        shuffleBlocks,
        progress: (_f, m) => ctx.log(`train: ${m}`),
      });
      await saveEncoder(out, trained);
      const info = trained.info;
      const result = {
        model,
        out,
        backend,
        seed,
        dataset,
        datasetHash: trained.datasetHash,
        epochs: info['epochs'],
        bestEpoch: info['bestEpoch'],
        trainMs: info['trainMs'],
        bestValidLoss: info['bestValidLoss'],
        tokensPerSecond: info['tokensPerSecond'],
        trainCustomers: info['trainCustomers'],
        validCustomers: info['validCustomers'],
        stream: info['stream'],
        config,
      };
      if (!ctx.json)
        ctx.log(`trained ${model}: ${String(info['epochs'])} epochs in ${String(info['trainMs'])} ms -> ${out}`);
      return result;
    } catch (err) {
      throw asCliError(err);
    }
  },
};
