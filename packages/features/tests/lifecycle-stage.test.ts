import { describe, expect, it } from 'vitest';
import { lifecycleStage, rfmFeatures } from '../src/index.ts';
import type { CustomerHistoryTable } from '../src/index.ts';
import { smallTask } from './small-log.ts';

/** A history table from (purchase days, days since first, days since last, last gap). */
function table(rows: [number, number, number, number][]): CustomerHistoryTable {
  const col = (k: number): Float64Array => Float64Array.from(rows, (r) => r[k]);
  const z = new Float64Array(rows.length);
  return {
    unit: 'day',
    frequency: z,
    recency: z,
    T: z,
    monetary: z,
    revenue: z,
    tenureDays: z,
    purchaseDays: col(0),
    daysSinceFirst: col(1),
    daysSinceLast: col(2),
    lastGapDays: col(3),
  };
}

describe('lifecycleStage', () => {
  it('applies the documented rules in order', () => {
    const stages = lifecycleStage(
      table([
        [0, NaN, NaN, NaN], // no purchase yet -> new
        [2, 20, 5, 15], // first purchase 20 days ago -> new
        [1, 100, 100, NaN], // one purchase, within 180 days -> one-time
        [1, 200, 200, NaN], // one purchase long ago -> churned
        [3, 100, 90, 5], // mean gap 5 (floored to 7); silent 90 > 4·7 -> churned
        [3, 100, 20, 40], // mean gap 40; silent 20 <= 2·40 and the last gap 40 <= 4·max(40,7) -> sporadic
        [5, 100, 40, 15], // mean gap 15; silent 40 > 2·15 -> at risk
        [4, 100, 10, 80], // earlier gaps 5 on average; the last gap 80 > 4·7 -> reactivated
        [6, 100, 5, 20], // mean gap 19; on rhythm, 6 purchase days -> frequent
      ]),
    );
    expect(stages).toEqual([
      'new',
      'new',
      'one-time',
      'churned',
      'churned',
      'sporadic',
      'at risk',
      'reactivated',
      'frequent',
    ]);
  });

  it('classifies the hand-built log (a sporadic, b new, c new)', () => {
    expect(lifecycleStage(rfmFeatures(smallTask()).history)).toEqual(['sporadic', 'new', 'new']);
  });

  it('rejects unknown options', () => {
    expect(() => lifecycleStage(table([]), { newDay: 3 } as never)).toThrow(
      "features/lifecycleStage: unknown option 'newDay'",
    );
  });
});
