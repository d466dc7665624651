// The SQL dialects of `clvlab sql` (issue 16 §3): everything that differs between DuckDB,
// PostgreSQL and Spark SQL, in this one table. The rest of the generated SQL is ANSI (window
// functions, CASE, CAST, GROUP BY, ordered aggregation through `orderedSum`) and shared.
//
// Why each entry differs:
//   xor / shiftRight   no ANSI bitwise operators: DuckDB xor() and >>, PostgreSQL # and >>, Spark ^ and shiftright()
//   epochMs            timestamp → epoch ms: DuckDB epoch_ms(), PostgreSQL EXTRACT(EPOCH), Spark unix_millis()
//   typeName           the type of a column as text: typeof() / pg_typeof() / typeof(), lower-cased
//   fail               raise a one-line error from a query: DuckDB error(), Spark raise_error(),
//                      PostgreSQL has none, so the prelude defines pg_temp.clvlab_fail (PL/pgSQL RAISE)
//   orderedSum         a float sum in a given row order (bit-identical to the TypeScript loops):
//                      SUM(x ORDER BY o) in DuckDB and PostgreSQL (both add sequentially in that order),
//                      Spark has no ordered aggregate, so a fold over the sorted collect_list
//   stage / table      session-scoped intermediate tables (TEMP tables; Spark CACHE TABLE, which
//                      materialises) and replaceable output tables
//   exportParquet      COPY … (FORMAT parquet) / INSERT OVERWRITE DIRECTORY … USING parquet; PostgreSQL cannot
//   types              DOUBLE / DOUBLE PRECISION, TEXT / VARCHAR / STRING
//   typeNames          how each engine spells the accepted input column types (lower case, LIKE patterns)

export type DialectName = 'duckdb' | 'postgres' | 'spark';
export const DIALECT_NAMES: readonly DialectName[] = Object.freeze(['duckdb', 'postgres', 'spark']);

/** Input column classes the event table is checked against. */
export type TypeClass = 'text' | 'timestamp' | 'number' | 'integer' | 'null';

export interface SqlDialect {
  readonly name: DialectName;
  readonly double: string;
  readonly text: string;
  quote(identifier: string): string;
  xor(a: string, b: string): string;
  shiftRight(a: string, bits: number): string;
  epochMs(timestamp: string): string;
  typeName(expr: string): string;
  fail(message: string): string;
  orderedSum(value: string, order: string): string;
  /** Statements run before anything else (PostgreSQL: the fail function). */
  readonly prelude: readonly string[];
  /** Statements that (re)create a session-scoped intermediate table. */
  stage(name: string, select: string): string[];
  /** Statements that (re)create an output table. */
  table(name: string, select: string): string[];
  /** A statement writing table `name` as Parquet `<dir>/<table>.parquet` (Spark: the directory of parts `<dir>/<table>/`); null when the engine cannot. */
  exportParquet(name: string, dir: string, table: string): string | null;
  readonly typeNames: Readonly<Record<TypeClass, readonly string[]>>;
}

const ansiQuote = (id: string): string => `"${id.replace(/"/g, '""')}"`;

export const SQL_DIALECTS: Readonly<Record<DialectName, SqlDialect>> = Object.freeze({
  duckdb: {
    name: 'duckdb',
    double: 'DOUBLE',
    text: 'VARCHAR',
    quote: ansiQuote,
    xor: (a, b) => `xor(${a}, ${b})`,
    shiftRight: (a, n) => `(${a} >> ${n})`,
    epochMs: (ts) => `epoch_ms(${ts})`,
    typeName: (e) => `lower(typeof(${e}))`,
    fail: (m) => `error(${m})`,
    orderedSum: (v, o) => `SUM(${v} ORDER BY ${o})`,
    prelude: [],
    stage: (name, select) => [`CREATE OR REPLACE TEMP TABLE ${name} AS\n${select}`],
    table: (name, select) => [`CREATE OR REPLACE TABLE ${name} AS\n${select}`],
    exportParquet: (name, dir, table) => `COPY ${name} TO '${dir}/${table}.parquet' (FORMAT parquet)`,
    typeNames: {
      text: ['varchar'],
      timestamp: ['timestamp', 'timestamp with time zone', 'timestamp_s', 'timestamp_ms', 'timestamp_ns'],
      number: [
        'double',
        'float',
        'real',
        'decimal(%',
        'bigint',
        'integer',
        'smallint',
        'tinyint',
        'hugeint',
        'ubigint',
        'uinteger',
        'usmallint',
        'utinyint',
      ],
      integer: ['bigint', 'integer', 'smallint', 'tinyint', 'hugeint', 'ubigint', 'uinteger', 'usmallint', 'utinyint'],
      null: ['"null"', 'null'],
    },
  },
  postgres: {
    name: 'postgres',
    double: 'DOUBLE PRECISION',
    text: 'TEXT',
    quote: ansiQuote,
    xor: (a, b) => `(${a} # ${b})`,
    shiftRight: (a, n) => `(${a} >> ${n})`,
    epochMs: (ts) => `CAST(FLOOR(EXTRACT(EPOCH FROM ${ts}) * 1000) AS BIGINT)`,
    typeName: (e) => `lower(CAST(pg_typeof(${e}) AS TEXT))`,
    fail: (m) => `pg_temp.clvlab_fail(${m})`,
    orderedSum: (v, o) => `SUM(${v} ORDER BY ${o})`,
    prelude: [
      "CREATE OR REPLACE FUNCTION pg_temp.clvlab_fail(msg TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '%', msg; END $$",
    ],
    stage: (name, select) => [`DROP TABLE IF EXISTS pg_temp.${name}`, `CREATE TEMP TABLE ${name} AS\n${select}`],
    table: (name, select) => [`DROP TABLE IF EXISTS ${name}`, `CREATE TABLE ${name} AS\n${select}`],
    exportParquet: () => null,
    typeNames: {
      text: ['text', 'character varying', 'character', 'name'],
      timestamp: ['timestamp without time zone', 'timestamp with time zone'],
      number: ['double precision', 'real', 'numeric', 'bigint', 'integer', 'smallint'],
      integer: ['bigint', 'integer', 'smallint'],
      null: ['unknown'],
    },
  },
  spark: {
    name: 'spark',
    double: 'DOUBLE',
    text: 'STRING',
    quote: (id) => `\`${id.replace(/`/g, '``')}\``,
    xor: (a, b) => `(${a} ^ ${b})`,
    shiftRight: (a, n) => `shiftright(${a}, ${n})`,
    epochMs: (ts) => `unix_millis(CAST(${ts} AS TIMESTAMP))`,
    typeName: (e) => `lower(typeof(${e}))`,
    fail: (m) => `raise_error(${m})`,
    orderedSum: (v, o) =>
      `aggregate(transform(array_sort(collect_list(named_struct('o', ${o}, 'v', ${v}))), s -> s.v), CAST(0 AS DOUBLE), (acc, x) -> acc + x)`,
    prelude: [],
    stage: (name, select) => [
      `UNCACHE TABLE IF EXISTS ${name}`,
      `DROP VIEW IF EXISTS ${name}`,
      `CACHE TABLE ${name} AS\n${select}`,
    ],
    table: (name, select) => [`DROP TABLE IF EXISTS ${name}`, `CREATE TABLE ${name} USING parquet AS\n${select}`],
    exportParquet: (name, dir, table) =>
      `INSERT OVERWRITE DIRECTORY '${dir}/${table}' USING parquet\nSELECT * FROM ${name}`,
    typeNames: {
      text: ['string', 'varchar(%', 'char(%'],
      timestamp: ['timestamp', 'timestamp_ntz'],
      number: ['double', 'float', 'decimal(%', 'bigint', 'int', 'smallint', 'tinyint'],
      integer: ['bigint', 'int', 'smallint', 'tinyint'],
      null: ['void'],
    },
  },
});
