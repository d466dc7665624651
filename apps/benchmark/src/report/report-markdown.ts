// report.md: the record's tables in GitHub Markdown (leaderboard with intervals and paired
// differences, per-segment Gini, run summary), for the README and for reading in a terminal.
import type { BenchRecord } from './read-record.ts';
import { comparisonTable, leaderboardTable, manifestSummary, segmentTable } from './report-tables.ts';

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** A Markdown table. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** The whole report.md text. */
export function reportMarkdown(record: BenchRecord, datasets: readonly string[]): string {
  const b = record.metrics.bootstrap;
  const out: string[] = ['# clvlab benchmark report', ''];
  out.push(`Reproduce: \`${String(record.manifest.command ?? '')}\``, '');
  out.push(
    `Metrics on the test customers (DESIGN §5). Intervals: ${Math.round(b.level * 100)}% percentile bootstrap over test customers ` +
      `(${b.resamples} resamples, seed ${b.seed}); Δ Gini: paired bootstrap against the best baseline on the same customers, ` +
      '`*` = interval excludes 0.',
    '',
  );
  for (const ds of datasets) {
    const t = leaderboardTable(record, ds);
    out.push(`## ${ds} (value target: ${record.metrics.value_targets[ds] ?? '?'})`, '', markdownTable(t.header, t.rows), '');
    const c = comparisonTable(record, ds);
    if (c) out.push(`### ${ds}: paired Δ normalized Gini against each baseline and the plain twin`, '', markdownTable(c.header, c.rows), '');
    const s = segmentTable(record, ds);
    if (s) out.push(`### ${ds}: normalized Gini per segment (first seed)`, '', markdownTable(s.header, s.rows), '');
  }
  out.push('## Run', '', markdownTable(['', ''], manifestSummary(record).map(([k, v]) => [k, v])), '');
  return out.join('\n');
}
