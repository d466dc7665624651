// Generates the README's results table from a benchmark record (docs/architecture.md §Benchmark record: the table is
// generated from records; each dataset's block names the command that reproduces it).
//   npx tsx tools/readme-table.ts [results/default ...]                 print the table(s)
//   npx tsx tools/readme-table.ts [results/default ...] --write README.md
//       replace the text between <!-- results:start --> and <!-- results:end --> (atomically)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  campaignTable,
  comparisonTable,
  decisionTable,
  deltaText,
  embeddingTable,
  fmt,
  leaderboard,
  markdownTable,
  primaryComparison,
  readRecord,
  sequenceContributionTable,
  writeFileAtomic,
} from '@clvlab/benchmark';

export const RESULTS_START = '<!-- results:start -->';
export const RESULTS_END = '<!-- results:end -->';

/** The Markdown block (without markers) for the record in `dir`. */
export function resultsTable(dir: string): string {
  const record = readRecord(dir, { predictions: false });
  const m = record.manifest as Record<string, Record<string, unknown> | string | undefined>;
  const code = (m.code ?? {}) as Record<string, unknown>;
  const rt = (m.runtime ?? {}) as Record<string, unknown>;
  const hw = (m.hardware ?? {}) as Record<string, unknown>;
  const command = String(m.command ?? '');
  const datasets = [...new Set(record.metrics.rows.map((r) => r.dataset))];
  const rows: string[][] = [];
  for (const ds of datasets) {
    const best = record.metrics.best_baseline[ds];
    for (const l of leaderboard(record, ds)) {
      const g = l.row.metrics,
        lo = l.row.lower!,
        hi = l.row.upper!;
      const delta = l.model === best ? 'best baseline (valid)' : deltaText(l.delta);
      rows.push([
        ds,
        l.model,
        `${fmt(g.normalized_gini)} [${fmt(lo.normalized_gini)}, ${fmt(hi.normalized_gini)}]`,
        fmt(g.top10_capture),
        fmt(g.auc),
        l.row.decileMapeDeciles !== undefined
          ? `${fmt(g.decile_mape)} (${l.row.decileMapeDeciles}/10)`
          : fmt(g.decile_mape),
        delta,
      ]);
    }
  }
  const commit = String(code.git_commit ?? 'uncommitted').slice(0, 12);
  const seeds = ((m.seeds ?? []) as unknown as number[]).length;
  const tuning = (m.protocol as Record<string, { trials?: number; halving?: number }> | undefined)?.tuning;
  const tune = tuning?.trials ?? 1;
  const halving = tuning?.halving ?? 1;
  const comparisons = datasets.flatMap((ds) => {
    const out: string[] = [];
    const p = primaryComparison(record, ds);
    if (p)
      out.push(
        '',
        `Primary comparison on ${ds} (both chosen on the valid fold, tested alone):`,
        '',
        markdownTable(['', ''], p),
      );
    const q = sequenceContributionTable(record, ds);
    if (q)
      out.push(
        '',
        `Sequence contribution on ${ds} (same head and static inputs without the sequence):`,
        '',
        markdownTable(q.header, q.rows),
      );
    const c = comparisonTable(record, ds);
    if (c && c.rows.length)
      out.push(
        '',
        `Paired Δ normalized Gini on ${ds} against each non-sequence model and the plain twin (* = Holm-adjusted p < 0.05):`,
        '',
        markdownTable(c.header, c.rows),
      );
    const d = decisionTable(record, ds);
    if (d) out.push('', `Decisions on ${ds}: ${d.note}`, '', markdownTable(d.header, d.rows));
    const e = embeddingTable(record, ds);
    if (e)
      out.push(
        '',
        `Embeddings vs RFM on ${ds} (ridge probe fitted on the train fold, scored on test; look-alikes of the top 10% train customers by holdout value among test customers; first seed):`,
        '',
        markdownTable(e.header, e.rows),
      );
    const c2 = campaignTable(record, ds);
    if (c2) {
      // The seed means only (the per-seed rows are in the record's report).
      const means = (rows: string[][]) => rows.filter((r) => r[1].startsWith('mean'));
      out.push(
        '',
        `The campaign on ${ds}: ${c2.note}`,
        '',
        markdownTable(c2.header, means(c2.rows)),
        '',
        markdownTable(c2.deltaHeader, means(c2.deltaRows)),
      );
    }
    return out;
  });
  return [
    `From the record in \`${dir}\` ` +
      `(commit ${commit}${code.git_dirty ? ', dirty tree' : ''}; tfjs ${JSON.stringify(rt.tfjs_backend)}; ${hw.cores} × ${hw.cpu_model}; ${m.created}). ` +
      `${seeds} seed(s), tuning ${tune > 1 ? `${tune} trials per family on the valid fold${halving > 1 ? ` (successive halving η = ${halving})` : ''}` : 'none'}. Test customers; 95% intervals ` +
      `(${seeds > 1 ? 'Nadeau–Bengio corrected resampled t over seeds' : 'bootstrap over test customers'}); Δ = paired difference in normalized Gini against the best baseline chosen on the valid fold, * = Holm-adjusted p < 0.05.`,
    '',
    `Reproduce: \`${command}\``,
    '',
    markdownTable(
      [
        'dataset',
        'model',
        'normalized Gini [95% CI]',
        'top-10% capture',
        'AUC',
        'decile MAPE (deciles)',
        'Δ Gini vs best baseline',
      ],
      rows,
    ),
    ...comparisons,
  ].join('\n');
}

/** `text` with the block between the markers replaced by `table`; throws when the markers are missing. */
export function replaceBetweenMarkers(text: string, table: string, file = 'README.md'): string {
  const a = text.indexOf(RESULTS_START),
    b = text.indexOf(RESULTS_END);
  if (a < 0 || b < a)
    throw new Error(`tools/readme-table: ${file}: expected the markers ${RESULTS_START} ... ${RESULTS_END}`);
  return `${text.slice(0, a + RESULTS_START.length)}\n${table}\n${text.slice(b)}`;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('readme-table.ts')) {
  const { values, positionals } = parseArgs({ options: { write: { type: 'string' } }, allowPositionals: true });
  const dirs = positionals.length ? positionals : ['results/default'];
  try {
    const table = [
      `Generated by \`npx tsx tools/readme-table.ts ${dirs.join(' ')} --write README.md\`.`,
      ...dirs.map(resultsTable),
    ].join('\n\n');
    if (values.write) {
      const path = resolve(values.write);
      writeFileAtomic(path, replaceBetweenMarkers(readFileSync(path, 'utf8'), table, values.write));
      process.stderr.write(`readme-table: updated ${values.write} from ${dirs.join(', ')}\n`);
    } else process.stdout.write(table + '\n');
  } catch (err) {
    process.stderr.write(`${(err as Error).message.split('\n')[0]}\n`);
    process.exit(2);
  }
}
