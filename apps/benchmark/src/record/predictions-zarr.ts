// The record's predictions and customer embeddings as one Zarr v3 group (predictions.zarr),
// for Python users (data/README.md shows the zarr-python lines). Layout per dataset <ds>:
//   <ds>/actual_value        float64 [customers]          test customers, predictions.csv order
//   <ds>/actual_repurchase   uint8   [customers]
//   <ds>/predicted_value     float64 [series, customers]  series = attributes.series ("model/seed")
//   <ds>/repurchase_score    float64 [series, customers]
//   <ds>/embeddings/<model>/seed<k>  float32 [customers, dim]  when a model exports embeddings
// Root attributes carry the customer ids per dataset and the series labels. Names are made
// Zarr-safe (`transformer+social` -> `transformer_social`); the original names are in attributes.
import { writeZarrGroup } from '@clvlab/events/node';
import type { ZarrArrayData } from '@clvlab/events';
import { decodeEmbedding } from '../runner/cell-store.ts';
import type { BenchRun } from '../runner/run-bench.ts';
import { pickRows, testView } from './test-view.ts';

const safe = (name: string): string => name.replace(/[^A-Za-z0-9._-]/g, '_');

/** Writes predictions.zarr for `run` (atomically, via writeZarrGroup). */
export async function writePredictionsZarr(path: string, run: BenchRun): Promise<void> {
  const arrays: Record<string, ZarrArrayData> = {};
  const datasets: Record<string, unknown> = {};
  for (const ds of run.datasets) {
    // Seed s re-draws the split, so each seed has its own test customers: one subgroup per seed.
    const seeds = [...new Set(run.cells.filter((c) => c.dataset === ds.id && c.chosen).map((c) => c.seed))].sort(
      (a, b) => a - b,
    );
    const perSeed: Record<string, unknown> = {};
    for (const seed of seeds) {
      const view = testView(ds.payload, run.folds[ds.id][seed - 1]);
      const n = view.rows.length;
      const cells = run.cells.filter((c) => c.dataset === ds.id && c.chosen && c.seed === seed);
      const key = `${safe(ds.id)}/seed${seed}`;
      const series = cells.map((c) => c.model.name);
      const predicted = new Float64Array(cells.length * n),
        score = new Float64Array(cells.length * n);
      cells.forEach((c, s) => {
        predicted.set(pickRows(c.stored.value, view.rows), s * n);
        score.set(pickRows(c.stored.repurchase, view.rows), s * n);
      });
      arrays[`${key}/actual_value`] = { data: view.actual, shape: [n] };
      arrays[`${key}/actual_repurchase`] = { data: Uint8Array.from(view.actualRepurchase), shape: [n] };
      arrays[`${key}/predicted_value`] = { data: predicted, shape: [cells.length, n], attributes: { series } };
      arrays[`${key}/repurchase_score`] = { data: score, shape: [cells.length, n], attributes: { series } };
      const embeddings: string[] = [];
      for (const c of cells) {
        if (!c.stored.embedding) continue;
        const { dim } = c.stored.embedding;
        const all = decodeEmbedding(c.stored.embedding.base64);
        const out = new Float32Array(n * dim);
        view.rows.forEach((row, j) => out.set(all.subarray(row * dim, (row + 1) * dim), j * dim));
        const name = `${key}/embeddings/${safe(c.model.name)}`;
        arrays[name] = { data: out, shape: [n, dim], attributes: { model: c.model.name, seed } };
        embeddings.push(name);
      }
      perSeed[String(seed)] = { group: key, customer_ids: view.customerIds, series, embeddings };
    }
    datasets[ds.id] = { seeds: perSeed, value_target: ds.valueTarget };
  }
  await writeZarrGroup(path, {
    attributes: {
      clvlab_record: 'predictions',
      description: 'test-customer predictions and embeddings of a clvlab benchmark run',
      datasets,
    },
    arrays,
  });
}
