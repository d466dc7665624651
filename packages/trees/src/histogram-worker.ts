// Worker-thread side of runOnWorkers: builds its feature slice of each histogram batch. Every
// buffer it touches is on a SharedArrayBuffer, sent once per fit (the bins, rows and gathered
// gradients with the first job, each histogram buffer with the first job after it appears),
// so a job moves only the batch's node list and the worker writes its slots in place.
import { exposeToPool } from '@clvlab/core/node';
import { buildHistogramBatch, type HistogramBatch, type HistogramView } from './build-histogram-batch.ts';

/** One thread's share of a batch, with the buffers this worker has not received yet. */
export interface HistogramJob extends HistogramBatch {
  readonly part: number;
  readonly parts: number;
  /** The fit's bins, rows and gradients (the worker's first job). */
  readonly view?: Omit<HistogramView, 'hists'>;
  /** Histogram buffers new to this worker, by id. */
  readonly hists: readonly (readonly [number, Float64Array])[];
}

let view: (Omit<HistogramView, 'hists'> & { hists: Float64Array[] }) | null = null;

export const histogramWorkerApi = {
  build(job: HistogramJob): void {
    if (job.view) view = { ...job.view, hists: [] };
    if (!view) throw new Error("trees/histogram-worker: a batch came before the fit's buffers");
    for (const [id, hist] of job.hists) view.hists[id] = hist;
    buildHistogramBatch(view, job, job.part, job.parts);
  },
};
export type HistogramWorkerApi = typeof histogramWorkerApi;

// Only when started by the pool (not when imported inside some other worker, e.g. a test runner's).
exposeToPool(histogramWorkerApi);
