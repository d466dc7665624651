// Seeded generators of the BTYD-family models' individual-level stories, shared by the
// parameter-recovery tests and benchmark/fit-scale-btyd-family.ts. Times are in weeks; with
// `dayGrid` purchase times are rounded up to whole days (as dated transactions are), which lets
// the fitters merge identical histories.
import { createRng } from '@clvlab/core';
import type { Rng } from '@clvlab/core';
import type { CovariateSets, DynamicCovariateHistories, DynamicCovariates } from '../src/index.ts';

type Histories = { frequency: number[]; recency: number[]; T: number[] };
const toDay = (t: number, dayGrid: boolean): number => (dayGrid ? Math.ceil(t * 7) / 7 : t);

/** MBG/NBD: λ ~ Gamma(r, α); p ~ Beta(a, b) flipped at time 0 and after every purchase; T uniform on whole days up to `weeks`. */
export function simulateMbgNbd(
  n: number,
  p: { r: number; alpha: number; a: number; b: number },
  seed: number,
  weeks = 39,
  dayGrid = false,
): Histories {
  const rng = createRng(seed, 41),
    out: Histories = { frequency: [], recency: [], T: [] };
  for (let i = 0; i < n; i++) {
    const lambda = rng.gamma(p.r) / p.alpha,
      g1 = rng.gamma(p.a),
      g2 = rng.gamma(p.b),
      drop = g1 / (g1 + g2);
    const T = Math.floor(rng.next() * weeks * 7) / 7;
    let t = 0,
      x = 0,
      tx = 0;
    if (rng.next() >= drop) {
      for (;;) {
        t += rng.exponential() / lambda;
        if (t > T) break;
        x++;
        tx = t;
        if (rng.next() < drop) break;
      }
    }
    out.frequency.push(x);
    out.recency.push(Math.min(T, toDay(tx, dayGrid)));
    out.T.push(T);
  }
  return out;
}

/** GGom/NBD: λ ~ Gamma(r, α) while alive; η ~ Gamma(s, β), Gompertz lifetime τ = ln(1 + E/η)/b, E ~ Exp(1); T uniform in [30, 80] (whole days with dayGrid). */
export function simulateGgomNbd(
  n: number,
  p: { r: number; alpha: number; b: number; s: number; beta: number },
  seed: number,
  dayGrid = false,
): Histories {
  const rng = createRng(seed, 15),
    out: Histories = { frequency: [], recency: [], T: [] };
  for (let i = 0; i < n; i++) {
    const lambda = rng.gamma(p.r) / p.alpha,
      eta = rng.gamma(p.s) / p.beta;
    const age = dayGrid ? Math.floor((30 + 50 * rng.next()) * 7) / 7 : 30 + 50 * rng.next();
    const alive = Math.min(age, Math.log1p(rng.exponential() / eta) / p.b);
    let t = 0,
      x = 0,
      last = 0;
    for (;;) {
      t += rng.exponential() / lambda;
      if (t > alive) break;
      x++;
      last = t;
    }
    out.frequency.push(x);
    out.recency.push(Math.min(age, toDay(last, dayGrid)));
    out.T.push(age);
  }
  return out;
}

/** z ~ Bernoulli(0.5) and w ~ N(0, 1) per customer: trans covariates (z, w), life covariate z. */
function staticCovariates(n: number): { draw: (rng: Rng, i: number) => { z: number; w: number }; sets: CovariateSets } {
  const tv = new Float64Array(2 * n),
    lv = new Float64Array(n);
  return {
    draw: (rng, i) => {
      const z = rng.next() < 0.5 ? 1 : 0,
        w = rng.normal();
      tv[2 * i] = z;
      tv[2 * i + 1] = w;
      lv[i] = z;
      return { z, w };
    },
    sets: { trans: { names: ['z', 'w'], values: tv, customers: n }, life: { names: ['z'], values: lv, customers: n } },
  };
}

/** BG/NBD with α_i = α e^{−γ_t·(z, w)} and a_i, b_i = (a, b) e^{γ_l·z}: z ~ Bernoulli(0.5), w ~ N(0, 1); T uniform in [26, 52]. */
export function simulateBgNbdCovariates(
  n: number,
  p: { r: number; alpha: number; a: number; b: number; trans: readonly number[]; life: readonly number[] },
  seed: number,
): { data: Histories; cov: CovariateSets } {
  const rng = createRng(seed, 21),
    data: Histories = { frequency: [], recency: [], T: [] },
    cov = staticCovariates(n);
  for (let i = 0; i < n; i++) {
    const { z, w } = cov.draw(rng, i);
    const ai = p.alpha * Math.exp(-(p.trans[0] * z + p.trans[1] * w)),
      sc = Math.exp(p.life[0] * z);
    const lambda = rng.gamma(p.r) / ai,
      g1 = rng.gamma(p.a * sc),
      g2 = rng.gamma(p.b * sc),
      drop = g1 / (g1 + g2);
    const T = 26 + 26 * rng.next();
    let t = 0,
      x = 0,
      tx = 0;
    for (;;) {
      t += rng.exponential() / lambda;
      if (t > T) break;
      x++;
      tx = t;
      if (rng.next() < drop) break;
    }
    data.frequency.push(x);
    data.recency.push(tx);
    data.T.push(T);
  }
  return { data, cov: cov.sets };
}

/** Pareto/NBD with α_i = α e^{−γ_t·(z, w)}, β_i = β e^{−γ_l·z}: z ~ Bernoulli(0.5), w ~ N(0, 1); exponential lifetimes; T uniform in [26, 52]. */
export function simulateParetoNbdCovariates(
  n: number,
  p: { r: number; alpha: number; s: number; beta: number; trans: readonly number[]; life: readonly number[] },
  seed: number,
): { data: Histories; cov: CovariateSets } {
  const rng = createRng(seed, 71),
    data: Histories = { frequency: [], recency: [], T: [] },
    cov = staticCovariates(n);
  for (let i = 0; i < n; i++) {
    const { z, w } = cov.draw(rng, i);
    const lambda = rng.gamma(p.r) / (p.alpha * Math.exp(-(p.trans[0] * z + p.trans[1] * w)));
    const mu = rng.gamma(p.s) / (p.beta * Math.exp(-p.life[0] * z));
    const T = 26 + 26 * rng.next(),
      alive = Math.min(T, rng.exponential() / mu);
    let t = 0,
      x = 0,
      tx = 0;
    for (;;) {
      t += rng.exponential() / lambda;
      if (t > alive) break;
      x++;
      tx = t;
    }
    data.frequency.push(x);
    data.recency.push(tx);
    data.T.push(T);
  }
  return { data, cov: cov.sets };
}

/**
 * Pareto/NBD customers with rates λ e^{γ_t·x(t)}, μ e^{γ_l·z(t)}: a calendar season dummy (the
 * first 4 of every 13 periods) on both processes plus a static 0/1 group on purchasing; first
 * purchases on whole days over the first `weeks`/3, calibration to `weeks`, periods of
 * `periodWeeks`. Purchases are a unit Poisson process in λ·A(t) time and death is where μ·C(ω)
 * reaches an Exp(1) draw (time change), walked period by period.
 */
export function simulateParetoNbdDynamic(
  n: number,
  p: { r: number; alpha: number; s: number; beta: number; season: number; group: number; seasonLife: number },
  seed: number,
  weeks = 78,
  periodWeeks = 1,
): { histories: DynamicCovariateHistories; covariates: DynamicCovariates } {
  const rng = createRng(seed, 31),
    P = Math.round(weeks / periodWeeks);
  const season = (m: number): number => (m % 13 < 4 ? 1 : 0);
  const first: number[] = [],
    T: number[] = [],
    purchaseOffsets = [0],
    purchaseTimes: number[] = [];
  const tv = new Float64Array(n * P * 2),
    lv = new Float64Array(n * P);
  for (let i = 0; i < n; i++) {
    const f = Math.floor((weeks / 3) * rng.next() * 7) / 7,
      grp = rng.next() < 0.5 ? 1 : 0;
    for (let m = 0; m < P; m++) {
      tv[(i * P + m) * 2] = season(m);
      tv[(i * P + m) * 2 + 1] = grp;
      lv[i * P + m] = season(m);
    }
    const lambda = rng.gamma(p.r) / p.alpha,
      mu = rng.gamma(p.s) / p.beta;
    let nextBuy = rng.exponential(),
      death = rng.exponential(),
      t = f;
    while (t < weeks) {
      const m = Math.min(P - 1, Math.floor(t / periodWeeks + 1e-12)),
        end = Math.min((m + 1) * periodWeeks, weeks);
      const a = lambda * Math.exp(p.season * season(m) + p.group * grp),
        c = mu * Math.exp(p.seasonLife * season(m));
      const tDeath = t + death / c,
        tBuy = t + nextBuy / a;
      if (tDeath <= Math.min(end, tBuy)) break;
      if (tBuy <= end) {
        purchaseTimes.push(tBuy - f);
        death -= c * (tBuy - t);
        t = tBuy;
        nextBuy = rng.exponential();
        continue;
      }
      death -= c * (end - t);
      nextBuy -= a * (end - t);
      t = end;
    }
    first.push(f);
    T.push(weeks - f);
    purchaseOffsets.push(purchaseTimes.length);
  }
  return {
    histories: { first, T, purchaseOffsets, purchaseTimes },
    covariates: {
      boundaries: Array.from({ length: P + 1 }, (_, m) => m * periodWeeks),
      trans: { names: ['season', 'group'], values: tv },
      life: { names: ['season'], values: lv },
    },
  };
}

/** BG/BB over n opportunities: p ~ Beta(α, β) purchase, θ ~ Beta(γ, δ) death at the start of each opportunity. */
export function simulateBgBb(
  count: number,
  p: { alpha: number; beta: number; gamma: number; delta: number },
  seed: number,
  n = 6,
): { frequency: number[]; recency: number[]; periods: number[] } {
  const rng = createRng(seed, 51),
    out = { frequency: [] as number[], recency: [] as number[], periods: [] as number[] };
  const beta = (a: number, b: number): number => {
    const g = rng.gamma(a);
    return g / (g + rng.gamma(b));
  };
  for (let i = 0; i < count; i++) {
    const buy = beta(p.alpha, p.beta),
      die = beta(p.gamma, p.delta);
    let x = 0,
      tx = 0;
    for (let t = 1; t <= n; t++) {
      if (rng.next() < die) break;
      if (rng.next() < buy) {
        x++;
        tx = t;
      }
    }
    out.frequency.push(x);
    out.recency.push(tx);
    out.periods.push(n);
  }
  return out;
}

/** A shifted-beta-geometric cohort: customers alive at the start of periods 0..periods, θ ~ Beta(α, β). */
export function simulateSbgCohort(
  count: number,
  p: { alpha: number; beta: number },
  seed: number,
  periods = 12,
): number[] {
  const rng = createRng(seed, 61),
    alive = new Array<number>(periods + 1).fill(0);
  for (let i = 0; i < count; i++) {
    const g = rng.gamma(p.alpha),
      churn = g / (g + rng.gamma(p.beta));
    alive[0]++;
    for (let t = 1; t <= periods; t++) {
      if (rng.next() < churn) break;
      alive[t]++;
    }
  }
  return alive;
}
