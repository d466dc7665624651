// `clvlab split` (issue 13 §2): exactly clvlab's evaluation split of a dataset, for a team that
// trains elsewhere. Writes `seed,customer_id,fold` (fold = train | valid | test) for seeds 1..N
// and a JSON sidecar (split.json beside the CSV) with what the folds mean: the calibration
// window [start, cutoff) every feature must come from, the horizon of the holdout label, the
// value target, the protocol. `bench --predictions NAME=FILE.csv` then scores a file of
// `customer_id,predicted_value[,repurchase_score][,seed]` on the same test customers.
import { parseInteger } from '@clvlab/core';
import { writeFileAtomic } from '@clvlab/core/node';
import { evaluationFolds, Fold } from '@clvlab/sessions';
import { CliError, type Command } from '../command.ts';
import { asCliError } from '../cli-input.ts';
import { loadBenchDataset } from '../datasets/load-bench-dataset.ts';

const FOLD_NAMES = Object.freeze({ [Fold.train]: 'train', [Fold.valid]: 'valid', [Fold.test]: 'test' } as Record<
  number,
  string
>);

/** The sidecar's path for a split CSV (`split.csv` → `split.json`). */
export function splitSidecarPath(csv: string): string {
  return csv.replace(/(\.csv)?$/i, '.json');
}

export const command: Command = {
  name: 'split',
  summary:
    'Write the evaluation split (seed, customer_id, fold) of a dataset, plus a JSON sidecar with its cutoff, horizon and target.',
  usage:
    'split --dataset synthetic|cdnow|online-retail|taobao|ciao|DS.zarr|FILE [--seeds N] [--customers N] --out split.csv',
  options: {
    dataset: { type: 'string' },
    seeds: { type: 'string' },
    customers: { type: 'string' },
    out: { type: 'string' },
  },
  async run(values, _positionals, ctx) {
    const out = typeof values.out === 'string' ? values.out : undefined;
    if (!out) throw new CliError('--out split.csv is required');
    const spec = typeof values.dataset === 'string' ? values.dataset : 'synthetic';
    let seeds: number, customers: number | undefined;
    try {
      seeds =
        values.seeds === undefined ? 1 : parseInteger(String(values.seeds), { min: 1, max: 1000, where: '--seeds' });
      customers =
        values.customers === undefined
          ? undefined
          : parseInteger(String(values.customers), { min: 10, where: '--customers' });
    } catch (err) {
      throw asCliError(err);
    }
    let ds;
    try {
      ds = await loadBenchDataset(spec, { customers });
    } catch (err) {
      throw asCliError(err);
    }
    const { log, split } = ds.payload;
    const lines = ['seed,customer_id,fold'];
    const counts: Record<string, number>[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const fold = evaluationFolds(log.customerIds, split.customers, seed);
      const c: Record<string, number> = { train: 0, valid: 0, test: 0 };
      for (let r = 0; r < split.customers.length; r++) {
        const name = FOLD_NAMES[fold[r]];
        c[name]++;
        const id = log.customerIds[split.customers[r]];
        lines.push(`${seed},${/[",\n]/.test(id) ? `"${id.replace(/"/g, '""')}"` : id},${name}`);
      }
      counts.push(c);
    }
    const iso = (ms: number): string => new Date(ms).toISOString();
    const sidecar = {
      kind: 'clvlab-split',
      dataset: ds.id,
      source_hash: ds.sourceHash,
      protocol: split.protocol,
      value_target: ds.valueTarget,
      calibration: {
        start: iso(split.start),
        end: iso(split.cutoff),
        note: 'features may use events with start <= t < end only',
      },
      label: {
        feature_end: iso(split.score.featureEnd),
        label_end: iso(split.score.labelEnd),
        horizon_ms: split.horizon,
        note: `predicted_value = the customer's ${ds.valueTarget === 'revenue' ? 'net revenue (purchases minus returns, floored at 0)' : 'number of purchase events'} in [feature_end, label_end)`,
      },
      fit_window:
        split.protocol === 'temporal'
          ? { feature_end: iso(split.fit.featureEnd), label_end: iso(split.fit.labelEnd) }
          : undefined,
      seeds,
      folds: counts,
      customers: split.customers.length,
      scoring:
        'clvlab bench --dataset <same> --predictions NAME=FILE.csv scores customer_id,predicted_value[,repurchase_score][,seed] on the test fold of each seed',
    };
    try {
      writeFileAtomic(out, `${lines.join('\n')}\n`);
      writeFileAtomic(splitSidecarPath(out), `${JSON.stringify(sidecar, null, 1)}\n`);
    } catch (err) {
      throw asCliError(err);
    }
    if (!ctx.json)
      ctx.log(`${split.customers.length} cohort customers × ${seeds} seed(s) -> ${out} (+ ${splitSidecarPath(out)})`);
    return { out, sidecar: splitSidecarPath(out), customers: split.customers.length, seeds, folds: counts };
  },
};
