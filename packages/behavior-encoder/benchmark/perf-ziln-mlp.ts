// What the sequence costs: `ziln-mlp` (the encoders' static inputs, ZILN head and trainer,
// no sequence) against the default `transformer` on the same seeded clickstream (the test
// fixture's generator, tests/fixtures/tiny-task.ts), default configs, one thread on wasm.
// Reports training and prediction time, epochs and time per epoch of each model.
// Run: npx tsx packages/behavior-encoder/benchmark/perf-ziln-mlp.ts [customers] [models]
import { parseInteger } from '@clvlab/core';
import { createEncoderModel, initBackend } from '../src/internal.ts';
import { tinyTask } from '../tests/fixtures/tiny-task.ts';

/** Times each model on a task of `customers` customers; returns one row per model. */
export async function perfZilnMlp(
  customers = 2000,
  models: readonly string[] = ['ziln-mlp', 'transformer'],
): Promise<Record<string, unknown>[]> {
  await initBackend('wasm');
  const task = tinyTask(customers, 7);
  const rows: Record<string, unknown>[] = [];
  for (const name of models) {
    const t0 = performance.now();
    const out = await createEncoderModel(name).run(task);
    const wallMs = performance.now() - t0;
    const info = out.info!;
    const epochs = info['epochs'] as number,
      trainMs = info['trainMs'] as number;
    rows.push({
      model: name,
      customers: task.split.customers.length,
      trainMs,
      predictMs: info['predictMs'],
      wallMs: Math.round(wallMs),
      epochs,
      msPerEpoch: Math.round(trainMs / epochs),
      steps: info['steps'],
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const customers = parseInteger(process.argv[2] ?? '2000', { min: 2, where: 'perf-ziln-mlp: customers' });
  const models = process.argv[3]?.split(',') ?? undefined;
  for (const row of await perfZilnMlp(customers, models)) console.log(JSON.stringify(row));
}
