// The named datasets of `clvlab bench --dataset`, as a data table: where the file lives under
// ../shared/data, which reader format parses it, and the optional social graph that comes
// with it. Anything else given to --dataset is a prepared `DS.zarr` store or an event file
// read with the generic `events` format.
// A graph file is `dated` only when its edges are known at the feature cutoff. Ciao's trust
// list has no dates and was collected after the ratings (at equal calibration activity, users
// in it are ~20x more active in the holdout), so by default its `+social` features come from
// `datedGraph`, a graph built from the dataset's own events before each cutoff; the trust list
// is used only with allowUndatedGraph (`--allow-undated-graph`), and the record marks it.
// `customers` names a customer-attribute file (customer-attributes.ts) whose columns become the
// covariates of the `+cov` models; attributes are static, so they carry no future information.
import { join } from 'node:path';
import { sharedDataDir } from './repo-paths.ts';

export interface DatasetSource {
  readonly id: string;
  /** File under the shared data folder. */
  readonly file: string;
  /** @clvlab/events reader format. */
  readonly format: string;
  /** Column renames for the `events` format ({ ours: theirs }), when the file uses other names. */
  readonly map?: Readonly<Record<string, string>>;
  /** Customer attributes (first column the id), and columns with numeric codes to treat as categorical. */
  readonly customers?: { readonly file: string; readonly categorical?: readonly string[] };
  /**
   * Edge list (SNAP style) whose node labels are customer ids, when the dataset has one.
   * `dated`: its edges are known at the feature cutoff; `kind` names it in facts.graph.source.
   */
  readonly edges?: {
    readonly file: string;
    readonly directed: boolean;
    readonly dated: boolean;
    readonly kind: 'trust' | 'edge-file';
  };
  /** A graph built from the dataset's dated events before each cutoff, used instead of an undated edge file. */
  readonly datedGraph?: 'co-rating';
  readonly note: string;
}

export const DATASET_SOURCES: Readonly<Record<string, DatasetSource>> = Object.freeze({
  cdnow: Object.freeze({
    id: 'cdnow',
    file: 'cdnow/CDNOW_master.txt.gz',
    format: 'cdnow',
    note: 'CDNOW master (Fader & Hardie): 23,570 customers, revenue target, cutoff 1997-10-01, 39-week holdout',
  }),
  'online-retail': Object.freeze({
    id: 'online-retail',
    file: 'online_retail/online_retail.csv.gz',
    format: 'online-retail',
    note: 'UCI Online Retail (Chen et al. 2012): revenue target, cutoff 2011-09-01',
  }),
  taobao: Object.freeze({
    id: 'taobao',
    file: 'taobao_user_behavior/UserBehavior.csv.gz',
    format: 'taobao',
    note: 'Taobao UserBehavior head subset (815 users): no prices, purchase-count target',
  }),
  ciao: Object.freeze({
    id: 'ciao',
    file: 'ciao/ciao_ratings.csv.gz',
    format: 'ciao',
    edges: Object.freeze({ file: 'ciao/ciao_trust.csv.gz', directed: true, dated: false, kind: 'trust' as const }),
    datedGraph: 'co-rating',
    note: 'Ciao ratings as activity (count target); +social from the co-rating graph before the cutoff (the undated trust graph with allowUndatedGraph)',
  }),
  apparel: Object.freeze({
    id: 'apparel',
    file: 'apparel/apparelTrans.csv',
    format: 'events',
    map: Object.freeze({ customer_id: 'Id', timestamp: 'Date', amount: 'Price' }),
    customers: Object.freeze({ file: 'apparel/apparelStaticCov.csv' }),
    note: 'CLVTools apparel retailer: 600 customers of one January-2005 cohort, revenue target, cutoff 2007-01-01 (the published 104-week estimation split), holdout to 2010-12-20; Gender and Channel (0/1) as covariates of the +cov models',
  }),
});

/** Absolute path of a shared-data file. */
export function sharedDataPath(file: string): string {
  return join(sharedDataDir(), file);
}
