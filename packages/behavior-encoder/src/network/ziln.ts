// Zero-inflated lognormal (ZILN) head and loss: Wang, Liu & Miao 2019, "A Deep Probabilistic
// Model for Customer Lifetime Value Prediction" (arXiv:1912.07753), §3.2:
//   p = sigmoid(logit),  σ = softplus(σ̃) (floored),  y ~ (1−p)·δ0 + p·LogNormal(μ, σ)
//   loss = BCE(1[y>0], logit) + 1[y>0]·(−log LogNormal(y; μ, σ))          (eq. 2–3)
//   −log LogNormal(y; μ, σ) = log y + log σ + ½ log 2π + (log y − μ)² / (2σ²)
//   E[y] = p · exp(μ + σ²/2);  repurchase score = p.
// Both terms are averaged over the batch, as in the paper's reference implementation.
import * as tf from '@tensorflow/tfjs';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
/** σ floor (the reference implementation uses √ε of Keras' 1e-7). */
const SIGMA_MIN = Math.sqrt(1e-7);
/** Cap on μ + σ²/2 so exp() stays finite in float32. */
const MAX_LOG_MEAN = 60;

function parts(out: tf.Tensor2D): [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D] {
  const [logit, mu, s] = tf.unstack(out, 1) as tf.Tensor1D[];
  return [logit, mu, tf.maximum(tf.softplus(s), SIGMA_MIN)];
}

/** ZILN loss (scalar, batch mean) for head output [B, 3] = (logit, μ, σ̃) and targets y ≥ 0 [B]. */
export function zilnLoss(out: tf.Tensor2D, y: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const [logit, mu, sigma] = parts(out);
    const positive = tf.cast(tf.greater(y, 0), 'float32');
    // Stable BCE with logits: max(x,0) − x·z + log(1 + e^{−|x|}).
    const bce = tf.mean(
      tf.add(tf.sub(tf.relu(logit), tf.mul(logit, positive)), tf.log1p(tf.exp(tf.neg(tf.abs(logit))))),
    );
    const logY = tf.log(tf.add(tf.mul(y, positive), tf.sub(1, positive)));
    const z = tf.div(tf.sub(logY, mu), sigma);
    const nll = tf.add(tf.add(logY, tf.log(sigma)), tf.add(tf.mul(tf.square(z), 0.5), HALF_LOG_2PI));
    return tf.add(bce, tf.mean(tf.mul(positive, nll))) as tf.Scalar;
  });
}

/** Expected value p·exp(μ + σ²/2) and repurchase probability p from head output [B, 3]. */
export function zilnPredict(out: tf.Tensor2D): { value: tf.Tensor1D; probability: tf.Tensor1D } {
  return tf.tidy(() => {
    const [logit, mu, sigma] = parts(out);
    const p = tf.sigmoid(logit);
    const logMean = tf.minimum(tf.add(mu, tf.mul(tf.square(sigma), 0.5)), MAX_LOG_MEAN);
    return { value: tf.mul(p, tf.exp(logMean)), probability: p };
  });
}

/** Inverse softplus, for initialising σ̃ so that σ starts at a given value. */
export function softplusInverse(x: number): number {
  return x > 20 ? x : Math.log(Math.expm1(x));
}
