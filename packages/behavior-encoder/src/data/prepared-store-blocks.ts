// A prepared dataset (docs/architecture.md §Prepared dataset) read from its Zarr store one block of
// cohort customers at a time, so memory follows the block size rather than the event log. Opening
// reads only the per-customer arrays (offsets, customers/*, the customer-id dictionary); each block
// read takes, through `offsets`, one slice [offsets[first], offsets[last + 1]) of each event column
// it needs (a caller-held chunk cache decodes each Zarr chunk once per run of reads inside it).
// Opening also reads the item and category dictionaries and hashes each id once (sequence-inputs.ts
// `idHashes`), so token buckets never depend on how the dictionaries are numbered.
// Token rows come from sequence-inputs.ts' `fillTokenRows` and static inputs from
// static-features.ts, over the block's slice with offsets rebased to it. Counters record the
// blocks and events read and the most events one block read held (`peakEvents`).
import { decodeStrings, EVENT_TYPES, type EventLog, type ZarrTypedArray } from '@clvlab/events';
import { readZarrGroup } from '@clvlab/events/node';
import type { FeatureTable } from '@clvlab/sessions';
import { tokenGridLength, type EncoderConfig } from '../adapters/encoder-config.ts';
import {
  checkNotAllEmpty,
  emptyTokenGrid,
  fillTokenRows,
  idHashes,
  type SequenceInputs,
  type TokenEvents,
} from './sequence-inputs.ts';
import { buildStaticFeatures, type StaticFeatures } from './static-features.ts';

/** One block: the slices of the event columns read and the block's cohort rows. */
export interface StoreBlock extends TokenEvents {
  /** Cohort rows (ascending). */
  readonly rows: Int32Array;
  /** Their customers, as indices into this block's `offsets` and `customerIds`. */
  readonly customers: Int32Array;
}

/** Columns a read takes: `static` (time, type, amount) or `tokens` (all six; item, category and session are empty otherwise). */
export type BlockColumns = 'static' | 'tokens';

const COLUMNS: Readonly<Record<BlockColumns, readonly string[]>> = Object.freeze({
  static: ['t', 'type', 'amount'],
  tokens: ['t', 'type', 'item', 'category', 'amount', 'session'],
});
const WHERE = 'behavior-encoder/prepared-store-blocks';

/** readZarrGroup's decoded-chunk cache (one chunk per array). */
export type ChunkCache = NonNullable<NonNullable<Parameters<typeof readZarrGroup>[2]>['chunkCache']>;

export class PreparedStoreBlocks {
  /** Blocks read, events read in all, and the most events held by one block read. */
  readonly counters = { blocks: 0, events: 0, peakEvents: 0 };
  private readonly cache: ChunkCache = new Map();
  private graphTable: FeatureTable | undefined;

  private constructor(
    readonly path: string,
    readonly attributes: Readonly<Record<string, unknown>>,
    /** Cohort customers (indices into the customer dictionary), ascending; fold and fit/score labels per cohort row. */
    readonly customers: Int32Array,
    readonly fold: Uint8Array,
    readonly fit: { readonly featureEnd: number; readonly target: Float64Array },
    readonly score: { readonly featureEnd: number; readonly target: Float64Array },
    readonly offsets: Int32Array,
    readonly customerIds: readonly string[],
    /** idHashes of the item and category dictionaries (the token buckets of every block). */
    readonly itemHash: Int32Array,
    readonly categoryHash: Int32Array,
    /** Events per stored chunk of the event columns (each chunk is decompressed whole). */
    readonly eventChunk: number,
  ) {}

  /** Opens the prepared dataset at `path` (reads the per-customer arrays and the id dictionaries only). */
  static async open(path: string): Promise<PreparedStoreBlocks> {
    const ids = 'dictionaries/customer_ids',
      items = 'dictionaries/item_ids',
      categories = 'dictionaries/category_ids';
    const a = (await readZarrGroup(path, [])).attributes;
    if (a['kind'] !== 'clvlab-prepared-dataset')
      throw new Error(`${WHERE}: ${path} is not a clvlab prepared dataset (attribute kind is '${String(a['kind'])}')`);
    const typeArray = (await readZarrGroup(path, ['events/type'], { rows: [0, 0] })).arrays['events/type'];
    const types = typeArray.attributes?.['event_types'];
    if (types !== undefined && JSON.stringify(types) !== JSON.stringify(EVENT_TYPES)) {
      throw new Error(
        `${WHERE}: ${path} event_types ${JSON.stringify(types)} differ from ${JSON.stringify(EVENT_TYPES)}`,
      );
    }
    const g = await readZarrGroup(path, [
      'offsets',
      'customers/ids',
      'customers/fold',
      'customers/target',
      'customers/fit_target',
      `${ids}/utf8`,
      `${ids}/offsets`,
      `${items}/utf8`,
      `${items}/offsets`,
      `${categories}/utf8`,
      `${categories}/offsets`,
    ]);
    const get = <T extends ZarrTypedArray>(name: string, ctor: new (n: number) => T): T => {
      const data = g.arrays[name].data;
      if (!(data instanceof ctor)) throw new Error(`${WHERE}: ${path} array '${name}' is not ${ctor.name}`);
      return data;
    };
    const dictionary = (name: string): string[] =>
      decodeStrings({ bytes: get(`${name}/utf8`, Uint8Array), offsets: get(`${name}/offsets`, Int32Array) });
    const customerIds = dictionary(ids);
    const offsets = get('offsets', Int32Array);
    if (offsets.length !== customerIds.length + 1)
      throw new Error(
        `${WHERE}: ${path} offsets has ${offsets.length} entries, expected customers + 1 = ${customerIds.length + 1}`,
      );
    const cutoff = Number(a['cutoff_ms']),
      horizon = Number(a['horizon_ms']);
    const temporal = a['protocol'] === 'temporal';
    const scoreTarget = get('customers/target', Float64Array);
    return new PreparedStoreBlocks(
      path,
      a,
      get('customers/ids', Int32Array),
      get('customers/fold', Uint8Array),
      {
        featureEnd: temporal ? cutoff - horizon : cutoff,
        target: temporal ? get('customers/fit_target', Float64Array) : scoreTarget,
      },
      { featureEnd: cutoff, target: scoreTarget },
      offsets,
      customerIds,
      idHashes(dictionary(items)),
      idHashes(dictionary(categories)),
      typeArray.chunks?.[0] ?? Math.max(1, offsets[offsets.length - 1]),
    );
  }

  /** Cohort rows [from, to) of each block of `blockCustomers`. */
  blockRanges(blockCustomers: number): [number, number][] {
    if (!(Number.isInteger(blockCustomers) && blockCustomers >= 1))
      throw new Error(`${WHERE}: blockCustomers must be an integer ≥ 1, got ${blockCustomers}`);
    const out: [number, number][] = [];
    for (let from = 0; from < this.customers.length; from += blockCustomers)
      out.push([from, Math.min(this.customers.length, from + blockCustomers)]);
    return out;
  }

  /** Reads the event slice spanning cohort `rows` (ascending, not empty). */
  async read(rows: Int32Array, columns: BlockColumns): Promise<StoreBlock> {
    const first = this.customers[rows[0]],
      last = this.customers[rows[rows.length - 1]];
    const from = this.offsets[first],
      to = this.offsets[last + 1];
    const names = COLUMNS[columns].map((n) => `events/${n}`);
    const g = await readZarrGroup(this.path, names, { rows: [from, to], chunkCache: this.cache });
    this.counters.blocks++;
    this.counters.events += to - from;
    this.counters.peakEvents = Math.max(this.counters.peakEvents, to - from);
    const col = <T>(name: string, ctor: abstract new (...args: never[]) => T): T => {
      const data = g.arrays[`events/${name}`]?.data;
      if (data === undefined) return new (ctor as unknown as new (n: number) => T)(0);
      if (!(data instanceof ctor)) throw new Error(`${WHERE}: ${this.path} array 'events/${name}' is not ${ctor.name}`);
      return data;
    };
    return {
      rows,
      customers: Int32Array.from(rows, (r) => this.customers[r] - first),
      eventBase: from,
      offsets: Int32Array.from(this.offsets.subarray(first, last + 2), (o) => o - from),
      customerIds: this.customerIds.slice(first, last + 1),
      t: col('t', Float64Array),
      type: col('type', Uint8Array),
      amount: col('amount', Float64Array),
      item: col('item', Int32Array),
      category: col('category', Int32Array),
      session: col('session', Int32Array),
      itemHash: this.itemHash,
      categoryHash: this.categoryHash,
    };
  }

  /** Writes a block's token rows (read with `tokens`) at `featureEnd` into rows row0.. of `grid`; returns how many have an event before it. */
  tokens(
    block: StoreBlock,
    featureEnd: number,
    c: Readonly<EncoderConfig>,
    grid: SequenceInputs,
    row0: number,
  ): number {
    return fillTokenRows(block, block.customers, featureEnd, c, grid, row0);
  }

  /**
   * Every cohort row in order, a block at a time: token rows and raw static inputs at
   * `featureEnd`, both from one read of the block. Throws at the end when every sequence is empty.
   */
  async *scan(
    featureEnd: number,
    c: Readonly<EncoderConfig>,
    blockCustomers: number,
  ): AsyncGenerator<{ rows: Int32Array; grid: SequenceInputs; statics: StaticFeatures }> {
    let nonEmpty = 0;
    for (const [from, to] of this.blockRanges(blockCustomers)) {
      const block = await this.read(
        Int32Array.from({ length: to - from }, (_, i) => from + i),
        tokenGridLength(c) > 0 ? 'tokens' : 'static',
      );
      const grid = emptyTokenGrid(to - from, c);
      nonEmpty += this.tokens(block, featureEnd, c, grid, 0);
      yield { rows: block.rows, grid, statics: await this.staticFeatures(block, featureEnd, c) };
    }
    checkNotAllEmpty(this.customers.length, nonEmpty, featureEnd);
  }

  /**
   * Raw static inputs of a block's rows at `featureEnd` (static-features.ts over the block's slice).
   * The stored `features/graph` is known before the score window's cutoff, so `+social` inputs at
   * an earlier featureEnd (the temporal protocol's fit window) are refused rather than leaked.
   */
  async staticFeatures(block: StoreBlock, featureEnd: number, c: Readonly<EncoderConfig>): Promise<StaticFeatures> {
    if (c.useSocial && featureEnd !== this.score.featureEnd) {
      throw new Error(
        `${WHERE}: ${this.path}: features/graph is computed before the score cutoff ${new Date(this.score.featureEnd).toISOString()}; useSocial (+social) at featureEnd ${new Date(featureEnd).toISOString()} (the temporal protocol's fit window) would read later graph features — the store holds no graph at the fit cutoff`,
      );
    }
    const table = c.useSocial ? await this.graph() : undefined;
    const graph =
      table === undefined
        ? undefined
        : { names: table.names, columns: table.columns.map((col) => Float64Array.from(block.rows, (r) => col[r])) };
    const start = Number(this.attributes['start_ms']);
    if (!Number.isFinite(start))
      throw new Error(
        `${WHERE}: ${this.path} has no finite start_ms attribute (the calibration start the static inputs count from)`,
      );
    const log = {
      t: block.t,
      type: block.type,
      amount: block.amount,
      valueTarget: this.attributes['value_target'] as EventLog['valueTarget'],
      customerIds: block.customerIds,
    };
    const task = { log, offsets: block.offsets, split: { customers: block.customers, start }, graph };
    return buildStaticFeatures(task, featureEnd, c);
  }

  /** The store's `features/graph` table (cohort rows × columns), when it has one. */
  async graph(): Promise<FeatureTable | undefined> {
    if (this.graphTable !== undefined) return this.graphTable;
    const g = await readZarrGroup(this.path, ['features/graph']).catch(() => undefined);
    if (g === undefined) return undefined;
    const { data, shape, attributes } = g.arrays['features/graph'];
    const names = attributes?.['columns'];
    if (
      !(data instanceof Float64Array) ||
      shape.length !== 2 ||
      shape[0] !== this.customers.length ||
      !Array.isArray(names) ||
      names.length !== shape[1]
    ) {
      throw new Error(
        `${WHERE}: ${this.path} features/graph must be float64 [${this.customers.length} × columns] with a 'columns' attribute, got shape [${shape.join(', ')}]`,
      );
    }
    const k = shape[1];
    this.graphTable = {
      names: names.map(String),
      columns: Array.from({ length: k }, (_, j) => Float64Array.from({ length: shape[0] }, (_, i) => data[i * k + j])),
    };
    return this.graphTable;
  }
}
