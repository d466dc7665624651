// report.html: one self-contained page (inline CSS and inline SVG charts; no script, no
// external URL) with, per dataset, the leaderboard table and chart, decile charts, gain
// curves, calibration plot, per-segment table and BTYD tracking plot where present, then the
// run manifest summary and the command that reproduces the run.
import type { BenchRecord } from './read-record.ts';
import {
  btydTable,
  comparisonTable,
  decisionTable,
  embeddingTable,
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

export interface ReportChart {
  readonly id: string;
  readonly title: string;
  readonly svg: string;
}

export interface ReportSection {
  readonly dataset: string;
  readonly charts: readonly ReportChart[];
}

/** Text escaped for HTML (element content and attribute values). */
export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Escaped text with Markdown `code` spans as <code>. */
const escCode = (s: string): string => esc(s).replace(/`([^`]+)`/g, '<code>$1</code>');

/** A scrollable HTML table of escaped cells. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], cls: string): string {
  return `<div class="scroll"><table class="${cls}"><thead><tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div>`;
}

/** The reports' stylesheet (this page and the sBG report's). */
export const CSS = `
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1200px;color:#222;padding:0 16px}
h1{font-size:1.6em;margin-bottom:4px}h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:36px}
table{border-collapse:collapse;font-size:13px;margin:8px 0 16px}th,td{border:1px solid #ddd;padding:4px 8px;text-align:right}
th{background:#f5f5f5}td:first-child,th:first-child{text-align:left}tbody tr:nth-child(even){background:#fafafa}
figure.chart{display:inline-block;margin:8px 16px 16px 0;vertical-align:top}figcaption{font-weight:600;margin-bottom:4px}
.scroll{overflow-x:auto;max-width:100%}
code,pre{background:#f3f3f3;padding:2px 4px;border-radius:3px}pre{padding:8px;overflow-x:auto}.note{color:#555;font-size:13px}
`;

/** The whole report.html text. */
export function reportHtml(record: BenchRecord, sections: readonly ReportSection[]): string {
  const body: string[] = [];
  body.push('<h1>clvlab benchmark report</h1>');
  body.push(`<p class="note">Reproduce with <code>${esc(String(record.manifest.command ?? ''))}</code>.</p>`);
  body.push(
    '<section class="how-to-read"><h2>How to read this</h2><ul>',
    ...readingNotes(record).map((n) => `<li>${escCode(n)}</li>`),
    '</ul></section>',
  );
  for (const s of sections) {
    const lb = leaderboardTable(record, s.dataset);
    body.push(
      `<section class="dataset" id="ds-${esc(s.dataset)}"><h2>${esc(s.dataset)} <small class="note">value target: ${esc(record.metrics.value_targets[s.dataset] ?? '?')}</small></h2>`,
    );
    const p = primaryComparison(record, s.dataset);
    if (p) body.push('<h3>Primary comparison</h3>', table(['', ''], p, 'primary'));
    body.push('<h3>Leaderboard (test fold)</h3>', table(lb.header, lb.rows, 'leaderboard'));
    for (const c of s.charts)
      body.push(
        `<figure class="chart" id="${esc(c.id)}" data-chart="${esc(c.title)}"><figcaption>${esc(c.title)}</figcaption>${c.svg}</figure>`,
      );
    const q = sequenceContributionTable(record, s.dataset);
    if (q)
      body.push(
        '<h3>Sequence contribution (same head and static inputs, with vs without the sequence)</h3>',
        table(q.header, q.rows, 'sequence-contribution'),
      );
    const cmp = comparisonTable(record, s.dataset);
    if (cmp)
      body.push(
        '<h3>Paired Δ normalized Gini against each non-sequence model and the plain twin (* = Holm-adjusted p &lt; alpha)</h3>',
        table(cmp.header, cmp.rows, 'comparisons'),
      );
    const u = tuningTable(record, s.dataset);
    if (u) body.push('<h3>Tuning (chosen on the valid fold)</h3>', table(u.header, u.rows, 'tuning'));
    const bt = btydTable(record, s.dataset);
    if (bt) body.push('<h3>Fitted BTYD parameters</h3>', table(bt.header, bt.rows, 'btyd'));
    const emb = embeddingTable(record, s.dataset);
    if (emb)
      body.push(
        '<h3>Embeddings vs RFM (ridge probe fitted on train, scored on test; look-alikes of the top 10% train customers, first seed)</h3>',
        table(emb.header, emb.rows, 'embeddings'),
      );
    const tr = transitionTable(record, s.dataset);
    if (tr)
      body.push(
        '<h3>Lifecycle-stage transitions, cutoff → end of holdout (all cohort customers; transitions.csv has RFM segments too)</h3>',
        table(tr.header, tr.rows, 'transitions'),
      );
    const dec = decisionTable(record, s.dataset);
    if (dec)
      body.push(
        "<h3>Decisions: profit when contacting each model's top k%</h3>",
        `<p class="note">${esc(dec.note)}</p>`,
        table(dec.header, dec.rows, 'decisions'),
      );
    const cam = campaignTable(record, s.dataset);
    if (cam)
      body.push(
        '<h3>The synthetic campaign: Qini and incremental profit per targeting policy</h3>',
        `<p class="note">${esc(cam.note)}</p>`,
        table(cam.header, cam.rows, 'campaign'),
        table(cam.deltaHeader, cam.deltaRows, 'campaign-deltas'),
      );
    for (const { model, info } of treeInfos(record, s.dataset)) {
      const w = whyTable(info);
      if (w)
        body.push(
          `<h3>${esc(model)}: why these customers (top-5 TreeSHAP contributions, first seed)</h3>`,
          table(w.header, w.rows, 'why'),
        );
      if (info.rules)
        body.push(`<h3>${esc(model)}: the tree as rules</h3>`, `<pre class="rules">${esc(info.rules)}</pre>`);
    }
    const seg = segmentTable(record, s.dataset);
    if (seg) body.push('<h3>Normalized Gini per segment (first seed)</h3>', table(seg.header, seg.rows, 'segments'));
    body.push('</section>');
  }
  body.push('<h2>Run manifest</h2>', table(['', ''], manifestSummary(record), 'manifest'));
  body.push(`<h3>Reproduce</h3><pre>${esc(String(record.manifest.command ?? ''))}</pre>`);
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>clvlab benchmark report</title><style>${CSS}</style></head><body>${body.join('\n')}</body></html>\n`;
}
