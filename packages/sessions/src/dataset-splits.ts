// Published evaluation windows per dataset (docs/architecture.md §Evaluation split), as a data
// table so the benchmark, the CLI and the README all read the same numbers. A dataset not listed
// uses DEFAULT_SPLIT (cutoff at 75% of the span, holdout to the end of data).
import type { SplitOptions } from './evaluation-split.ts';

const DAY_MS = 86_400_000;

export const DATASET_SPLITS: Readonly<Record<string, Readonly<Partial<SplitOptions>>>> = Object.freeze({
  // Fader, Hardie & Lee (2005): 39-week calibration 1997-01-01..1997-09-30, 39-week holdout
  // 1997-10-01..1998-06-30 (the cdnow_customers_summary.csv of lifetimes uses the same cutoff).
  cdnow: Object.freeze({ cutoff: Date.UTC(1997, 9, 1), horizon: 39 * 7 * DAY_MS }),
  // UCI Online Retail (Chen, Sain & Guo 2012): data 2010-12-01..2011-12-09; the holdout runs
  // from 2011-09-01 to the end of data (100 days), the window that
  // docs/architecture.md §Evaluation split fixes.
  'online-retail': Object.freeze({ cutoff: Date.UTC(2011, 8, 1), horizon: null }),
  // Taobao UserBehavior: official window 2017-11-25..2017-12-03 China time (UTC+8), but 35
  // stray events go back to 2017-09-11, so "75% of the span" would fall before the real data.
  // Calibration = the first 7 official days, holdout = the last 2 (from 2017-12-02 00:00 +08:00).
  taobao: Object.freeze({ cutoff: Date.UTC(2017, 11, 1, 16), horizon: null }),
  // CLVTools apparel (walkthrough vignette): estimation split 104 weeks from the first date,
  // 2005-01-02..2006-12-31 inclusive, so the cutoff is 2007-01-01 00:00 UTC; holdout to the end
  // of data (2010-12-20), as the vignette predicts.
  apparel: Object.freeze({ cutoff: Date.UTC(2007, 0, 1), horizon: null }),
});

/**
 * The published window for `dataset`, or `{}` when there is none (DEFAULT_SPLIT then applies).
 * Options given explicitly always win: a given cutoff also drops the table's horizon, since a
 * horizon chosen for one cutoff rarely fits another.
 */
export function datasetSplit(dataset: string, given: Readonly<Partial<SplitOptions>> = {}): Partial<SplitOptions> {
  const published = Object.hasOwn(DATASET_SPLITS, dataset) ? DATASET_SPLITS[dataset] : undefined;
  if (!published || given.cutoff !== undefined) return {};
  return given.horizon !== undefined ? { cutoff: published.cutoff } : { ...published };
}
