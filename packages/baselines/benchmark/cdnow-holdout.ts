// Holdout check on the CDNOW sample (Fader, Hardie & Lee 2005 §4, Figures 2 and 4):
// calibration 1997-01-01..1997-09-30 (weeks 1–39), holdout weeks 40–78 (1997-10-01..
// 1998-06-30). Prints actual repeat purchase days in the holdout vs each model's conditional
// expectation, in total and by calibration frequency (0..6, 7+), plus the cumulative
// tracking at weeks 39 and 78.
// Run: npx tsx packages/baselines/benchmark/cdnow-holdout.ts
import { fileURLToPath } from 'node:url';
import { readEventLog } from '@clvlab/events/node';
import { btydSummary } from '@clvlab/features';
import { fitBgNbd, fitParetoNbd, trackingData } from '../src/index.ts';

const file = fileURLToPath(new URL('../../../../shared/data/cdnow/CDNOW_sample.txt.gz', import.meta.url));
const calibrationEnd = Date.UTC(1997, 9, 1),
  holdoutEnd = Date.UTC(1998, 6, 1);
const { log } = await readEventLog(file, { format: 'cdnow' });
const summary = btydSummary(log, { calibrationEnd, unit: 'week' });
const fits = { 'BG/NBD': fitBgNbd(summary), 'Pareto/NBD': fitParetoNbd(summary) };
const t = trackingData(log, fits, { calibrationEnd, holdoutEnd, unit: 'week' });
const names = Object.keys(fits);
const pct = (e: number, a: number): string => `${(((e - a) / a) * 100).toFixed(1)}%`;
console.log(`CDNOW sample, ${summary.frequency.length} customers, holdout ${t.horizon} weeks (weeks 40-78)`);
console.log(
  `total holdout repeat purchase days: actual ${t.holdoutTotal.actual}; ` +
    names
      .map(
        (n) =>
          `${n} ${t.holdoutTotal.expected[n].toFixed(1)} (${pct(t.holdoutTotal.expected[n], t.holdoutTotal.actual)})`,
      )
      .join('; '),
);
console.log(['x (calibration)', 'customers', 'actual mean', ...names.map((n) => `${n} mean`)].join(' | '));
for (const g of t.byFrequency) {
  console.log(
    [g.frequency, g.customers, g.actual.toFixed(3), ...names.map((n) => g.expected[n].toFixed(3))].join(' | '),
  );
}
for (const week of [t.calibrationSteps, t.cumulative.length]) {
  const p = t.cumulative[week - 1];
  console.log(
    `cumulative repeat purchase days by week ${p.step}: actual ${p.actual}; ` +
      names.map((n) => `${n} ${p.expected[n].toFixed(1)}`).join('; '),
  );
}
