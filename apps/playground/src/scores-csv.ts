// Every cohort customer's scores as CSV text (the page's download link).
import type { Analysis } from './analyze-log.ts';

export function scoresCsv(analysis: Analysis): string {
  const s = analysis.scores,
    h = analysis.horizonWeeks;
  const quote = (id: string): string => (/[",\r\n]/.test(id) ? `"${id.replaceAll('"', '""')}"` : id);
  const lines = [`customer_id,x,t_x,T,p_alive,expected_purchases_${h}w,expected_spend,actual_value_${h}w`];
  for (let r = 0; r < s.ids.length; r++) {
    lines.push(
      [
        quote(s.ids[r]),
        s.frequency[r],
        s.recency[r],
        s.T[r],
        s.pAlive[r],
        s.expected[r],
        Number.isNaN(s.spend[r]) ? '' : s.spend[r],
        s.actual[r],
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
