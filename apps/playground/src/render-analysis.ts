// The results below the row accounting: the BG/NBD and Gamma-Gamma parameter tables with
// standard errors, the RFM segment table, the top customers by expected purchases and the
// Lorenz / gain chart.
import type { Analysis, ParameterFit } from './analyze-log.ts';
import { dataTable, element, formatNumber, valueCell } from './element.ts';
import { gainChart } from './gain-chart.ts';

const BG_NBD = [
  ['r', 'r', 'shape of the purchase-rate gamma'],
  ['alpha', 'α', 'scale of the purchase-rate gamma (weeks)'],
  ['a', 'a', 'dropout beta, a'],
  ['b', 'b', 'dropout beta, b'],
] as const;
const GAMMA_GAMMA = [
  ['p', 'p', 'shape of spend per purchase'],
  ['q', 'q', 'shape of the mean-spend gamma'],
  ['gamma', 'γ', 'scale of the mean-spend gamma'],
] as const;

export function renderAnalysis(a: Analysis): HTMLElement {
  const day = new Date(a.cutoff - 86_400_000).toISOString().slice(0, 10);
  return element(
    'section',
    {
      testid: 'results',
      'data-cutoff': new Date(a.cutoff).toISOString().slice(0, 10),
      'data-horizon': String(a.horizonWeeks),
    },
    element('h2', {}, 'BG/NBD'),
    element(
      'p',
      { class: 'note' },
      `${formatNumber(a.cohort)} customers with a purchase up to ${day}; time in weeks. `,
      `Log-likelihood ${formatNumber(a.bgnbd.logLikelihood, 1)}, ${a.bgnbd.iterations} iterations, ${formatNumber(a.bgnbd.ms)} ms.`,
    ),
    parameterTable('bgnbd', BG_NBD, a.bgnbd),
    element('h2', {}, 'Gamma-Gamma spend'),
    'error' in a.gammaGamma
      ? element('p', { class: 'note', testid: 'gamma-gamma-error' }, a.gammaGamma.error)
      : element(
          'div',
          {},
          element(
            'p',
            { class: 'note' },
            `${formatNumber(a.gammaGamma.nCustomers)} customers with repeat purchases `,
            `(left out: ${formatNumber(a.gammaGamma.excluded.noRepeatPurchases)} without one, ${formatNumber(a.gammaGamma.excluded.nonPositiveSpend)} with spend ≤ 0). `,
            `Log-likelihood ${formatNumber(a.gammaGamma.logLikelihood, 1)}, ${formatNumber(a.gammaGamma.ms)} ms.`,
          ),
          parameterTable('gamma-gamma', GAMMA_GAMMA, a.gammaGamma),
        ),
    element('h2', {}, 'RFM segments'),
    element(
      'p',
      { class: 'note' },
      "Quartile tiers of recency, frequency and monetary value before the cutoff, named by @clvlab/features' rfmSegment. ",
      'BG/NBD gives P(alive) = 1 to a customer without a repeat purchase.',
    ),
    dataTable(
      'rfm-segments',
      ['segment', 'customers', 'share', 'mean P(alive)', `E[purchases], ${a.horizonWeeks} weeks`],
      a.segments
        .filter((s) => s.customers > 0)
        .map((s) => [
          s.segment,
          valueCell(`segment-${s.segment.replaceAll(' ', '-')}`, s.customers, 0),
          `${formatNumber((100 * s.customers) / a.cohort, 1)}%`,
          formatNumber(s.meanPAlive, 3),
          formatNumber(s.expectedPurchases, 1),
        ]),
    ),
    element('h2', {}, `Top ${a.top.length} customers by expected purchases`),
    element(
      'p',
      { class: 'note' },
      `x repeat purchases, t_x the last one and T the age in weeks; E[purchases] in the next ${a.horizonWeeks} weeks `,
      `(all ${formatNumber(a.cohort)} customers: ${formatNumber(a.expectedTotal, 1)}).`,
    ),
    dataTable(
      'top-customers',
      ['customer', 'x', 't_x', 'T', 'P(alive)', `E[purchases], ${a.horizonWeeks} weeks`],
      a.top.map((r) => {
        const s = a.scores;
        return [
          element('span', { class: 'id' }, s.ids[r]),
          s.frequency[r],
          formatNumber(s.recency[r], 2),
          formatNumber(s.T[r], 2),
          valueCell(`p-alive-${r}`, s.pAlive[r], 3),
          valueCell(`expected-${r}`, s.expected[r], 3),
        ];
      }),
    ),
    element('h2', {}, 'Lorenz / gain curve'),
    element('p', { class: 'note' }, curveNote(a)),
    gainChart(a.curve),
  );
}

function parameterTable<P>(
  prefix: string,
  names: readonly (readonly [keyof P & string, string, string])[],
  fit: ParameterFit<P>,
): HTMLTableElement {
  return dataTable(
    `${prefix}-params`,
    ['parameter', 'estimate', 'std. error', ''],
    names.map(([key, label, meaning]) => [
      label,
      valueCell(`${prefix}-${key}`, Number(fit.params[key]), 4),
      valueCell(`${prefix}-${key}-se`, Number(fit.stdErrors[key]), 4),
      meaning,
    ]),
  );
}

function curveNote(a: Analysis): string {
  const c = a.curve;
  if (c.kind === 'calibration')
    return `No value after the cutoff to score a ranking: the curve is the concentration of value before it (${formatNumber(c.totalValue, 0)} in all).`;
  const partial =
    c.holdoutWeeks < a.horizonWeeks - 1e-9 ? ` (the data covers ${formatNumber(c.holdoutWeeks, 1)} of them)` : '';
  return `Actual value in the ${a.horizonWeeks} weeks after the cutoff${partial}, ${formatNumber(c.totalValue, 0)} in all; customers ranked by expected purchases × expected spend have normalized Gini ${formatNumber(c.gini ?? NaN, 3)}.`;
}
