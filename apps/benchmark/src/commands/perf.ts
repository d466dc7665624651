// `clvlab perf`: runs the packages' performance suites (they live in each package's
// benchmark/ folder, docs/architecture.md §Style: timing belongs in benchmarks, not tests) and prints their
// figures. Suites are loaded by file URL so the CLI still starts when one is missing.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CliError, type Command } from '../command.ts';

interface Suite {
  readonly file: string;
  readonly exportName: string;
}

export const PERF_SUITES: Readonly<Record<string, Suite>> = Object.freeze({
  ingest: { file: 'packages/events/benchmark/perf-ingest.ts', exportName: 'runIngestPerf' },
  graph: { file: 'packages/social-graph/benchmark/perf-graph.ts', exportName: 'runGraphPerf' },
  encoder: { file: 'packages/behavior-encoder/benchmark/perf-encoder.ts', exportName: 'runEncoderPerf' },
  trees: { file: 'packages/trees/benchmark/gbdt-vs-xgboost.ts', exportName: 'runTreesPerf' },
  scale: { file: 'apps/benchmark/benchmark/perf-scale.ts', exportName: 'runScalePerf' },
});

type SuiteFn = (options?: { log?: (line: string) => void }) => Promise<unknown> | unknown;

async function runSuite(name: string, log: (line: string) => void): Promise<unknown> {
  const suite = PERF_SUITES[name];
  const url = new URL(`../../../../${suite.file}`, import.meta.url);
  if (!existsSync(fileURLToPath(url)))
    throw new CliError(
      `suite '${name}': ${suite.file} does not exist yet (its package has not published a perf suite)`,
    );
  const mod = (await import(url.href)) as Record<string, unknown>;
  const fn = mod[suite.exportName] as SuiteFn | undefined;
  if (typeof fn !== 'function')
    throw new CliError(`suite '${name}': ${suite.file} does not export ${suite.exportName}()`);
  log(`perf: running ${name} (${suite.file})`);
  return await fn({ log });
}

export const command: Command = {
  name: 'perf',
  summary:
    'Run performance suites: ingest (events/s, bytes/event vs DuckDB), graph (centralities), encoder (training throughput), trees (GBDT vs XGBoost), scale (every bench stage at 10k/100k/1M customers).',
  usage: `perf [--suite ${Object.keys(PERF_SUITES).join('|')}|all]`,
  options: { suite: { type: 'string' } },
  async run(values, _positionals, ctx) {
    const requested = String(values.suite ?? 'all');
    // `all` is the quick suites; `scale` (10k to 1M customers, hours on 2 cores) runs only when named.
    const names = requested === 'all' ? Object.keys(PERF_SUITES).filter((n) => n !== 'scale') : requested.split(',');
    for (const n of names)
      if (!PERF_SUITES[n])
        throw new CliError(`--suite: expected one of ${Object.keys(PERF_SUITES).join(', ')}, all; got '${n}'`);
    const results: Record<string, unknown> = {};
    const missing: string[] = [];
    for (const n of names) {
      try {
        results[n] = await runSuite(n, ctx.log);
        if (!ctx.json) ctx.log(`perf ${n}: ${JSON.stringify(results[n], null, 1)}`);
      } catch (err) {
        // With --suite all, a suite that does not exist yet is reported, not fatal.
        if (requested === 'all' && err instanceof CliError) {
          missing.push(n);
          results[n] = { error: err.message };
          ctx.log(`perf: ${err.message}`);
        } else throw err;
      }
    }
    if (missing.length === names.length) throw new CliError(`no perf suite available yet (${missing.join(', ')})`);
    return { suites: results, node: process.version };
  },
};
