// The shapes shared by the optimisers (minimize.ts, nelder-mead.ts): an objective with its
// gradient and the monitor that may stop a minimisation early. A file of its own so that
// neither optimiser imports the other's types (no import cycle).

/** Objective: returns f(x) and writes ∇f(x) into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/**
 * Called after every accepted BFGS step and every Nelder–Mead iteration with the current
 * best point; returning true stops the minimisation there (result `stopped: true`). Used by
 * fitParetoNbd to stop as soon as the fit walks onto the s, β → ∞ ridge.
 */
export type MinimizeMonitor = (x: Float64Array, value: number) => boolean;
