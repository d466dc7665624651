// An example clvlab model plugin: plain JavaScript, no imports, no build step.
//   npm run -s clvlab -- bench --plugin examples/custom-model/decayed-spend.mjs \
//     --models decayed-spend,decayed-spend:halfLifeDays=30,rfm-linear --seeds 2
//
// A plugin module exports `models`: model name -> factory(config) returning a BenchModel, the
// contract every built-in model implements (@clvlab/sessions model-task.ts):
//   { name, config, run(task) -> { value: Float64Array, repurchase?: Float64Array, info? } }
// with one prediction per cohort customer (task.split.customers). The task is sealed: the log
// holds no event at or after the cutoff, and test-fold targets are NaN.
//
// The model: each purchase before the feature cutoff counts exp(-ln 2 · age / halfLife), so recent
// spend weighs more; predicted value = k · decayed spend, with k = Σy / Σx fitted on the train fold
// of the fit window; the repurchase score is 1 − exp(−decayed purchase count).

const DAY = 86_400_000;
const PURCHASE = 2; // EventType.purchase
const TRAIN = 0; // Fold.train

/** Decayed spend and decayed purchase count per cohort customer, from events before featureEnd. */
function decayed(task, featureEnd, halfLifeDays) {
  const { log, offsets, split } = task;
  const n = split.customers.length;
  const spend = new Float64Array(n),
    count = new Float64Array(n);
  const rate = Math.LN2 / (halfLifeDays * DAY);
  for (let r = 0; r < n; r++) {
    const c = split.customers[r];
    for (let e = offsets[c]; e < offsets[c + 1]; e++) {
      const t = log.t[e];
      if (t >= featureEnd) break; // events are sorted by time within a customer
      if (log.type[e] !== PURCHASE || t < split.start) continue;
      const w = Math.exp(-rate * (featureEnd - t));
      spend[r] += w * Math.max(0, log.amount[e] || 1);
      count[r] += w;
    }
  }
  return { spend, count };
}

export const models = {
  'decayed-spend': (config = {}) => {
    for (const k of Object.keys(config))
      if (k !== 'halfLifeDays') throw new Error(`decayed-spend: unknown config key '${k}'`);
    const halfLifeDays = Number(config.halfLifeDays ?? 90);
    if (!(halfLifeDays > 0)) throw new Error(`decayed-spend: halfLifeDays must be > 0, got ${config.halfLifeDays}`);
    return {
      name: 'decayed-spend',
      config: Object.freeze({ halfLifeDays }),
      async run(task) {
        const { split } = task;
        const fit = decayed(task, split.fit.featureEnd, halfLifeDays);
        let sy = 0,
          sx = 0;
        for (let r = 0; r < split.customers.length; r++) {
          if (split.fold[r] !== TRAIN) continue;
          sy += split.fit.target[r];
          sx += fit.spend[r];
        }
        const k = sx > 0 ? sy / sx : 0;
        const score = decayed(task, split.score.featureEnd, halfLifeDays);
        return {
          value: score.spend.map((x) => k * x),
          repurchase: score.count.map((x) => 1 - Math.exp(-x)),
          info: { k },
        };
      },
    };
  },
};
