// `clvlab ingest` (docs/architecture.md §CLI): read a dataset file in a named format, split sessions, build
// the evaluation split and labels, and store everything as one Zarr v3 prepared dataset, with
// per-cohort-customer features (docs/architecture.md §Prepared dataset): `features/rfm` always (recency, frequency,
// monetary, tenure before the cutoff), and `features/graph` when `--edges FILE` names a
// SNAP-style edge list whose node labels are customer ids (Ciao's trust list). The edge file
// gets the accounting event files get: rows read = kept + rejected by reason (header,
// wrong-column-count, bad-weight, negative-weight, self-loop, duplicate; see
// @clvlab/social-graph read-edge-list.ts), `--strict` fails on its first rejected row too;
// then edges with a label that is not a customer are dropped and counted. Both are printed,
// in the `graph` block of --json and in the store's `graph_source` attribute. An edge file
// has no dates, so the store marks it `dated: false`: `bench` refuses its +social features
// unless --allow-undated-graph. `--format prepared-parquet --input DIR` stores the tables of
// `clvlab sql` instead (apps/benchmark/src/sql/ingest-prepared-parquet.ts).
// `--customers FILE` (customer_id,<attributes>; datasets/customer-attributes.ts) stores the
// cohort's static attributes at `customers/attributes` for the `+cov` models: numeric columns as
// they are, categorical ones (non-numeric, or named in `--categorical a,b`) as k − 1 dummies,
// the coding in the array's `source` attribute and the root's `customer_attributes`; the file's
// hash joins the source hash, so cells over other attributes are never reused.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { stableStringify } from '@clvlab/core';
import { rfmFeatures } from '@clvlab/features';
import {
  prepareDataset,
  type CustomerAttributeTable,
  type PreparedDataset,
  type PreparedFeatures,
} from '@clvlab/sessions';
import { writePreparedDataset } from '@clvlab/sessions/node';
import { closeGraphPools } from '@clvlab/social-graph/node';
import { accountingJson, asCliError, durationOption, intOption, INPUT_OPTIONS, readInput, str } from '../cli-input.ts';
import { CliError, type Command } from '../command.ts';
import {
  customerCovariates,
  readCustomerAttributes,
  type CustomerAttributeFile,
} from '../datasets/customer-attributes.ts';
import { edgeFileGraphFeatures, type EdgeFileGraphFeatures } from '../datasets/graph-features.ts';
import { ingestPreparedParquet } from '../sql/ingest-prepared-parquet.ts';

export const command: Command = {
  name: 'ingest',
  summary: 'Read a dataset, split sessions, build the evaluation split and labels, store a Zarr v3 prepared dataset.',
  usage:
    'ingest --input FILE --format cdnow|online-retail|taobao|ciao|events [--map a=b,..] [--gap 30m] [--cutoff ISO] ' +
    '[--horizon 39w] [--protocol cross-sectional|temporal] [--seed 1] [--strict] [--date-order auto|ymd|mdy|dmy] [--workers N] ' +
    '[--edges FILE [--directed]] [--customers FILE [--categorical a,b]] --out DS.zarr   (--strict applies to the edge file too)\n' +
    '  ingest --format prepared-parquet --input DIR --out DS.zarr   (the Parquet tables of clvlab sql)',
  options: {
    ...INPUT_OPTIONS,
    gap: { type: 'string' },
    cutoff: { type: 'string' },
    horizon: { type: 'string' },
    protocol: { type: 'string' },
    seed: { type: 'string' },
    edges: { type: 'string' },
    directed: { type: 'boolean' },
    customers: { type: 'string' },
    categorical: { type: 'string' },
    out: { type: 'string' },
  },
  async run(values, _positionals, ctx) {
    const out = str(values, 'out');
    if (!out) throw new CliError('--out DS.zarr is required');
    const customersFile = str(values, 'customers');
    const categorical = str(values, 'categorical')
      ?.split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    if (categorical !== undefined && customersFile === undefined)
      throw new CliError('--categorical needs --customers FILE');
    if (str(values, 'format') === 'prepared-parquet') {
      if (customersFile !== undefined)
        throw new CliError('--customers applies to event files, not --format prepared-parquet');
      return ingestPreparedParquet(values, out, ctx);
    }
    const gapMs = durationOption(values, 'gap');
    const horizon = durationOption(values, 'horizon');
    const cutoffText = str(values, 'cutoff');
    const cutoff = cutoffText === undefined ? undefined : Date.parse(cutoffText);
    if (cutoff !== undefined && !Number.isFinite(cutoff))
      throw new CliError(`--cutoff: expected an ISO date such as 1997-10-01, got '${cutoffText}'`);
    const protocol = str(values, 'protocol');
    if (protocol !== undefined && protocol !== 'cross-sectional' && protocol !== 'temporal') {
      throw new CliError(`--protocol: expected cross-sectional or temporal, got '${protocol}'`);
    }
    const seed = intOption(values, 'seed');
    const edges = str(values, 'edges');
    const directed = values.directed === true;
    if (directed && edges === undefined) throw new CliError('--directed needs --edges FILE');
    if (edges !== undefined && !existsSync(edges)) throw new CliError(`${edges}: no such file`);
    if (customersFile !== undefined && !existsSync(customersFile)) throw new CliError(`${customersFile}: no such file`);
    let attributeFile: CustomerAttributeFile | undefined;
    try {
      if (customersFile !== undefined) attributeFile = readCustomerAttributes(customersFile, categorical);
    } catch (err) {
      throw attributeError(err);
    }

    const { log, report } = await readInput(values);
    const sourceHash = attributeFile
      ? `sha256:${createHash('sha256')
          .update(stableStringify({ source: `sha256:${report.sha256}`, customers: `sha256:${attributeFile.sha256}` }))
          .digest('hex')}`
      : `sha256:${report.sha256}`;
    let prepared: PreparedDataset;
    let graph: EdgeFileGraphFeatures | undefined;
    let features: PreparedFeatures;
    let covariates: CustomerAttributeTable | undefined;
    try {
      prepared = prepareDataset(log, {
        dataset: str(values, 'format')!,
        sourceHash,
        gapMs,
        cutoff,
        horizon,
        protocol,
        seed,
      });
      if (edges !== undefined) graph = await graphFeatures(edges, directed, values.strict === true, prepared);
      // Both tables read events before the cutoff (split.score.featureEnd), as `clvlab rfm` and the benchmark do.
      features = { rfm: rfmTable(prepared), graph: graph?.features.graph };
      if (attributeFile) {
        try {
          covariates = customerCovariates(attributeFile, prepared.log.customerIds, prepared.split);
        } catch (err) {
          throw attributeError(err);
        }
      }
      await writePreparedDataset(
        out,
        prepared,
        {
          format: report.format,
          source_file: basename(report.file),
          rows_read: report.rowsRead,
          rows_kept: report.rowsKept,
          rejected: report.rejected,
          ingest_details: report.details,
          ...(graph
            ? {
                graph_source: {
                  edges_file: basename(edges!),
                  edges_sha256: graph.report.sha256,
                  directed,
                  dated: false,
                  ...graph.accounting,
                },
              }
            : {}),
          ...(covariates ? { customer_attributes: { columns: [...covariates.names], ...covariates.source } } : {}),
        },
        { ...features, covariates },
      );
    } catch (err) {
      throw asCliError(err);
    } finally {
      if (edges !== undefined) await closeGraphPools();
    }
    const a = prepared.attributes;
    const result = {
      ...accountingJson(report),
      purchases: report.purchases,
      sessions: prepared.sessionCount,
      cohort: a.cohort,
      value_target: a.value_target,
      cutoff: a.cutoff,
      horizon: a.horizon,
      gap: a.gap,
      protocol: a.protocol,
      source_sha256: report.sha256,
      features: Object.fromEntries(
        Object.entries(features)
          .filter(([, t]) => t !== undefined)
          .map(([k, t]) => [k, [...t!.names]]),
      ),
      ...(graph
        ? {
            graph: {
              edges: edges!,
              directed,
              dated: false,
              ...graph.accounting,
              first_rejected: graph.report.firstRejected,
            },
          }
        : {}),
      ...(covariates ? { customer_attributes: { columns: [...covariates.names], ...covariates.source } } : {}),
      out,
    };
    if (!ctx.json) {
      const rejected =
        Object.entries(result.rejected)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none';
      ctx.log(`read ${result.rows_read} rows, kept ${result.rows_kept}, rejected: ${rejected}`);
      ctx.log(
        `${result.customers} customers, ${result.events} events (${result.purchases} purchases), ${result.sessions} sessions at gap ${a.gap}`,
      );
      ctx.log(
        `split ${a.protocol}: cutoff ${a.cutoff}, horizon ${a.horizon}, cohort ${a.cohort}; value target ${a.value_target}`,
      );
      if (graph) {
        const g = graph.accounting;
        const why =
          Object.entries(g.rejected)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || 'none';
        ctx.log(`edges ${edges}: read ${g.rows_read} rows, kept ${g.rows_kept}, rejected: ${why}`);
        for (const [reason, message] of Object.entries(graph.report.firstRejected))
          if (reason !== 'header') ctx.log(`  first ${reason}: ${message}`);
        ctx.log(
          `graph: ${g.file_edges} edges, kept ${g.kept}, dropped ${g.dropped_not_customer} (a label is not a customer; ` +
            `${g.nodes_not_customers} of ${g.file_nodes} labels); ${graph.features.graph.names.length} features per cohort customer`,
        );
        ctx.log(
          'graph: the edge file is undated, so `bench` uses these features for +social models only with --allow-undated-graph',
        );
      }
      if (covariates) {
        const src = covariates.source as {
          rows: number;
          rows_not_in_cohort: number;
          categorical: Record<string, { reference: string }>;
        };
        const coded = Object.entries(src.categorical)
          .map(([c, v]) => `${c} (reference '${v.reference}')`)
          .join(', ');
        ctx.log(
          `customer attributes ${customersFile}: ${src.rows} rows (${src.rows_not_in_cohort} not in the cohort), ${covariates.names.length} covariates per cohort customer: ` +
            `${covariates.names.join(', ')}${coded ? `; dummies for ${coded}` : ''}`,
        );
      }
      ctx.log(`wrote ${out}`);
    }
    return result;
  },
};

/** The attribute file's errors name the file (and line) already: one-line CLI errors. */
function attributeError(err: unknown): CliError {
  return new CliError(`--customers: ${((err as Error).message ?? String(err)).split('\n')[0]}`);
}

/** RFM features of the cohort as a plain FeatureTable (rfmFeatures also carries the history); none for an empty cohort. */
function rfmTable(prepared: PreparedDataset): PreparedFeatures['rfm'] {
  if (prepared.split.customers.length === 0) return undefined;
  const f = rfmFeatures(prepared);
  return { names: f.names, columns: f.columns };
}

/** `--edges FILE`: graph features over the log's customers; bad edge files are one-line CLI errors. */
async function graphFeatures(
  edges: string,
  directed: boolean,
  strict: boolean,
  prepared: PreparedDataset,
): Promise<EdgeFileGraphFeatures> {
  try {
    return await edgeFileGraphFeatures(edges, { directed, strict, scoreOnly: true }, prepared.log, prepared.split);
  } catch (err) {
    // readEdgeList reports `FILE:line:column: expected ...`; anything else is not the user's input.
    const message = (err as Error).message ?? '';
    if (message.startsWith(`${edges}:`) || /^social-graph\/(read-edge-list|build-graph): /.test(message))
      throw new CliError(`--edges: ${message.split('\n')[0]}`);
    throw err;
  }
}
