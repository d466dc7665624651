// The cohort with its folds and labels (issue 16 §3), as evaluationSplit and labelWindow compute
// them (packages/sessions/src/evaluation-split.ts, label-window.ts):
//   - cohort = customers with at least one purchase in [start, cutoff);
//   - fold = the seeded 32-bit hash of the id (split-hash-sql.ts) cut at the fractions: it depends
//     on (id, seed) only, so every shard computes its own customers' folds;
//   - target = purchases plus returns in [cutoff, cutoff + horizon), added in event order,
//     floored at 0 (revenue), or the number of purchase events (count); repurchase = any purchase.
// Under the cross-sectional protocol the fit window is the score window (fit_* = score columns).
import { PREPARED_TABLES } from './prepared-tables.ts';
import {
  foldCutPoints,
  fnvPositionsSql,
  HASH_STEPS_PER_STAGE,
  hashSeedBasis,
  murmurFinalSql,
} from './split-hash-sql.ts';
import type { SqlOptions } from './sql-options.ts';
import { castTo, checkSelect, message, type SqlScript } from './sql-script.ts';

/** Stage `cohort` (customer_id) and its non-empty check; returns its name. */
export function cohortStage(s: SqlScript, events: string, params: string, shard: boolean): string {
  const d = s.d,
    m = message(d);
  s.comment('10. The cohort: customers with at least one purchase in [start, cutoff).');
  const cohort = s.stage(
    'cohort',
    [
      'SELECT DISTINCT e.customer_id',
      `FROM ${events} e CROSS JOIN ${params} p`,
      'WHERE e.type = 2 AND e.t_ms >= p.start_ms AND e.t_ms < p.cutoff_ms',
    ].join('\n'),
  );
  if (!shard)
    s.stage('check_cohort', checkSelect(d, [['COUNT(*) = 0', m`empty cohort: no purchase before the cutoff`]], cohort));
  return cohort;
}

/** Output table `cohort`: hash, fold and labels per cohort customer. */
export function cohortTable(s: SqlScript, o: SqlOptions, events: string, params: string, cohort: string): void {
  const d = s.d;
  s.comment(
    `11. The fold hash: FNV-1a over the UTF-16 code units of the id from ${hashSeedBasis(o.seed)} (seed ${o.seed}), ` +
      `${HASH_STEPS_PER_STAGE} characters per stage, up to ${o.maxIdLength}.`,
  );
  let from = s.stage('hash_0', `SELECT customer_id, CAST(${hashSeedBasis(o.seed)} AS BIGINT) AS h FROM ${cohort}`);
  for (let k = 1, stage = 1; k <= o.maxIdLength; k += HASH_STEPS_PER_STAGE, stage++) {
    const to = Math.min(o.maxIdLength, k + HASH_STEPS_PER_STAGE - 1);
    from = s.stage(
      `hash_${stage}`,
      `SELECT customer_id, ${fnvPositionsSql(d, 'customer_id', 'h', k, to)} AS h FROM ${from}`,
    );
  }
  const final = s.stage('hash', murmurFinalSql(d, 'customer_id', from));

  s.comment(
    '12. Labels in [cutoff, cutoff + horizon): target (added in event order, floored at 0, or the purchase count on a count target), repurchase.',
  );
  const labels = s.stage(
    'labels',
    [
      "SELECT w.customer_id, CASE WHEN w.value_target = 'count' THEN w.purchases WHEN w.value < 0 THEN 0 ELSE w.value END AS target, w.repurchase",
      'FROM (',
      `  SELECT e.customer_id, p.value_target, ${d.orderedSum('e.amount', 'e.k')} AS value,`,
      `    CAST(SUM(CASE WHEN e.type = 2 THEN 1 ELSE 0 END) AS ${d.double}) AS purchases,`,
      '    MAX(CASE WHEN e.type = 2 THEN 1 ELSE 0 END) AS repurchase',
      `  FROM ${events} e JOIN ${cohort} c ON c.customer_id = e.customer_id CROSS JOIN ${params} p`,
      '  WHERE e.type IN (2, 3) AND e.t_ms >= p.cutoff_ms AND e.t_ms < p.label_end',
      '  GROUP BY e.customer_id, p.value_target',
      ') w',
    ].join('\n'),
  );

  const [train, valid] = foldCutPoints(o.fractions);
  const expr: Record<string, string> = {
    customer_id: 'c.customer_id',
    hash: 'f.h',
    fold: `CASE WHEN f.h < ${train} THEN 0 WHEN f.h < ${valid} THEN 1 ELSE 2 END`,
    target: 'COALESCE(l.target, 0)',
    repurchase: 'COALESCE(l.repurchase, 0)',
    fit_target: 'COALESCE(l.target, 0)',
    fit_repurchase: 'COALESCE(l.repurchase, 0)',
  };
  s.comment(
    `13. The cohort table: fold 0 train when hash < ${train}, 1 valid when < ${valid}, else 2 test (fractions ${o.fractions.join('/')}).`,
  );
  const select = PREPARED_TABLES.cohort.map((c) => `  ${castTo(d, c.type, expr[c.name])} AS ${c.name}`);
  s.table(
    'cohort',
    [
      `SELECT\n${select.join(',\n')}`,
      `FROM ${cohort} c`,
      `JOIN ${final} f ON f.customer_id = c.customer_id`,
      `LEFT JOIN ${labels} l ON l.customer_id = c.customer_id`,
    ].join('\n'),
  );
}
