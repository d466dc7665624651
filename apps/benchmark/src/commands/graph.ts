// `clvlab graph`: node centralities of an edge-list file (docs/architecture.md §CLI), written as values.csv
// with header `node,<metric>...` in the input's node labels, atomically (core's writeFileAtomic),
// so a crash never leaves half a result.
import { writeFileAtomic } from '@clvlab/core/node';
import {
  betweenness,
  closeness,
  DEFAULT_PAGERANK,
  degree,
  harmonic,
  pagerank,
  type Approximation,
  type EdgeListResult,
} from '@clvlab/social-graph';
import { closeGraphPools, readEdgeList } from '@clvlab/social-graph/node';
import { intOption } from '../cli-input.ts';
import { CliError, type Command } from '../command.ts';

const METRICS = ['pagerank', 'closeness', 'harmonic', 'betweenness', 'degree'] as const;
type Metric = (typeof METRICS)[number];

function parseApprox(value: string | undefined): 'auto' | 'off' | number {
  if (value === undefined || value === 'auto' || value === 'off') return value ?? 'auto';
  if (/^[1-9]\d*$/.test(value)) return Number(value);
  throw new CliError(`--approx: expected auto, off or a positive integer (pivots), got "${value}"`);
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `--alpha` (a probability, networkx's damping) and `--tol` (> 0), defaults from DEFAULT_PAGERANK. */
function parsePageRank(values: Record<string, unknown>): { damping: number; tol: number } {
  const alphaText = values.alpha as string | undefined,
    tolText = values.tol as string | undefined;
  const damping = alphaText === undefined ? DEFAULT_PAGERANK.damping : Number(alphaText);
  if (alphaText !== undefined && !(NUMBER.test(alphaText) && damping >= 0 && damping <= 1)) {
    throw new CliError(
      `--alpha: expected the PageRank damping, a number in [0, 1] (networkx default 0.85), got "${alphaText}"`,
    );
  }
  const tol = tolText === undefined ? DEFAULT_PAGERANK.tol : Number(tolText);
  if (tolText !== undefined && !(NUMBER.test(tolText) && tol > 0 && Number.isFinite(tol))) {
    throw new CliError(`--tol: expected a PageRank tolerance, a number > 0 (networkx default 1e-6), got "${tolText}"`);
  }
  return { damping, tol };
}

export const command: Command = {
  name: 'graph',
  summary: 'Centralities of an edge-list graph (PageRank, closeness, harmonic, betweenness, degree) to values.csv.',
  usage:
    'graph --edges FILE [--directed] [--weighted] [--strict] [--metrics pagerank,closeness,harmonic,betweenness,degree] [--alpha 0.85] [--tol 1e-6] [--approx auto|off|K] [--workers N (0 = one per core)] [--betweenness-k K] --out values.csv',
  options: {
    edges: { type: 'string' },
    directed: { type: 'boolean' },
    weighted: { type: 'boolean' },
    strict: { type: 'boolean' },
    metrics: { type: 'string' },
    alpha: { type: 'string' },
    tol: { type: 'string' },
    approx: { type: 'string' },
    workers: { type: 'string' },
    'betweenness-k': { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
  },
  async run(values, _positionals, ctx) {
    const edges = values.edges as string | undefined,
      out = values.out as string | undefined;
    if (!edges) throw new CliError('--edges FILE is required');
    if (!out) throw new CliError('--out values.csv is required');
    const metrics = String(values.metrics ?? 'pagerank,closeness,harmonic,degree')
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean);
    for (const m of metrics)
      if (!(METRICS as readonly string[]).includes(m))
        throw new CliError(`--metrics: unknown metric "${m}" (expected ${METRICS.join(', ')})`);
    const approx = parseApprox(values.approx as string | undefined);
    const workers = intOption(values, 'workers', { min: 0 }),
      k = intOption(values, 'betweenness-k', { min: 1 }),
      seed = intOption(values, 'seed') ?? 0;
    const pr = parsePageRank(values);
    const directed = Boolean(values.directed),
      weighted = Boolean(values.weighted),
      strict = Boolean(values.strict);
    let read: EdgeListResult;
    try {
      read = readEdgeList(edges, { directed, weighted, strict });
    } catch (err) {
      const e = err as Error & { code?: string };
      throw new CliError(e.code === 'ENOENT' ? `${edges}: no such file` : e.message.split('\n')[0]);
    }
    const { graph, report } = read;
    const rejected =
      Object.entries(report.rejected)
        .map(([r, v]) => `${r} ${v}`)
        .join(', ') || 'none';
    ctx.log(`graph: read ${report.rowsRead} rows, kept ${report.rowsKept}, rejected: ${rejected}`);
    for (const [reason, message] of Object.entries(report.firstRejected))
      if (reason !== 'header') ctx.log(`graph:   first ${reason}: ${message}`);
    ctx.log(
      `graph: ${graph.n} nodes, ${graph.edgeCount} edges (${directed ? 'directed' : 'undirected'}${weighted ? ', weighted' : ''})`,
    );
    const columns: Float64Array[] = [];
    const timings: Record<string, number> = {};
    const approximations: Record<string, Approximation | null> = {};
    const common = { weighted, approx, seed, workers };
    try {
      for (const m of metrics as Metric[]) {
        const t = performance.now();
        if (m === 'pagerank') columns.push(pagerank(graph, { weighted, ...pr }).values);
        else if (m === 'degree') columns.push(degree(graph));
        else if (m === 'betweenness') columns.push((await betweenness(graph, { k: k ?? null, seed, workers })).values);
        else {
          const r = await (m === 'closeness' ? closeness : harmonic)(graph, common);
          approximations[m] = r.approximation;
          columns.push(r.values);
        }
        timings[m] = (performance.now() - t) / 1000;
        ctx.log(`graph: ${m} in ${timings[m].toFixed(2)} s`);
      }
    } finally {
      await closeGraphPools();
    }
    const lines = [['node', ...metrics].join(',')];
    for (let i = 0; i < graph.n; i++) {
      const label = graph.labels[i];
      const cell = /[",\n]/.test(label) ? `"${label.replace(/"/g, '""')}"` : label;
      lines.push([cell, ...columns.map((c) => String(c[i]))].join(','));
    }
    writeFileAtomic(out, lines.join('\n') + '\n');
    return {
      edges,
      out,
      rows_read: report.rowsRead,
      rows_kept: report.rowsKept,
      rejected: report.rejected,
      first_rejected: report.firstRejected,
      comment_lines: report.commentLines,
      blank_lines: report.blankLines,
      nodes: graph.n,
      edgeCount: graph.edgeCount,
      directed,
      weighted,
      metrics,
      pagerank: { alpha: pr.damping, tol: pr.tol },
      timings,
      approximation: approximations,
    };
  },
};
