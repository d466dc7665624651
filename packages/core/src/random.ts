// Seeded randomness shared by every package (split hashing, synthetic data, bootstrap,
// shuffling, pivot sampling), so that the same seed gives the same numbers everywhere.
// Hand-written rather than a library: the generators are a few lines, must be identical
// across packages and platforms, and sit in hot loops (one call per synthetic event).
//
// Generator: xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number
// generators"), seeded through splitmix32 so that nearby seeds give unrelated streams.

/** A seeded stream of pseudo-random numbers. */
export interface Rng {
  /** Uniform in [0, 1) with 32 random bits. */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Marsaglia polar method). */
  normal(): number;
  /** Gamma(shape, scale = 1) (Marsaglia & Tsang 2000; shape < 1 via the boosting trick). */
  gamma(shape: number): number;
  /** Exponential with rate 1. */
  exponential(): number;
  /** Poisson(mean) (inversion for small means, normal approximation above 500). */
  poisson(mean: number): number;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates an independent stream for `seed` (any integer; `stream` derives sub-streams). */
export function createRng(seed: number, stream = 0): Rng {
  const sm = splitmix32((seed >>> 0) ^ Math.imul(stream + 1, 0x27d4eb2d));
  let a = sm(),
    b = sm(),
    c = sm(),
    d = sm();
  if ((a | b | c | d) === 0) a = 1;
  const u32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const next = (): number => u32() / 4294967296;
  let spare = NaN;
  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = NaN;
      return s;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * next() - 1;
      v = 2 * next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * m;
    return u * m;
  };
  const gamma = (shape: number): number => {
    if (!(shape > 0)) throw new Error(`core/random: gamma shape must be > 0, got ${shape}`);
    if (shape < 1) return gamma(shape + 1) * Math.pow(1 - next(), 1 / shape);
    const d0 = shape - 1 / 3,
      c0 = 1 / Math.sqrt(9 * d0);
    for (;;) {
      let x: number, v: number;
      do {
        x = normal();
        v = 1 + c0 * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - next();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d0 * (1 - v + Math.log(v))) return d0 * v;
    }
  };
  const exponential = (): number => -Math.log(1 - next());
  const poisson = (mean: number): number => {
    if (mean <= 0) return 0;
    if (mean > 500) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
    const limit = Math.exp(-mean);
    let k = 0,
      p = next();
    while (p > limit) {
      k++;
      p *= next();
    }
    return k;
  };
  return { next, int: (n) => Math.floor(next() * n), normal, gamma, exponential, poisson };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * Seeded 32-bit hash of a string (FNV-1a, then a murmur3 finaliser for avalanche), used for
 * the train/valid/test split so a customer's fold depends only on its id and the seed.
 * Returns a float in [0, 1).
 */
export function hashUnit(id: string, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
