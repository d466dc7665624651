// Save/load a trained encoder as a directory: `model.json` (format, resolved config, static
// input standardisation, dataset hash, training info, weight manifest) and `weights.bin`
// (float32 little-endian, concatenated in manifest order). The directory is written under a
// temporary name and renamed into place (core's replaceDirAtomic), so a reader never sees a
// half-written model.
import { readFile, writeFile } from 'node:fs/promises';
import { replaceDirAtomic } from '@clvlab/core/node';
import { resolveEncoderConfig } from './encoder-config.ts';
import type { EncoderWeights, WeightArray } from '../network/encoder-weights.ts';
import type { TrainedEncoder } from '../training/train-encoder.ts';

// Format 2: item/category tokens are buckets of the id-string hash (sequence-inputs.ts
// `idHashes`); a format-1 model was trained on buckets of dictionary indices and is refused.
const FORMAT = 'clvlab-behavior-encoder/2';

interface ModelJson {
  format: string;
  config: Record<string, unknown>;
  staticNames: string[];
  staticMean: number[];
  staticStd: number[];
  datasetHash: string;
  info: Record<string, unknown>;
  weights: { name: string; shape: number[]; offset: number; length: number }[];
}

/** Writes `trained` to `dir` atomically (replacing an existing model there). */
export async function saveEncoder(dir: string, trained: TrainedEncoder): Promise<void> {
  const names = Object.keys(trained.weights).sort();
  const total = names.reduce((a, n) => a + trained.weights[n].values.length, 0);
  const all = new Float32Array(total);
  const manifest: ModelJson['weights'] = [];
  let offset = 0;
  for (const n of names) {
    const w = trained.weights[n];
    all.set(w.values, offset);
    manifest.push({ name: n, shape: [...w.shape], offset, length: w.values.length });
    offset += w.values.length;
  }
  const json: ModelJson = {
    format: FORMAT,
    config: { ...trained.config },
    staticNames: [...trained.staticNames],
    staticMean: Array.from(trained.staticMean),
    staticStd: Array.from(trained.staticStd),
    datasetHash: trained.datasetHash,
    info: { ...trained.info },
    weights: manifest,
  };
  await replaceDirAtomic(dir, async (tmp) => {
    // Float32Array is little-endian on every platform Node runs on (x86, arm64).
    await writeFile(`${tmp}/weights.bin`, new Uint8Array(all.buffer, all.byteOffset, all.byteLength));
    await writeFile(`${tmp}/model.json`, JSON.stringify(json, null, 1));
  });
}

/** Reads a model written by `saveEncoder`; the config is re-validated (unknown keys are an error). */
export async function loadEncoder(dir: string): Promise<TrainedEncoder> {
  let json: ModelJson;
  try {
    json = JSON.parse(await readFile(`${dir}/model.json`, 'utf8')) as ModelJson;
  } catch (e) {
    throw new Error(`behavior-encoder/save-encoder: ${dir}/model.json: cannot read a model (${(e as Error).message})`);
  }
  if (json.format !== FORMAT)
    throw new Error(`behavior-encoder/save-encoder: ${dir}/model.json: format '${json.format}', expected '${FORMAT}'`);
  const config = resolveEncoderConfig(undefined, json.config);
  const buf = await readFile(`${dir}/weights.bin`);
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const weights: Record<string, WeightArray> = {};
  for (const w of json.weights) {
    if (w.offset + w.length > all.length)
      throw new Error(
        `behavior-encoder/save-encoder: ${dir}/weights.bin is truncated (weight '${w.name}' needs ${w.offset + w.length} floats, file has ${all.length})`,
      );
    weights[w.name] = Object.freeze({
      shape: Object.freeze(w.shape),
      values: all.slice(w.offset, w.offset + w.length),
    });
  }
  return Object.freeze({
    config,
    weights: Object.freeze(weights) as EncoderWeights,
    staticNames: Object.freeze(json.staticNames),
    staticMean: Float32Array.from(json.staticMean),
    staticStd: Float32Array.from(json.staticStd),
    datasetHash: json.datasetHash,
    info: Object.freeze(json.info),
  });
}
