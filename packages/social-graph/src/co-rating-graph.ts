// Co-rating customer graph: the one-mode projection of the customer–item bipartite graph onto
// customers (Newman 2001, "Scientific collaboration networks. I. Network construction and
// fundamental results", Phys. Rev. E 64, 016131; Zhou, Ren, Medo & Zhang 2007, "Bipartite
// network projection and personal recommendation", Phys. Rev. E 76, 046115, eq. 1 is the
// unweighted projection used here): two customers are linked when both rated (bought) the same
// item before featureEnd, whatever the time between the two; the edge weight is the number of
// items they share. It is a co-purchase graph (co-purchase-graph.ts) with an unbounded window.
//
// Why it exists: a dataset's own social graph may be undated and collected after its events
// (Ciao's trust list, SOURCE.md), so features from it use the future. This graph is built only
// from dated events before each window's cutoff, so it is known at that cutoff.
//
// Hub cap: an item rated by more than `maxItemRaters` customers is skipped (counted in the
// report). A blockbuster's raters share little beyond popularity, and one item with d raters
// adds d(d − 1)/2 pairs: Ciao's most-rated product has 878 raters before the default cutoff
// (385k pairs, more than all other products together at the cap). 50, as for co-purchase,
// keeps ≤ 1,225 pairs per item; on Ciao (cutoff 2008-07-24) it skips 261 of 74,827 rated
// products (30,581 of 221,097 ratings) and links 6,738 of 7,375 users by 589,349 edges.
import { resolveOptions } from '@clvlab/core';
import type { EventLog } from '@clvlab/events';
import type { Split } from '@clvlab/sessions';
import { coPurchaseGraph, type CoPurchaseGraph } from './co-purchase-graph.ts';

export const DEFAULT_CO_RATING = Object.freeze({
  /** Items with more distinct raters than this are hubs and skipped (see file header for why 50). */
  maxItemRaters: 50 as number,
  /** Only events with t < featureEnd. NaN = the task's split.score.featureEnd; Infinity = every event (explicit opt-out). */
  featureEnd: Number.NaN as number,
});
export type CoRatingOptions = Partial<typeof DEFAULT_CO_RATING>;

/** Undirected customer graph weighted by the number of items both rated before the cutoff; report as for co-purchase. */
export function coRatingGraph(
  task: { readonly log: EventLog; readonly split?: Pick<Split, 'score'> },
  options: CoRatingOptions = {},
): CoPurchaseGraph {
  const o = resolveOptions('social-graph/co-rating-graph', DEFAULT_CO_RATING, options);
  return coPurchaseGraph(task, {
    windowMs: Number.POSITIVE_INFINITY,
    maxItemCustomers: o.maxItemRaters,
    featureEnd: o.featureEnd,
  });
}
