// Options of the SQL event stage (`clvlab sql`), as a frozen defaults object: the same defaults
// as the TypeScript pipeline (prepareDataset, evaluationSplit, rfmFeatures, the encoders' L), so
// that the SQL and `clvlab ingest` prepare the same dataset from the same events.
import { resolveOptions } from '@clvlab/core';
import { DAYS_PER_UNIT, type TimeUnit } from '@clvlab/features';
import { datasetSplit, DEFAULT_PREPARE } from '@clvlab/sessions';
import { DIALECT_NAMES, type DialectName } from './sql-dialects.ts';

/** Our column names in the event table (`--map ours=theirs` renames), as the generic events reader names them. */
export const SQL_EVENT_COLUMNS = Object.freeze([
  'customer_id',
  'timestamp',
  'event_type',
  'item_id',
  'category',
  'amount',
  'quantity',
] as const);
export type SqlEventColumn = (typeof SQL_EVENT_COLUMNS)[number];

export interface SqlOptions {
  dialect: DialectName;
  /** The event table (optionally schema-qualified: `db.events`). */
  inputTable: string;
  /** Column renames, ours → theirs. */
  map: Readonly<Partial<Record<SqlEventColumn, string>>>;
  /** The source-order column (an integer): breaks (customer, timestamp) ties and orders the dictionaries; null = none. */
  seq: string | null;
  gapMs: number;
  /** Epoch ms; null = start + 75% of the span (computed in SQL). */
  cutoff: number | null;
  /** Ms; null = to the end of data (computed in SQL). */
  horizon: number | null;
  seed: number;
  fractions: readonly [number, number, number];
  /** Dataset id stored with the prepared dataset; a named dataset also brings its published window. */
  dataset: string;
  /** Prefix of every table the script creates. */
  prefix: string;
  /** L: events per cohort customer in the sequences table (the encoders' maxEvents). */
  lastEvents: number;
  /** Unit of the BTYD recency and T columns. */
  unit: TimeUnit;
  /** Longest customer id the unrolled hash handles (the script checks it). */
  maxIdLength: number;
  /** When set, the script ends by writing every output table as Parquet under this directory. */
  parquetDir: string | null;
  /**
   * The table is one shard of a larger one (events partitioned by customer): the window must be
   * given, and the checks that need the whole table (cutoff and holdout inside the data, a
   * non-empty cohort) are left to the reader, which sees every shard.
   */
  shard: boolean;
}

export const DEFAULT_SQL_OPTIONS: Readonly<SqlOptions> = Object.freeze({
  // No engine is the default: the user says where the SQL runs.
  dialect: 'duckdb',
  inputTable: 'events',
  map: Object.freeze({}),
  // Without one, (customer_id, timestamp) must be unique: a table has no file order to fall back on.
  seq: null,
  gapMs: DEFAULT_PREPARE.gapMs,
  cutoff: null,
  horizon: null,
  seed: DEFAULT_PREPARE.seed,
  fractions: DEFAULT_PREPARE.fractions,
  // What `clvlab ingest --format events` records for the same events.
  dataset: 'events',
  prefix: 'clvlab_',
  // The encoders' maxEvents (DEFAULT_ENCODER_CONFIG; tests/sql.test.ts checks they agree), not imported:
  // @clvlab/behavior-encoder loads TensorFlow.js, which a command that prints SQL does not need.
  lastEvents: 32,
  // rfmFeatures' and the BTYD models' unit.
  unit: 'week',
  // UUIDs are 36 characters; 64 leaves room and keeps the unrolled hash a few kilobytes per stage.
  maxIdLength: 64,
  parquetDir: null,
  // One table, one run.
  shard: false,
});

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Resolves options: defaults ← the dataset's published window ← what was given; throws one-line errors. */
export function resolveSqlOptions(given: Partial<SqlOptions>): SqlOptions {
  const dataset = given.dataset ?? DEFAULT_SQL_OPTIONS.dataset;
  const published = datasetSplit(dataset, { cutoff: given.cutoff ?? undefined, horizon: given.horizon ?? undefined });
  const o = resolveOptions('benchmark/sql', { ...DEFAULT_SQL_OPTIONS, ...published } as SqlOptions, given);
  const fail = (m: string): never => {
    throw new Error(`benchmark/sql: ${m}`);
  };
  if (!DIALECT_NAMES.includes(o.dialect))
    fail(`dialect must be one of ${DIALECT_NAMES.join(', ')}, got '${String(o.dialect)}'`);
  if (!o.inputTable.split('.').every((part) => IDENTIFIER.test(part)))
    fail(`input table must be a name such as events or db.events, got '${o.inputTable}'`);
  if (!IDENTIFIER.test(o.prefix) && o.prefix !== '') fail(`prefix must be letters, digits and _, got '${o.prefix}'`);
  for (const [ours, theirs] of Object.entries(o.map)) {
    if (!(SQL_EVENT_COLUMNS as readonly string[]).includes(ours))
      fail(`unknown --map column '${ours}' (expected one of ${SQL_EVENT_COLUMNS.join(', ')})`);
    if (!IDENTIFIER.test(String(theirs)))
      fail(`--map ${ours}=${String(theirs)}: a column name must be letters, digits and _`);
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(o.dataset)) fail(`dataset must be letters, digits, _, . and -, got '${o.dataset}'`);
  if (o.seq !== null && !IDENTIFIER.test(o.seq)) fail(`seq must be a column name, got '${o.seq}'`);
  if (!(o.gapMs >= 0) || !Number.isFinite(o.gapMs)) fail(`gap must be a finite number of ms ≥ 0, got ${o.gapMs}`);
  if (o.cutoff !== null && !Number.isFinite(o.cutoff)) fail(`cutoff must be finite epoch ms, got ${o.cutoff}`);
  if (o.horizon !== null && !(o.horizon > 0 && Number.isFinite(o.horizon)))
    fail(`horizon must be a finite number of ms > 0, got ${o.horizon}`);
  if (!Number.isInteger(o.seed)) fail(`seed must be an integer, got ${o.seed}`);
  const [a, b, c] = o.fractions;
  if (o.fractions.length !== 3 || ![a, b, c].every((f) => f >= 0) || Math.abs(a + b + c - 1) > 1e-9)
    fail(`fractions must be 3 shares ≥ 0 summing to 1, got [${o.fractions.join(', ')}]`);
  if (!Number.isInteger(o.lastEvents) || o.lastEvents < 1)
    fail(`last events must be a positive integer, got ${o.lastEvents}`);
  if (!Object.hasOwn(DAYS_PER_UNIT, o.unit))
    fail(`unit must be one of ${Object.keys(DAYS_PER_UNIT).join(', ')}, got '${o.unit}'`);
  if (!Number.isInteger(o.maxIdLength) || o.maxIdLength < 1 || o.maxIdLength > 4096)
    fail(`max id length must be an integer in 1..4096, got ${o.maxIdLength}`);
  if (o.parquetDir !== null && /['\\]/.test(o.parquetDir))
    fail(`parquet directory must not contain a quote or backslash: ${o.parquetDir}`);
  if (o.shard && (o.cutoff === null || o.horizon === null))
    fail('a shard needs --cutoff and --horizon: one shard cannot see the span of the whole table');
  if (o.parquetDir !== null && o.dialect === 'postgres')
    fail(
      "PostgreSQL cannot write Parquet: run the SQL, then export the tables (for example through DuckDB's postgres extension)",
    );
  return o;
}
