// The Taobao UserBehavior head subset: SOURCE.md reports 14,122 sessions for 815 users at a
// 30-minute gap. The file is grouped by user but not time-sorted within a user, so this also
// exercises the reader's sort. Two gaps in the file are exactly 1,800 s: counting them as
// splits (gap ≥ 30 min) would give 14,124, so this checks the strictly-greater rule on real data.
import { readEventLog } from '@clvlab/events/node';
import { describe, expect, it } from 'vitest';
import { countSessions, splitSessions } from '../src/index.ts';

const file = new URL('../../../../shared/data/taobao_user_behavior/UserBehavior.csv.gz', import.meta.url).pathname;

describe('Taobao UserBehavior sessions', () => {
  it('gives 14,122 sessions for 815 users at 30 minutes (SOURCE.md)', async () => {
    const { log, report } = await readEventLog(file, { format: 'taobao' });
    expect(report.rowsRead).toBe(84_475);
    expect(log.length).toBe(84_475);
    expect(log.customerIds.length).toBe(815);
    expect(log.valueTarget).toBe('count');
    expect(countSessions(log, splitSessions(log))).toBe(14_122);
    expect(countSessions(log, splitSessions(log, 30 * 60 * 1000 - 1))).toBe(14_124);
  });
});
