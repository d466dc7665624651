import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EventType, customerOffsets } from '../src/index.ts';
import { readEventLog } from '../src/node.ts';

const FILE = fileURLToPath(
  new URL('../../../../shared/data/taobao_user_behavior/UserBehavior.csv.gz', import.meta.url),
);

// Independent reference with python: counts and 30-minute sessions (gap > 1800 s splits).
const PY = String.raw`
import gzip, json, sys
from collections import Counter, defaultdict
rows = [l.rstrip('\n').split(',') for l in gzip.open(sys.argv[1], 'rt')]
by_user = defaultdict(list)
for r in rows: by_user[r[0]].append(int(r[4]))
sessions = 0
for ts in by_user.values():
    ts.sort(); sessions += 1 + sum(1 for a, b in zip(ts, ts[1:]) if b - a > 1800)
print(json.dumps({'rows': len(rows), 'users': len(by_user), 'items': len({r[1] for r in rows}),
  'categories': len({r[2] for r in rows}), 'types': Counter(r[3] for r in rows), 'sessions': sessions,
  'min_t': min(int(r[4]) for r in rows)}))
`;

describe('readEventLog taobao', () => {
  it('reads UserBehavior with the documented mapping and a count target', async () => {
    const ref = JSON.parse(execFileSync('python3', ['-c', PY, FILE], { encoding: 'utf8' }));
    const { log, report } = await readEventLog(FILE, { format: 'taobao' });
    expect(report.rowsRead).toBe(84_475);
    expect([report.rowsRead, report.rowsKept, report.rejected]).toEqual([ref.rows, ref.rows, {}]);
    expect(report.valueTarget).toBe('count');
    expect([log.customerIds.length, log.itemIds.length, log.categoryIds.length]).toEqual([
      ref.users,
      ref.items,
      ref.categories,
    ]);
    const counts = [0, 0, 0, 0, 0];
    let amount = 0;
    for (let i = 0; i < log.length; i++) {
      counts[log.type[i]]++;
      amount += log.amount[i];
    }
    expect(counts[EventType.view]).toBe(ref.types.pv);
    expect(counts[EventType.cart]).toBe(ref.types.cart);
    expect(counts[EventType.purchase]).toBe(ref.types.buy);
    expect(counts[EventType.other]).toBe(ref.types.fav);
    expect(amount).toBe(ref.types.buy); // purchases carry 1, everything else 0
    expect(report.purchases).toBe(ref.types.buy);
    // The log is sorted by customer then time, so a single pass finds the 30-minute sessions.
    const off = customerOffsets(log);
    let sessions = 0;
    for (let c = 0; c + 1 < off.length; c++) {
      for (let i = off[c]; i < off[c + 1]; i++) if (i === off[c] || log.t[i] - log.t[i - 1] > 1_800_000) sessions++;
    }
    expect(sessions).toBe(ref.sessions);
    expect(sessions).toBe(14_122); // SOURCE.md
    expect(Math.min(...log.t)).toBe(ref.min_t * 1000);
  });
});
