import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EventType } from '../src/index.ts';
import { readEventLog } from '../src/node.ts';

const FILE = fileURLToPath(new URL('../../../../shared/data/ciao/ciao_ratings.csv.gz', import.meta.url));

const PY = String.raw`
import csv, gzip, json, sys
rows = list(csv.reader(gzip.open(sys.argv[1], 'rt')))[1:]
first = min(rows, key=lambda r: (int(r[5])))
print(json.dumps({'rows': len(rows), 'users': len({r[0] for r in rows}), 'products': len({r[1] for r in rows}),
  'categories': len({r[2] for r in rows}), 'min_t': int(first[5]), 'max_t': max(int(r[5]) for r in rows),
  'user0_events': sum(1 for r in rows if r[0] == rows[0][0])}))
`;

describe('readEventLog ciao', () => {
  it('reads every rating as a dated purchase with a count target, sorted per customer', async () => {
    const ref = JSON.parse(execFileSync('python3', ['-c', PY, FILE], { encoding: 'utf8' }));
    const { log, report } = await readEventLog(FILE, { format: 'ciao' });
    expect(report.rowsRead).toBe(284_086); // SOURCE.md
    expect([report.rowsRead, report.rowsKept, report.rejected]).toEqual([ref.rows, ref.rows, {}]);
    expect([log.customerIds.length, log.itemIds.length, log.categoryIds.length]).toEqual([
      ref.users,
      ref.products,
      ref.categories,
    ]);
    expect(report.valueTarget).toBe('count');
    expect(log.type.every((x) => x === EventType.purchase)).toBe(true);
    expect(log.amount.every((x) => x === 1)).toBe(true);
    let min = Infinity,
      max = -Infinity,
      user0 = 0,
      sorted = true;
    for (let i = 0; i < log.length; i++) {
      min = Math.min(min, log.t[i]);
      max = Math.max(max, log.t[i]);
      if (log.customer[i] === 0) user0++;
      if (
        i > 0 &&
        (log.customer[i] < log.customer[i - 1] || (log.customer[i] === log.customer[i - 1] && log.t[i] < log.t[i - 1]))
      )
        sorted = false;
    }
    expect(sorted).toBe(true);
    expect([min, max]).toEqual([ref.min_t * 1000, ref.max_t * 1000]);
    expect(user0).toBe(ref.user0_events); // customer 0 is the first user in file order
  });
});
