// Training loop for the sequence encoders: seeded init and shuffling, Adam with warm-up and
// cosine decay, global-norm clipping, early stopping on the valid fold's ZILN loss (best
// weights restored), a NaN guard, progress per epoch, and one host read per epoch (losses are
// summed on the device). Trains on split.fit labels of the train fold
// (docs/architecture.md §Evaluation split); the head's initial bias comes from the train rows'
// labels only, and every random draw (init, shuffling) from the seed alone — never from the
// data's hash — so a sealed task's test fold cannot reach the model. `ziln-mlp` (architecture
// `none`) runs this same loop without a sequence. The loop reads a BatchSource (batch-source.ts):
// the in-memory token grid (`trainEncoder`) or the block stream over a prepared Zarr store
// (`trainEncoderFromStore`, zarr-batch-stream.ts).
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@clvlab/core';
import type { ModelTask } from '@clvlab/sessions';
import { AdamOptimizer } from './adam-optimizer.ts';
import { backendInfo } from '../adapters/backend.ts';
import { memoryBatchSource, type BatchSource } from '../data/batch-source.ts';
import { disposeBatch, tensorsFromArrays, type BatchArrays } from '../data/batch-tensors.ts';
import { ParallelGradients } from './parallel-gradients.ts';
import type { EncoderConfig } from '../adapters/encoder-config.ts';
import { encoderForward, encoderParamShapes } from '../network/encoder-network.ts';
import {
  initEncoderWeights,
  tensorsToWeights,
  weightsToVariables,
  type EncoderWeights,
} from '../network/encoder-weights.ts';
import { ZarrBatchStream, type BatchStreamOptions } from '../data/zarr-batch-stream.ts';
import { zilnLoss } from '../network/ziln.ts';

export interface TrainedEncoder {
  readonly config: Readonly<EncoderConfig>;
  readonly weights: EncoderWeights;
  /** Static input names and the standardisation fitted on the train fold's rows of the fit window. */
  readonly staticNames: readonly string[];
  readonly staticMean: Float32Array;
  readonly staticStd: Float32Array;
  /** Hash of the event log the model was trained on (a record of the data, never a seed). */
  readonly datasetHash: string;
  /** Backend, epochs, timings, losses, resolved config. */
  readonly info: Readonly<Record<string, unknown>>;
}

/** Trains an encoder on `task` (train fold of split.fit, early stopping on the valid fold), from its token grid in memory. */
export async function trainEncoder(task: ModelTask, c: Readonly<EncoderConfig>): Promise<TrainedEncoder> {
  const started = performance.now();
  return trainFromSource(memoryBatchSource(task, c), c, task.seed, task.progress, started);
}

/** Options of `trainEncoderFromStore`: the seed (init and shuffling), progress, and the stream's block and window sizes. */
export interface StoreTrainingOptions extends Partial<BatchStreamOptions> {
  readonly seed: number;
  readonly progress?: (fraction: number, message: string) => void;
}

/**
 * Trains an encoder on the prepared dataset at `path` (train fold of the fit window, early
 * stopping on the valid fold), streaming blocks of customers from the Zarr store.
 */
export async function trainEncoderFromStore(
  path: string,
  c: Readonly<EncoderConfig>,
  options: StoreTrainingOptions,
): Promise<TrainedEncoder> {
  const started = performance.now();
  const { seed, progress, ...stream } = options;
  return trainFromSource(await ZarrBatchStream.open(path, c, stream), c, seed, progress, started);
}

/**
 * The training loop over any batch source (batch-source.ts): seeded init and shuffle stream,
 * one optimizer step per training batch, the valid loss after each epoch. `started` (default:
 * now) is when preparing the source began, so trainMs counts it.
 */
export async function trainFromSource(
  source: BatchSource,
  c: Readonly<EncoderConfig>,
  seed: number,
  progress?: (fraction: number, message: string) => void,
  started: number = performance.now(),
): Promise<TrainedEncoder> {
  const k = source.staticNames.length;
  const trainTargets = source.trainTargets,
    trainCount = trainTargets.length,
    validCount = source.validCount;
  if (trainCount === 0) throw new Error('behavior-encoder/train: the train fold is empty');
  let pos = 0,
    s1 = 0,
    s2 = 0;
  for (const y of trainTargets)
    if (y > 0) {
      pos++;
      const l = Math.log(y);
      s1 += l;
      s2 += l * l;
    }
  const logMean = pos > 0 ? s1 / pos : 0;
  const head = {
    positiveRate: pos / trainCount,
    logMean,
    logStd: pos > 1 ? Math.sqrt(Math.max(0, s2 / pos - logMean * logMean)) : 1,
  };
  const vars = weightsToVariables(initEncoderWeights(encoderParamShapes(c, k), c, seed, head));
  const names = Object.keys(vars);
  const varList = names.map((n) => vars[n]);
  const stepsPerEpoch = Math.ceil(trainCount / c.batchSize);
  const opt = new AdamOptimizer(varList, { ...c, totalSteps: c.epochs * stepsPerEpoch });
  let engine: ParallelGradients | undefined;
  const rng = createRng(seed, 0x5417);
  let best: tf.Tensor[] | undefined;
  let bestLoss = Infinity,
    bestEpoch = 0,
    bad = 0,
    epochsRun = 0,
    steps = 0;
  const history: { epoch: number; train: number; valid: number }[] = [];
  const lossOf = (a: BatchArrays): tf.Scalar => {
    const batch = tensorsFromArrays(a);
    const y = tf.tensor1d(a.y);
    try {
      return tf.tidy(() => tf.mul(zilnLoss(encoderForward(vars, batch, c).out, y), a.rows) as tf.Scalar);
    } finally {
      disposeBatch(batch);
      y.dispose();
    }
  };
  try {
    engine = await ParallelGradients.create(varList, names, c, c.workers, backendInfo().name);
    for (let epoch = 1; epoch <= c.epochs; epoch++) {
      const losses: tf.Tensor[] = [];
      for await (const batch of source.trainBatches(rng, c.batchSize)) {
        const { lossSum, grad } = await engine.lossAndGrads(batch);
        opt.applyFlat(grad);
        grad.dispose();
        losses.push(lossSum);
        steps++;
      }
      const trainLoss = sumAndDispose(losses) / trainCount;
      const validLosses: tf.Tensor[] = [];
      for await (const batch of source.validBatches(c.batchSize)) validLosses.push(lossOf(batch));
      const validLoss = validCount > 0 ? sumAndDispose(validLosses) / validCount : trainLoss;
      epochsRun = epoch;
      if (!Number.isFinite(trainLoss) || !Number.isFinite(validLoss)) {
        throw new Error(
          `behavior-encoder/train: loss is ${trainLoss} (train) / ${validLoss} (valid) at epoch ${epoch}; training diverged — lower learningRate (${c.learningRate}) or check the inputs for extreme values`,
        );
      }
      history.push({ epoch, train: trainLoss, valid: validLoss });
      if (validLoss < bestLoss - 1e-6) {
        bestLoss = validLoss;
        bestEpoch = epoch;
        bad = 0;
        if (best !== undefined) tf.dispose(best);
        best = varList.map((v) => tf.clone(v));
      } else bad++;
      progress?.(
        epoch / c.epochs,
        `epoch ${epoch}/${c.epochs} train ${trainLoss.toFixed(4)} valid ${validLoss.toFixed(4)}`,
      );
      await new Promise((r) => setImmediate(r));
      if (bad >= c.patience) break;
    }
    const finalTensors: Record<string, tf.Tensor> = {};
    names.forEach((n, i) => {
      finalTensors[n] = best !== undefined ? best[i] : varList[i];
    });
    const weights = tensorsToWeights(finalTensors);
    const trainMs = performance.now() - started;
    const info = Object.freeze({
      backend: backendInfo(),
      epochs: epochsRun,
      bestEpoch,
      steps,
      trainMs: Math.round(trainMs),
      bestValidLoss: bestLoss,
      tokensPerSecond: Math.round((steps * c.batchSize * source.sequenceLength) / (trainMs / 1000)),
      trainCustomers: trainCount,
      validCustomers: validCount,
      sequenceLength: source.sequenceLength,
      history,
      ...source.info(),
      config: c,
    });
    return Object.freeze({
      config: c,
      weights,
      staticNames: source.staticNames,
      staticMean: source.staticMean,
      staticStd: source.staticStd,
      datasetHash: source.datasetHash,
      info,
    });
  } finally {
    await engine?.dispose();
    if (best !== undefined) tf.dispose(best);
    opt.dispose();
    tf.dispose(varList);
  }
}

function sumAndDispose(ts: tf.Tensor[]): number {
  if (ts.length === 0) return 0;
  const total = tf.addN(ts);
  const v = total.dataSync()[0];
  total.dispose();
  tf.dispose(ts);
  return v;
}
