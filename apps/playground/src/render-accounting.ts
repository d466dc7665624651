// The row accounting table: rows read, kept, and rejected by reason (with the first error of
// each reason as `file:line:column: expected …`), then what the kept rows became.
import { dataTable, element, formatNumber } from './element.ts';
import type { RowAccounting } from './read-transactions-csv.ts';

export function renderAccounting(report: RowAccounting): HTMLElement {
  const reasons = Object.keys(report.rejected);
  const rejected = reasons.reduce((a, k) => a + report.rejected[k], 0);
  const day = (ms: number): string => (Number.isNaN(ms) ? '–' : new Date(ms).toISOString().slice(0, 10));
  const rows = [
    ['rows read', count('rows-read', report.rowsRead), ''],
    ['rows kept', count('rows-kept', report.rowsKept), ''],
    ['rows rejected', count('rows-rejected', rejected), reasons.length === 0 ? 'none' : ''],
    ...reasons.map((reason) => [
      element('span', { class: 'indent' }, reason),
      count(`rejected-${reason}`, report.rejected[reason]),
      element('code', {}, report.firstError[reason]),
    ]),
  ];
  return element(
    'section',
    { testid: 'accounting' },
    element('h2', {}, 'Rows'),
    dataTable('row-accounting', ['', 'rows', 'first error'], rows),
    element(
      'p',
      { class: 'note' },
      `${formatNumber(report.customers)} customers, ${formatNumber(report.purchases)} purchases`,
      report.returns > 0 ? `, ${formatNumber(report.returns)} returns` : '',
      `, ${day(report.first)} to ${day(report.last)}`,
      report.valueTarget === 'count' ? '; no amount column: each purchase counts 1' : '',
      report.blankLines > 0 ? `; ${formatNumber(report.blankLines)} blank lines skipped` : '',
      '.',
    ),
  );
}

function count(testid: string, n: number): HTMLElement {
  return element('span', { testid, 'data-value': String(n), class: 'num' }, formatNumber(n));
}
