// report.md: the record's tables in GitHub Markdown (leaderboard with intervals and paired
// differences, per-segment Gini, run summary), for the README and for reading in a terminal.
import type { BenchRecord } from './read-record.ts';
import {
  btydTable,
  comparisonTable,
  decisionTable,
  embeddingTable,
  fmt,
  leaderboardTable,
  manifestSummary,
  primaryComparison,
  readingNotes,
  segmentTable,
  sequenceContributionTable,
  transitionTable,
  treeInfos,
  tuningTable,
  whyTable,
} from './report-tables.ts';
import { campaignTable } from './report-tables.ts';

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
  const out: string[] = ['# clvlab benchmark report', ''];
  out.push(`Reproduce: \`${String(record.manifest.command ?? '')}\``, '');
  out.push('## How to read this', '', ...readingNotes(record).map((n) => `- ${n}`), '');
  for (const ds of datasets) {
    out.push(`## ${ds} (value target: ${record.metrics.value_targets[ds] ?? '?'})`, '');
    const p = primaryComparison(record, ds);
    if (p) out.push(`### ${ds}: primary comparison`, '', markdownTable(['', ''], p), '');
    const t = leaderboardTable(record, ds);
    out.push(`### ${ds}: leaderboard (test fold)`, '', markdownTable(t.header, t.rows), '');
    const q = sequenceContributionTable(record, ds);
    if (q)
      out.push(
        `### ${ds}: sequence contribution (same head and static inputs, with vs without the sequence)`,
        '',
        markdownTable(q.header, q.rows),
        '',
      );
    const c = comparisonTable(record, ds);
    if (c)
      out.push(
        `### ${ds}: paired Δ normalized Gini against each non-sequence model and the plain twin (* = Holm-adjusted p < alpha)`,
        '',
        markdownTable(c.header, c.rows),
        '',
      );
    const u = tuningTable(record, ds);
    if (u) out.push(`### ${ds}: tuning (chosen on the valid fold)`, '', markdownTable(u.header, u.rows), '');
    const bt = btydTable(record, ds);
    if (bt) out.push(`### ${ds}: fitted BTYD parameters`, '', markdownTable(bt.header, bt.rows), '');
    const emb = embeddingTable(record, ds);
    if (emb)
      out.push(
        `### ${ds}: embeddings vs RFM (ridge probe fitted on train, scored on test; look-alikes of the top 10% train customers, first seed)`,
        '',
        markdownTable(emb.header, emb.rows),
        '',
      );
    const tr = transitionTable(record, ds);
    if (tr)
      out.push(
        `### ${ds}: lifecycle-stage transitions, cutoff → end of holdout (all cohort customers; transitions.csv has RFM segments too)`,
        '',
        markdownTable(tr.header, tr.rows),
        '',
      );
    const dec = decisionTable(record, ds);
    if (dec)
      out.push(
        `### ${ds}: decisions (profit when contacting each model's top k%)`,
        '',
        dec.note,
        '',
        markdownTable(dec.header, dec.rows),
        '',
      );
    const cam = campaignTable(record, ds);
    if (cam)
      out.push(
        `### ${ds}: the synthetic campaign (Qini and incremental profit per targeting policy)`,
        '',
        cam.note,
        '',
        markdownTable(cam.header, cam.rows),
        '',
        markdownTable(cam.deltaHeader, cam.deltaRows),
        '',
      );
    for (const { model, info } of treeInfos(record, ds)) {
      out.push(
        `### ${ds}: ${model}: global importance (mean |SHAP|, first seed)`,
        '',
        markdownTable(
          ['feature', 'mean |SHAP|'],
          (info.importance ?? []).map((x) => [x.feature, fmt(x.meanAbsShap)]),
        ),
        '',
      );
      const w = whyTable(info);
      if (w) out.push(`### ${ds}: ${model}: why these customers`, '', markdownTable(w.header, w.rows), '');
      if (info.rules) out.push(`### ${ds}: ${model}: the tree as rules`, '', '```', info.rules, '```', '');
    }
    const s = segmentTable(record, ds);
    if (s) out.push(`### ${ds}: normalized Gini per segment (first seed)`, '', markdownTable(s.header, s.rows), '');
  }
  out.push(
    '## Run',
    '',
    markdownTable(
      ['', ''],
      manifestSummary(record).map(([k, v]) => [k, v]),
    ),
    '',
  );
  return out.join('\n');
}
