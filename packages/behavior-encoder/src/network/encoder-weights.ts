// Seeded weight initialisation and host-side weight storage. Weights live on the host as
// Float32Arrays between training and prediction, so a trained model can be saved, loaded and
// run on any backend (tensors are re-created on the active backend).
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@clvlab/core';
import type { EncoderConfig } from '../adapters/encoder-config.ts';
import { softplusInverse } from './ziln.ts';
import { tokenFieldSizes } from '../data/sequence-inputs.ts';

export interface WeightArray {
  readonly shape: readonly number[];
  readonly values: Float32Array;
}
export type EncoderWeights = Readonly<Record<string, WeightArray>>;

/** Target statistics used to start the ZILN head near the data (p = positive rate, μ, σ of log y). */
export interface HeadInit {
  readonly positiveRate: number;
  readonly logMean: number;
  readonly logStd: number;
}

/**
 * Initial weights: layer-norm gains 1, biases 0, dense weights N(0, scale²/fan-in) (LeCun
 * normal), embeddings N(0, 1/F) so the summed token starts with unit variance; the head's
 * output bias starts at (logit p, mean log y, softplus⁻¹ std log y). Names are visited sorted,
 * so the same seed gives the same weights whatever the object order.
 */
export function initEncoderWeights(
  shapes: Record<string, number[]>,
  c: Readonly<EncoderConfig>,
  seed: number,
  head: HeadInit,
): EncoderWeights {
  const rng = createRng(seed, 0x5eed);
  const out: Record<string, WeightArray> = {};
  const F = tokenFieldSizes(c).length;
  for (const name of Object.keys(shapes).sort()) {
    const shape = shapes[name];
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    if (name.endsWith('.g')) values.fill(1);
    else if (name === 'head.out.b') {
      const p = Math.min(0.99, Math.max(0.01, head.positiveRate));
      values.set([Math.log(p / (1 - p)), head.logMean, softplusInverse(Math.max(0.05, head.logStd))]);
    } else if (!name.endsWith('.b')) {
      const std =
        name === 'table.emb'
          ? 1 / Math.sqrt(F)
          : name === 'sess.pos' || name === 'amt.w'
            ? 0.1
            : c.initScale / Math.sqrt(shape[0]);
      for (let i = 0; i < size; i++) values[i] = rng.normal() * std;
      if (name === 'head.out.w') values.fill(0); // start at the data's marginal distribution
    }
    out[name] = Object.freeze({ shape: Object.freeze([...shape]), values });
  }
  return Object.freeze(out);
}

let variableCounter = 0;

/** Creates trainable variables (sorted by name) from host weights (names made unique: tfjs variables share one registry). */
export function weightsToVariables(w: EncoderWeights): Record<string, tf.Variable> {
  const out: Record<string, tf.Variable> = {};
  for (const name of Object.keys(w).sort()) {
    const init = tf.tensor(w[name].values, [...w[name].shape], 'float32');
    out[name] = tf.variable(init, true, `enc/${name}/${variableCounter++}`);
    init.dispose(); // the variable holds its own reference to the data
  }
  return out;
}

/** Reads tensors back to host weights. */
export function tensorsToWeights(t: Readonly<Record<string, tf.Tensor>>): EncoderWeights {
  const out: Record<string, WeightArray> = {};
  for (const name of Object.keys(t).sort())
    out[name] = Object.freeze({
      shape: Object.freeze([...t[name].shape]),
      values: new Float32Array(t[name].dataSync()),
    });
  return Object.freeze(out);
}
