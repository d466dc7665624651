// The synchronous driver of a fit's steps (FitSteps): every histogram batch is built here, in
// the calling thread, as the fitters always did. It is what fitGbdt, fitRandomForest and
// fitDecisionTree run; the worker-thread driver (runOnWorkers) is in the Node-only entry,
// because worker threads answer asynchronously and a synchronous fit cannot wait for them.
import { buildHistogramBatch, type FitSteps } from './build-histogram-batch.ts';

/** Runs the fit to its end, building each batch in this thread; returns the model. */
export function runInThread<T>(steps: FitSteps<T>): T {
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return step.value;
    buildHistogramBatch(step.value.view, step.value, 0, 1);
  }
}

/** A synchronous fitter's `workers` (checked as an integer ≥ 0): 1, or the error naming the asynchronous fitter that takes more. */
export function checkInThread(where: string, workers: number, asyncFitter: string): void {
  if (workers !== 1)
    throw new Error(
      `${where}: workers ${workers} needs ${asyncFitter} from @clvlab/trees/node (this fitter builds its histograms in the calling thread: workers 1)`,
    );
}
