// `clvlab embed` (DESIGN §6): load a trained encoder and write the cohort's customer embeddings
// [customers × D] (plus ids and ZILN predictions) as a Zarr v3 group readable from Python.
import { hashEventLog, initBackend, loadEncoder, writeEmbeddings } from '@clvlab/behavior-encoder';
import { readPreparedDataset } from '@clvlab/sessions';
import { CliError, type Command } from '../command.ts';
import { asCliError } from '../cli-input.ts';
import { backendOption } from './train.ts';

export const command: Command = {
  name: 'embed',
  summary: 'Write customer embeddings of a trained encoder for a prepared dataset (Zarr [customers × D]).',
  usage: 'embed --model MODEL_DIR --dataset DS.zarr [--backend auto|wasm|cpu|tensorflow] --out EMB.zarr',
  options: { model: { type: 'string' }, dataset: { type: 'string' }, backend: { type: 'string' }, out: { type: 'string' } },
  async run(values, _positionals, ctx) {
    const modelDir = typeof values.model === 'string' ? values.model : undefined;
    const dataset = typeof values.dataset === 'string' ? values.dataset : undefined;
    const out = typeof values.out === 'string' ? values.out : undefined;
    if (!modelDir) throw new CliError('--model MODEL_DIR is required');
    if (!dataset) throw new CliError('--dataset DS.zarr is required');
    if (!out) throw new CliError('--out EMB.zarr is required');
    try {
      const backend = await initBackend(backendOption(values));
      const trained = await loadEncoder(modelDir);
      const ds = await readPreparedDataset(dataset);
      const hash = hashEventLog(ds.log);
      if (hash !== trained.datasetHash) ctx.log(`embed: note: the model was trained on dataset ${trained.datasetHash}, this is ${hash}`);
      const summary = await writeEmbeddings(out, trained, { log: ds.log, session: ds.session, offsets: ds.offsets, split: ds.split, seed: 0 }, { source_model: modelDir, dataset });
      if (!ctx.json) ctx.log(`embedded ${summary.customers} customers × ${summary.dim} -> ${out}`);
      return { ...summary, model: modelDir, dataset, backend, sameDataset: hash === trained.datasetHash };
    } catch (err) {
      throw asCliError(err);
    }
  },
};
