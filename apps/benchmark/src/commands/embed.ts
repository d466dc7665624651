// `clvlab embed` (docs/architecture.md §CLI): load a trained encoder and write the cohort's customer embeddings
// [customers × D] (plus ids and ZILN predictions) as a Zarr v3 group readable from Python. The
// prepared dataset is streamed a block of customers at a time (predictEncoderFromStore).
import { existsSync } from 'node:fs';
import { hashStoreEventLog, initBackend, loadEncoder, writeEmbeddingsFromStore } from '@clvlab/behavior-encoder';
import { CliError, type Command } from '../command.ts';
import { asCliError } from '../cli-input.ts';
import { backendOption, blockCustomersOption } from './train.ts';

export const command: Command = {
  name: 'embed',
  summary: 'Write customer embeddings of a trained encoder for a prepared dataset (Zarr [customers × D]).',
  usage:
    'embed --model MODEL_DIR --dataset DS.zarr [--backend auto|wasm|cpu|tensorflow] [--block-customers N] --out EMB.zarr',
  options: {
    model: { type: 'string' },
    dataset: { type: 'string' },
    backend: { type: 'string' },
    'block-customers': { type: 'string' },
    out: { type: 'string' },
  },
  async run(values, _positionals, ctx) {
    const modelDir = typeof values.model === 'string' ? values.model : undefined;
    const dataset = typeof values.dataset === 'string' ? values.dataset : undefined;
    const out = typeof values.out === 'string' ? values.out : undefined;
    if (!modelDir) throw new CliError('--model MODEL_DIR is required');
    if (!dataset) throw new CliError('--dataset DS.zarr is required');
    if (!out) throw new CliError('--out EMB.zarr is required');
    const blockCustomers = blockCustomersOption(values);
    try {
      if (!existsSync(dataset)) throw new CliError(`${dataset}: no such dataset`);
      const backend = await initBackend(backendOption(values));
      const trained = await loadEncoder(modelDir);
      const hash = await hashStoreEventLog(dataset);
      if (hash !== trained.datasetHash)
        ctx.log(`embed: note: the model was trained on dataset ${trained.datasetHash}, this is ${hash}`);
      const summary = await writeEmbeddingsFromStore(
        out,
        trained,
        dataset,
        { source_model: modelDir, dataset },
        { blockCustomers },
      );
      if (!ctx.json) ctx.log(`embedded ${summary.customers} customers × ${summary.dim} -> ${out}`);
      return { ...summary, model: modelDir, dataset, backend, sameDataset: hash === trained.datasetHash };
    } catch (err) {
      throw asCliError(err);
    }
  },
};
