// Adam (Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1) with the
// bias corrections folded into the step size, global-norm gradient clipping (Pascanu et al.
// 2013, eq. 7) and a linear warm-up + cosine decay schedule (Loshchilov & Hutter 2017, SGDR
// eq. 5 without restarts). Hand-written rather than tf.train.adam so the learning rate can
// change per step and the clipping scale stays on the device (no host round-trip per step).
import * as tf from '@tensorflow/tfjs';

export interface AdamSettings {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly clipNorm: number;
  readonly warmupSteps: number;
  readonly minLearningRateFraction: number;
  readonly totalSteps: number;
}

/** Learning rate at step s (0-based): linear warm-up, then cosine decay to the floor. */
export function scheduledLearningRate(s: AdamSettings, step: number): number {
  const warm = Math.min(1, (step + 1) / Math.max(1, s.warmupSteps));
  const span = Math.max(1, s.totalSteps - s.warmupSteps);
  const progress = Math.min(1, Math.max(0, step - s.warmupSteps) / span);
  const decay = s.minLearningRateFraction + (1 - s.minLearningRateFraction) * 0.5 * (1 + Math.cos(Math.PI * progress));
  return s.learningRate * warm * decay;
}

/**
 * Adam over all parameters at once: gradients are concatenated into one flat vector, so the
 * clipping norm and the moment updates are ~12 kernels per step instead of ~13 per parameter
 * (per-kernel dispatch dominates at this model size), then split back per parameter.
 */
export class AdamOptimizer {
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  private readonly sizes: number[];
  private step = 0;

  constructor(private readonly vars: readonly tf.Variable[], private readonly s: AdamSettings) {
    this.sizes = vars.map((x) => x.size);
    const total = this.sizes.reduce((a, b) => a + b, 0);
    this.m = tf.tidy(() => tf.variable(tf.zeros([total]), false));
    this.v = tf.tidy(() => tf.variable(tf.zeros([total]), false));
  }

  /** Applies one update from gradients aligned with the variables. */
  apply(grads: readonly tf.Tensor[]): void {
    const flat = tf.tidy(() => tf.concat(grads.map((g) => tf.reshape(g, [-1]))));
    this.applyFlat(flat as tf.Tensor1D);
    flat.dispose();
  }

  /** Applies one update from one flat gradient (variables' values concatenated in order). */
  applyFlat(flat: tf.Tensor1D): void {
    const t = ++this.step;
    const lr = scheduledLearningRate(this.s, t - 1) * Math.sqrt(1 - this.s.beta2 ** t) / (1 - this.s.beta1 ** t);
    const { beta1, beta2, epsilon, clipNorm } = this.s;
    tf.tidy(() => {
      const norm = tf.sqrt(tf.sum(tf.square(flat)));
      const g = tf.mul(flat, tf.div(clipNorm, tf.maximum(norm, clipNorm)));
      const m = tf.add(tf.mul(this.m, beta1), tf.mul(g, 1 - beta1));
      const v = tf.add(tf.mul(this.v, beta2), tf.mul(tf.square(g), 1 - beta2));
      this.m.assign(m);
      this.v.assign(v);
      const update = tf.split(tf.mul(tf.div(m, tf.add(tf.sqrt(v), epsilon)), lr), this.sizes);
      this.vars.forEach((x, i) => x.assign(tf.sub(x, tf.reshape(update[i], x.shape))));
    });
  }

  dispose(): void {
    this.m.dispose();
    this.v.dispose();
  }
}
