// Search spaces of the encoder families as data (docs/architecture.md §Evaluation protocol: each
// tunable family declares a search space as data; `--tune N` gives each the same valid-fold
// budget), keyed by base model name (a `+social` variant searches its base's space). Every key is
// an encoder config key (resolveEncoderConfig) and every default lies inside its family's space, so
// the untuned model is one point of the search. Modest on purpose: a few values per knob that the
// default bench can afford, the architecture knobs where they apply, the same head and optimiser
// knobs for every family (the ziln-mlp ablation included), so tuning does not favour one family's
// head. `useRfm` is not searched: the head's inputs define the model being compared (the
// sequence-only variant is its own ablation row, `transformer:useRfm=false`), not a knob.
import type { SearchDimension, SearchSpace } from '@clvlab/sessions';

/** Peak Adam learning rate, log-uniform over a decade around the default 2e-3. */
const LEARNING_RATE: SearchDimension = Object.freeze({ min: 5e-4, max: 5e-3, scale: 'log' as const });
/** Hidden width of the ZILN head's MLP. */
const HEAD_HIDDEN: SearchDimension = Object.freeze({ choices: Object.freeze([16, 32, 64]) });
/**
 * Model width d (heads = 4 divide both). 64 left the space: on the development dataset's VALID
 * fold (synthetic, generator seed 1000; results/dev-tune-s1000, never reported) the four d = 64
 * draws scored 0.577–0.657 normalized Gini at rung 0 against 0.620–0.678 for d = 32, and won no
 * seed, while costing 4–16× the default per trial (115–166 s against 8–13 s for a synthetic rung-0 cell on
 * 2 cores shared with other work, 2026-12-01): the space's expensive corner bought nothing and put `bench:full` past its 2 h budget.
 */
const D_MODEL: SearchDimension = Object.freeze({ choices: Object.freeze([16, 32]) });
/**
 * Last L events per customer (flat layouts). 64 left the space for the same reason as d = 64: on
 * the development dataset's VALID fold (synthetic, generator seed 1000; results/dev-tune-s1000,
 * never reported) the eight L = 64 transformer draws scored 0.577–0.657 at rung 0 against
 * 0.620–0.678 for L = 32, and at rung 1 0.654 / 0.681 against the chosen L = 32's 0.668 / 0.691
 * (won no seed); an L = 64 rung-0 trial cost 15–34 s against 3–8 s for L ≤ 32 (synthetic,
 * seed 1, idle 2-core VM, 2026-12-01), so it set `bench:full`'s wall time and bought nothing.
 */
const MAX_EVENTS: SearchDimension = Object.freeze({ choices: Object.freeze([16, 32]) });
/** Transformer blocks (per level for the session model). */
const BLOCKS: SearchDimension = Object.freeze({ choices: Object.freeze([1, 2]) });

export const ENCODER_SEARCH_SPACES: Readonly<Record<string, SearchSpace>> = Object.freeze({
  transformer: Object.freeze({
    dModel: D_MODEL,
    blocks: BLOCKS,
    maxEvents: MAX_EVENTS,
    learningRate: LEARNING_RATE,
    headHidden: HEAD_HIDDEN,
  }),
  'session-transformer': Object.freeze({
    dModel: D_MODEL,
    blocks: BLOCKS,
    /** S sessions × E events per session (T = S × E: 16 to 128 tokens). */
    maxSessions: Object.freeze({ choices: Object.freeze([4, 8, 16]) }),
    eventsPerSession: Object.freeze({ choices: Object.freeze([4, 8]) }),
    sessionMixer: Object.freeze({ choices: Object.freeze(['attention', 'gru']) }),
    learningRate: LEARNING_RATE,
    headHidden: HEAD_HIDDEN,
  }),
  // One recurrent layer: `blocks` does not apply.
  gru: Object.freeze({ dModel: D_MODEL, maxEvents: MAX_EVENTS, learningRate: LEARNING_RATE, headHidden: HEAD_HIDDEN }),
  // No sequence: the head and optimiser knobs, plus the batch size, which for the encoders is set
  // by token throughput (128 × L tokens per step) but here only trades steps for gradient noise.
  'ziln-mlp': Object.freeze({
    learningRate: LEARNING_RATE,
    headHidden: HEAD_HIDDEN,
    batchSize: Object.freeze({ choices: Object.freeze([64, 128, 256]) }),
  }),
});
