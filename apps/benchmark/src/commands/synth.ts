// `clvlab synth --customers N --seed S --out DIR [--json]`: generates the synthetic dataset
// (packages/synth, model in data/synthetic/README.md) and writes events.csv, edges.csv and
// truth.csv into DIR.
import { resolve } from 'node:path';
import { EventType } from '@clvlab/events';
import { SYNTH_DEFAULTS, generateSynthetic } from '@clvlab/synth';
import { writeSynthetic } from '@clvlab/synth/node';
import { intOption } from '../cli-input.ts';
import { CliError, type Command } from '../command.ts';

export const command: Command = {
  name: 'synth',
  summary:
    'Generate the synthetic e-commerce dataset (events.csv, edges.csv, truth.csv) with planted signals and an oracle.',
  usage: 'synth --customers N --seed S --out DIR [--oracle-samples K] [--json]',
  options: {
    customers: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    'oracle-samples': { type: 'string' },
  },
  async run(values, _positionals, ctx) {
    if (typeof values.out !== 'string' || values.out === '')
      throw new CliError('--out:1:1: expected an output directory');
    const customers = intOption(values, 'customers', { min: 2 }) ?? SYNTH_DEFAULTS.customers;
    const seed = intOption(values, 'seed', { min: 0 }) ?? SYNTH_DEFAULTS.seed;
    const oracleSamples = intOption(values, 'oracle-samples', { min: 0 }) ?? SYNTH_DEFAULTS.oracleSamples;
    const out = resolve(values.out);
    const t0 = performance.now();
    const data = generateSynthetic({ customers, seed, oracleSamples });
    const generateMs = performance.now() - t0;
    await writeSynthetic(out, data);
    const writeMs = performance.now() - t0 - generateMs;
    const { log, truth } = data;
    let purchases = 0,
      holdoutPurchases = 0,
      revenue = 0,
      sessions = 0,
      alive = 0;
    for (let e = 0; e < log.length; e++) {
      if (log.type[e] !== EventType.purchase) continue;
      purchases++;
      revenue += log.amount[e];
      if (log.t[e] >= data.cutoff) holdoutPurchases++;
    }
    for (let i = 0; i < truth.sessions.length; i++) {
      sessions += truth.sessions[i];
      alive += truth.aliveAtCutoff[i];
    }
    const result = {
      customers: log.customerIds.length,
      events: log.length,
      purchases,
      holdout_purchases: holdoutPurchases,
      revenue: Math.round(revenue * 100) / 100,
      sessions,
      alive_at_cutoff: alive,
      edges: data.edges.src.length,
      seed,
      start: new Date(data.start).toISOString(),
      cutoff: new Date(data.cutoff).toISOString(),
      horizon_weeks: data.horizon / (7 * 86_400_000),
      oracle_samples: oracleSamples,
      out,
      files: ['events.csv', 'edges.csv', 'truth.csv'],
      generate_ms: Math.round(generateMs),
      write_ms: Math.round(writeMs),
    };
    if (!ctx.json) {
      ctx.log(
        `synth: ${result.customers} customers, ${result.events} events (${purchases} purchases), ${result.edges} edges -> ${out}`,
      );
    }
    return result;
  },
};
