// An independent check of the sealed test fold (issue 10 §1), written apart from
// apps/benchmark/tests/sealed-task.test.ts and run on a dataset those tests never use:
// it writes a real dataset as two generic event CSVs (each in customer order, so a reader numbers
// customers identically; a different numbering reorders sums and batches) — the original, and one in which the
// holdout events (t ≥ cutoff) of the seed's TEST customers are shuffled among themselves
// event by event (each event keeps its time, type, item and amount but gets a random test
// customer; a tenth are dropped) — runs the real CLI `clvlab bench` on both (workers, cells,
// record) and compares every model's stored predictions for every cohort customer.
//   npx tsx tools/check-sealed-fold.ts [--dataset online-retail] [--models a,b] [--out /tmp/sealed-check]   (seed 1)
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEventLog, EVENT_TYPES, type EventLog } from '@clvlab/events';
import { readEventLog } from '@clvlab/events/node';
import { createRng } from '@clvlab/core';
import { writeFileAtomic } from '@clvlab/core/node';
import { evaluationFolds, evaluationSplit, Fold } from '@clvlab/sessions';
import { DATASET_SOURCES, sharedDataPath } from '@clvlab/benchmark';

const { values } = parseArgs({
  options: { dataset: { type: 'string' }, models: { type: 'string' }, out: { type: 'string' } },
});
const id = values.dataset ?? 'online-retail';
const seeds = 1;
const out = resolve(values.out ?? '/tmp/sealed-check');
const src = DATASET_SOURCES[id];
if (!src) throw new Error(`check-sealed-fold: unknown dataset '${id}'`);
const { log } = await readEventLog(sharedDataPath(src.file), {
  format: src.format as never,
  ...(src.map ? { map: { ...src.map } } : {}),
});
// A generic event file gets the default window (cutoff at 75% of the span, holdout to the last
// event), exactly as `bench --dataset FILE` will compute it; the perturbation keeps the span.
const split = evaluationSplit(log);
const cutoff = split.cutoff;

/** A log as a generic event CSV in its (customer, time) order, so customers keep their numbering when read back. */
const csv = (l: EventLog): string => {
  const lines = ['customer_id,timestamp,event_type,item_id,category,amount,quantity'];
  for (let i = 0; i < l.length; i++) {
    const item = l.item[i] >= 0 ? l.itemIds[l.item[i]] : '';
    const cat = l.category[i] >= 0 ? l.categoryIds[l.category[i]] : '';
    lines.push(
      `${l.customerIds[l.customer[i]]},${new Date(l.t[i]).toISOString()},${EVENT_TYPES[l.type[i]]},${item},${cat},${l.valueTarget === 'revenue' ? Math.abs(l.amount[i]) : ''},${l.quantity[i]}`,
    );
  }
  return lines.join('\n') + '\n';
};

// Test customers of the one seed the bench runs: perturb only events no model may see. (With
// several seeds one seed's test customers are another's train customers, whose labels models
// legitimately learn from.)
const test = new Set<number>();
const fold = evaluationFolds(log.customerIds, split.customers, 1);
split.customers.forEach((c, r) => {
  if (fold[r] === Fold.test) test.add(c);
});
const pool = [...test];
const rng = createRng(20261201);
const moved = new Int32Array(log.length).map((_, i) =>
  log.t[i] >= cutoff && test.has(log.customer[i]) ? pool[rng.int(pool.length)] : log.customer[i],
);
let last = -Infinity;
for (let i = 0; i < log.length; i++) if (log.t[i] > last) last = log.t[i];
const dropped = new Uint8Array(log.length).map((_, i) =>
  log.t[i] >= cutoff && log.t[i] < last && test.has(log.customer[i]) && rng.next() < 0.1 ? 1 : 0,
);
let touched = 0;
for (let i = 0; i < log.length; i++) if (moved[i] !== log.customer[i] || dropped[i]) touched++;

const run = (name: string, text: string): Map<string, string> => {
  const dir = join(out, name);
  rmSync(dir, { recursive: true, force: true });
  // Same file name, so the dataset id (and so the model seeds) is the same in both runs.
  writeFileAtomic(join(dir, `${id}.csv`), text);
  const args = [
    '--import',
    'tsx',
    'apps/benchmark/src/main.ts',
    'bench',
    '--dataset',
    join(dir, `${id}.csv`),
    '--seeds',
    String(seeds),
    '--out',
    join(dir, 'run'),
    '--json',
  ];
  if (values.models) args.push('--models', values.models);
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  // Compare by customer id: a reader numbers customers (and items) in order of first appearance
  // in the file, which the perturbation may change, so cohort positions are not comparable.
  const cells = new Map<string, string>();
  for (const line of readFileSync(join(dir, 'run', 'predictions.csv'), 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1)) {
    const [, customer, model, seed, predicted, repurchase] = line.split(',');
    cells.set(`${model}/seed${seed}/${customer}`, `${predicted},${repurchase}`);
  }
  return cells;
};
const keep = (a: ArrayLike<number>) => (a as Int32Array).filter((_, i) => !dropped[i]);
const perturbed = createEventLog({
  customer: Int32Array.from(keep(moved)),
  t: Float64Array.from(keep(log.t)),
  type: Uint8Array.from(keep(log.type)),
  item: Int32Array.from(keep(log.item)),
  category: Int32Array.from(keep(log.category)),
  amount: Float64Array.from(keep(log.amount)),
  quantity: Float64Array.from(keep(log.quantity)),
  customerIds: log.customerIds,
  itemIds: log.itemIds,
  categoryIds: log.categoryIds,
  valueTarget: log.valueTarget,
});
const a = run('original', csv(log));
const b = run('perturbed', csv(perturbed));
let identical = 0;
const differing = new Set<string>();
for (const [k, v] of a) {
  if (b.get(k) === v) identical++;
  else differing.add(k.slice(0, k.lastIndexOf('/')));
}
console.log(
  JSON.stringify({
    dataset: id,
    seeds,
    cutoff: new Date(cutoff).toISOString(),
    test_customers: test.size,
    holdout_events_perturbed: touched,
    predictions: a.size,
    identical,
    differing: [...differing].sort(),
  }),
);
if (differing.size > 0 || a.size !== b.size) process.exit(1);
