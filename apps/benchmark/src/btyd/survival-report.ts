// The sBG's report (issue 15 §7: sBG stands alone, on contractual data, with a small report of its
// own): `btyd --model sbg --out DIR` writes sbg.json (what --json prints), report.md and a
// self-contained report.html (inline SVG, no script) with α, β and their standard errors, the
// observed vs projected survival and retention per period (fitted periods marked), the chart of
// both, and DERL (Fader & Hardie 2010) per renewal period.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { stableStringify } from '@clvlab/core';
import { writeFileAtomic } from '@clvlab/core/node';
import { survivalSpec, type SurvivalPoint } from '../report/chart-specs.ts';
import { CSS, esc, table as htmlTable } from '../report/report-html.ts';
import { markdownTable } from '../report/report-markdown.ts';
import { renderSvg } from '../report/vega-svg.ts';

/** What survival-fit.ts returns (the fields the report reads). */
export interface SurvivalResult {
  readonly cohort: string;
  readonly params: { readonly alpha: number; readonly beta: number };
  readonly std_errors: { readonly alpha: number; readonly beta: number };
  readonly log_likelihood: number;
  readonly n_customers: number;
  readonly periods: number;
  readonly converged: boolean;
  readonly projection: readonly {
    period: number;
    observed: number | null;
    projected: number;
    survival: number;
    retention: number | null;
    fitted: boolean;
  }[];
  readonly discount_rate: number;
  readonly derl: readonly { period: number; derl: number }[];
}

const f4 = (v: number | null): string => (v === null ? '' : v.toFixed(4));
const f1 = (v: number | null): string => (v === null ? '' : v.toFixed(1));

/** The report's tables: parameters, per-period projection and DERL (header + rows each). */
export function survivalTables(r: SurvivalResult): Record<'params' | 'projection' | 'derl', [string[], string[][]]> {
  const n0 = r.projection[0]?.observed ?? r.projection[0]?.projected ?? 1;
  return {
    params: [
      ['parameter', 'estimate', 'std. error'],
      [
        ['alpha', f4(r.params.alpha), f4(r.std_errors.alpha)],
        ['beta', f4(r.params.beta), f4(r.std_errors.beta)],
      ],
    ],
    projection: [
      ['period', 'observed', 'projected', 'observed share', 'survival S(t)', 'retention r(t)', ''],
      r.projection.map((p) => [
        String(p.period),
        f1(p.observed),
        f1(p.projected),
        p.observed === null ? '' : f4(p.observed / n0),
        f4(p.survival),
        f4(p.retention),
        p.fitted ? 'fitted' : 'projected',
      ]),
    ],
    derl: [
      ['customer in period n', `DERL at d = ${r.discount_rate}`],
      r.derl.map((d) => [String(d.period), d.derl.toFixed(4)]),
    ],
  };
}

/** report.md text. */
export function survivalMarkdown(r: SurvivalResult, command: string): string {
  const t = survivalTables(r);
  return [
    `# sBG (shifted-beta-geometric, Fader & Hardie 2007): ${r.cohort}`,
    '',
    `Fitted on periods 0..${r.periods} of a cohort of ${r.n_customers}; LL ${r.log_likelihood.toFixed(4)}; ` +
      `${r.converged ? 'converged' : 'NOT converged'}. Reproduce: \`${command}\``,
    '',
    markdownTable(...t.params),
    '',
    '## Survival and retention',
    '',
    markdownTable(...t.projection),
    '',
    '## Discounted expected residual lifetime (Fader & Hardie 2010)',
    '',
    'Expected number of future payments of a customer in period n (who has made n − 1 renewals), valued just before ' +
      `the renewal decision at the end of period n, each discounted by d = ${r.discount_rate} per period (the first undiscounted); ` +
      'multiply by the margin per period for the residual value.',
    '',
    markdownTable(...t.derl),
    '',
  ].join('\n');
}

/** report.html text: the same tables and the survival chart as inline SVG. */
export async function survivalHtml(r: SurvivalResult, command: string): Promise<string> {
  const t = survivalTables(r);
  const n0 = r.projection[0]?.observed ?? 1;
  const points: SurvivalPoint[] = [];
  for (const p of r.projection) {
    if (p.observed !== null) points.push({ series: 'observed', period: p.period, share: p.observed / n0 });
    points.push({ series: 'sBG', period: p.period, share: p.survival });
  }
  const svg = await renderSvg(
    survivalSpec(points, r.periods, `${r.cohort}: fitted on periods 0..${r.periods} (dashed line), projected after`),
  );
  const table = ([header, rows]: [string[], string[][]]): string => htmlTable(header, rows, 'sbg');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>sBG: ${esc(r.cohort)}</title><style>${CSS}</style></head><body>
<h1>sBG (shifted-beta-geometric, Fader &amp; Hardie 2007): ${esc(r.cohort)}</h1>
<p class="note">Fitted on periods 0..${r.periods} of a cohort of ${r.n_customers}; LL ${r.log_likelihood.toFixed(4)}; ${r.converged ? 'converged' : 'NOT converged'}. Reproduce: <code>${esc(command)}</code></p>
${table(t.params)}
<h2>Survival and retention</h2>
<figure>${svg}</figure>
${table(t.projection)}
<h2>Discounted expected residual lifetime (Fader &amp; Hardie 2010)</h2>
<p class="note">Expected future payments of a customer in period n (n − 1 renewals made), valued just before the renewal at the end of period n, discounted by d = ${r.discount_rate} per period (the first undiscounted).</p>
${table(t.derl)}
</body></html>
`;
}

/** Writes sbg.json, report.md and report.html into `dir` (created if missing; each file atomically). */
export async function writeSurvivalReport(dir: string, r: SurvivalResult, command: string): Promise<string[]> {
  const html = await survivalHtml(r, command);
  mkdirSync(dir, { recursive: true });
  const files = {
    'sbg.json': stableStringify(r, 1) + '\n',
    'report.md': survivalMarkdown(r, command),
    'report.html': html,
  };
  for (const [name, text] of Object.entries(files)) writeFileAtomic(join(dir, name), text);
  return Object.keys(files).map((f) => join(dir, f));
}
