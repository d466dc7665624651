// Training loop for the sequence encoders: seeded init and shuffling, Adam with warm-up and
// cosine decay, global-norm clipping, early stopping on the valid fold's ZILN loss (best
// weights restored), a NaN guard, progress per epoch, and one host read per epoch (losses are
// summed on the device). Trains on split.fit labels of the train fold (DESIGN §3).
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@clvlab/events';
import { Fold, type ModelTask } from '@clvlab/sessions';
import { AdamOptimizer } from './adam-optimizer.ts';
import { backendInfo } from './backend.ts';
import { batchArrays, disposeBatch, makeBatch, makeLabels } from './batch-tensors.ts';
import { ParallelGradients } from './parallel-gradients.ts';
import type { EncoderConfig } from './encoder-config.ts';
import { encoderForward, encoderParamShapes } from './encoder-network.ts';
import { initEncoderWeights, tensorsToWeights, weightsToVariables, type EncoderWeights } from './encoder-weights.ts';
import { hashEventLog } from './dataset-hash.ts';
import { buildSequenceInputs } from './sequence-inputs.ts';
import { buildStaticFeatures, columnStats, standardize } from './static-features.ts';
import { zilnLoss } from './ziln.ts';

export interface TrainedEncoder {
  readonly config: Readonly<EncoderConfig>;
  readonly weights: EncoderWeights;
  /** Static input names and the standardisation fitted on the training window. */
  readonly staticNames: readonly string[];
  readonly staticMean: Float32Array;
  readonly staticStd: Float32Array;
  /** Hash of the event log the model was trained on. */
  readonly datasetHash: string;
  /** Backend, epochs, timings, losses, resolved config. */
  readonly info: Readonly<Record<string, unknown>>;
}

function foldRows(fold: Uint8Array, which: number): Int32Array {
  const out: number[] = [];
  fold.forEach((f, i) => { if (f === which) out.push(i); });
  return Int32Array.from(out);
}

/** Trains an encoder on `task` (train fold of split.fit, early stopping on the valid fold). */
export async function trainEncoder(task: ModelTask, c: Readonly<EncoderConfig>): Promise<TrainedEncoder> {
  const started = performance.now();
  const featureEnd = task.split.fit.featureEnd;
  const inputs = buildSequenceInputs(task, featureEnd, c);
  const raw = buildStaticFeatures(task, featureEnd, c);
  const k = raw.names.length;
  const stats = columnStats(raw.values, k);
  const staticValues = standardize(Float32Array.from(raw.values), stats.mean, stats.std);
  const trainRows = foldRows(task.split.fold, Fold.train), validRows = foldRows(task.split.fold, Fold.valid);
  if (trainRows.length === 0) throw new Error('behavior-encoder/train: the train fold is empty');
  const target = task.split.fit.target;
  for (const r of [...trainRows, ...validRows]) {
    if (!Number.isFinite(target[r])) throw new Error(`behavior-encoder/train: target of customer '${task.log.customerIds[task.split.customers[r]]}' is ${target[r]} (expected a finite value ≥ 0)`);
  }
  let pos = 0, s1 = 0, s2 = 0;
  for (const r of trainRows) if (target[r] > 0) { pos++; const l = Math.log(target[r]); s1 += l; s2 += l * l; }
  const logMean = pos > 0 ? s1 / pos : 0;
  const head = { positiveRate: pos / trainRows.length, logMean, logStd: pos > 1 ? Math.sqrt(Math.max(0, s2 / pos - logMean * logMean)) : 1 };
  const vars = weightsToVariables(initEncoderWeights(encoderParamShapes(c, k), c, task.seed, head));
  const names = Object.keys(vars);
  const varList = names.map((n) => vars[n]);
  const stepsPerEpoch = Math.ceil(trainRows.length / c.batchSize);
  const opt = new AdamOptimizer(varList, { ...c, totalSteps: c.epochs * stepsPerEpoch });
  let engine: ParallelGradients | undefined;
  const rng = createRng(task.seed, 0x5417);
  const order = Int32Array.from(trainRows);
  let best: tf.Tensor[] | undefined;
  let bestLoss = Infinity, bestEpoch = 0, bad = 0, epochsRun = 0, steps = 0;
  const history: { epoch: number; train: number; valid: number }[] = [];
  const lossOf = (rows: Int32Array, from: number, to: number): tf.Scalar => {
    const batch = makeBatch(inputs, staticValues, k, rows, from, to);
    const y = makeLabels(target, rows, from, to);
    try {
      return tf.tidy(() => tf.mul(zilnLoss(encoderForward(vars, batch, c).out, y), to - from) as tf.Scalar);
    } finally { disposeBatch(batch); y.dispose(); }
  };
  try {
    engine = await ParallelGradients.create(varList, names, c, c.workers, backendInfo().name);
    for (let epoch = 1; epoch <= c.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) { const j = rng.int(i + 1); const t = order[i]; order[i] = order[j]; order[j] = t; }
      const losses: tf.Tensor[] = [];
      for (let from = 0; from < order.length; from += c.batchSize) {
        const to = Math.min(order.length, from + c.batchSize);
        const { lossSum, grad } = await engine.lossAndGrads(batchArrays(inputs, staticValues, k, order, from, to, target));
        opt.applyFlat(grad);
        grad.dispose();
        losses.push(lossSum);
        steps++;
      }
      const trainLoss = sumAndDispose(losses) / order.length;
      const validLosses: tf.Tensor[] = [];
      for (let from = 0; from < validRows.length; from += c.batchSize) validLosses.push(lossOf(validRows, from, Math.min(validRows.length, from + c.batchSize)));
      const validLoss = validRows.length > 0 ? sumAndDispose(validLosses) / validRows.length : trainLoss;
      epochsRun = epoch;
      if (!Number.isFinite(trainLoss) || !Number.isFinite(validLoss)) {
        throw new Error(`behavior-encoder/train: loss is ${trainLoss} (train) / ${validLoss} (valid) at epoch ${epoch}; training diverged — lower learningRate (${c.learningRate}) or check the inputs for extreme values`);
      }
      history.push({ epoch, train: trainLoss, valid: validLoss });
      if (validLoss < bestLoss - 1e-6) {
        bestLoss = validLoss; bestEpoch = epoch; bad = 0;
        if (best !== undefined) tf.dispose(best);
        best = varList.map((v) => tf.clone(v));
      } else bad++;
      task.progress?.(epoch / c.epochs, `epoch ${epoch}/${c.epochs} train ${trainLoss.toFixed(4)} valid ${validLoss.toFixed(4)}`);
      await new Promise((r) => setImmediate(r));
      if (bad >= c.patience) break;
    }
    const finalTensors: Record<string, tf.Tensor> = {};
    names.forEach((n, i) => { finalTensors[n] = best !== undefined ? best[i] : varList[i]; });
    const weights = tensorsToWeights(finalTensors);
    const trainMs = performance.now() - started;
    const info = Object.freeze({
      backend: backendInfo(), epochs: epochsRun, bestEpoch, steps, trainMs: Math.round(trainMs), bestValidLoss: bestLoss,
      tokensPerSecond: Math.round((steps * c.batchSize * inputs.length) / (trainMs / 1000)), trainCustomers: trainRows.length,
      validCustomers: validRows.length, sequenceLength: inputs.length, history, config: c,
    });
    return Object.freeze({ config: c, weights, staticNames: raw.names, staticMean: stats.mean, staticStd: stats.std, datasetHash: hashEventLog(task.log), info });
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
  total.dispose(); tf.dispose(ts);
  return v;
}
