import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EventType } from '../src/index.ts';
import { NON_PRODUCT_CODES, readEventLog } from '../src/node.ts';
import type { EventLog } from '../src/index.ts';

const FILE = fileURLToPath(new URL('../../../../shared/data/online_retail/online_retail.csv.gz', import.meta.url));

// Independent reference: python's csv module applying the documented rules in the documented order.
const PY = String.raw`
import csv, gzip, json, sys
from collections import Counter
NON = set(json.loads(sys.argv[2]))
counts, seen = Counter(), set()
read = kept = returns = 0; amount = 0.0; customers = set()
with gzip.open(sys.argv[1], 'rt', newline='', encoding='utf-8') as f:
    rows = csv.reader(f); next(rows)
    for r in rows:
        read += 1
        inv, code, desc, q, date, price, cust, country = r
        q = int(q); p = float(price); code = code.strip()
        if inv[:1] in ('A', 'a'): counts['bad-debt-adjustment'] += 1
        elif p < 0: counts['negative-price'] += 1
        elif not code[:1].isdigit() and (code in NON or code.startswith('gift_0001_')): counts['non-product'] += 1
        elif p == 0: counts['zero-price'] += 1
        elif cust.strip() == '': counts['missing-customer'] += 1
        elif q == 0: counts['zero-quantity'] += 1
        elif (inv[:1] in ('C', 'c')) != (q < 0): counts['sign-mismatch'] += 1
        elif tuple(r) in seen: counts['duplicate'] += 1
        else:
            seen.add(tuple(r)); kept += 1; amount += q * p; customers.add(cust.strip())
            returns += inv[:1] in ('C', 'c')
print(json.dumps({'read': read, 'kept': kept, 'rejected': dict(counts), 'returns': returns, 'amount': amount, 'customers': len(customers)}))
`;

const digest = (log: EventLog): string => {
  const h = createHash('sha256');
  for (const a of [log.customer, log.t, log.type, log.item, log.amount, log.quantity])
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  h.update(log.customerIds.join('\n'));
  return h.digest('hex');
};

describe('readEventLog online-retail', () => {
  it('accounts for every row exactly as an independent implementation of the rules, identically across runs', async () => {
    const ref = JSON.parse(
      execFileSync('python3', ['-c', PY, FILE, JSON.stringify(NON_PRODUCT_CODES)], {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      }),
    );
    const a = await readEventLog(FILE, { format: 'online-retail' });
    const b = await readEventLog(FILE, { format: 'online-retail', strict: true }); // no malformed rows: strict agrees
    expect(b.report).toEqual({ ...a.report });
    expect(digest(b.log)).toBe(digest(a.log));
    const r = a.report;
    expect(r.rowsRead).toBe(541_909); // SOURCE.md / UCI count
    expect(r.rowsRead).toBe(ref.read);
    expect(r.rowsKept).toBe(ref.kept);
    expect(r.rejected).toEqual(ref.rejected);
    expect(r.rowsRead).toBe(r.rowsKept + Object.values(r.rejected).reduce((x, y) => x + y, 0));
    expect(r.customers).toBe(ref.customers);
    expect(r.details.dateOrder).toBe('ymd');
    let returns = 0,
      amount = 0,
      negativeReturns = true;
    for (let i = 0; i < a.log.length; i++) {
      amount += a.log.amount[i];
      if (a.log.type[i] === EventType.return) {
        returns++;
        negativeReturns &&= a.log.amount[i] < 0;
      }
    }
    expect(returns).toBe(ref.returns);
    expect(negativeReturns).toBe(true);
    expect(amount).toBeCloseTo(ref.amount, 4);
    expect(a.log.t[0]).toBe(Date.UTC(2010, 11, 1, 8, 26)); // first customer 17850's first invoice
    expect(a.log.customerIds[0]).toBe('17850');
  });

  it('detects month/day and day/month slash dates, accepts a given order, and says when it had to assume', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clvlab-or-'));
    // Rewrite the first 30,000 rows (1–15 Dec 2010) in the UCI original style (M/D/YYYY H:MM),
    // in day/month style (DD/MM/YYYY HH:MM), and only the days 1–12 (ambiguous).
    execFileSync('python3', [
      '-c',
      String.raw`
import csv, gzip, sys
src, out = sys.argv[1], sys.argv[2]
def write(name, fmt, keep):
    with gzip.open(src, 'rt', newline='') as f, gzip.open(out + '/' + name, 'wt', newline='') as g:
        r, w = csv.reader(f), csv.writer(g, lineterminator='\r\n')
        w.writerow(next(r))
        for i, row in enumerate(r):
            if i == 30000: break
            y, mo, d = row[4][:10].split('-'); hh, mm = row[4][11:16].split(':')
            if not keep(int(d)): continue
            row[4] = fmt(int(y), int(mo), int(d), int(hh), mm)
            w.writerow(row)
write('mdy.csv.gz', lambda y, mo, d, h, m: f'{mo}/{d}/{y} {h}:{m}', lambda d: True)
write('dmy.csv.gz', lambda y, mo, d, h, m: f'{d:02d}/{mo:02d}/{y} {h:02d}:{m}', lambda d: True)
write('iso.csv.gz', lambda y, mo, d, h, m: f'{y}-{mo:02d}-{d:02d} {h:02d}:{m}:00', lambda d: True)
write('ambiguous.csv.gz', lambda y, mo, d, h, m: f'{mo}/{d}/{y} {h}:{m}', lambda d: d <= 12)
`,
      FILE,
      dir,
    ]);
    const iso = await readEventLog(join(dir, 'iso.csv.gz'), { format: 'online-retail' });
    const mdy = await readEventLog(join(dir, 'mdy.csv.gz'), { format: 'online-retail' });
    const dmy = await readEventLog(join(dir, 'dmy.csv.gz'), { format: 'online-retail' });
    expect([mdy.report.details.dateOrder, mdy.report.details.dateOrderHow]).toEqual(['mdy', 'detected']);
    expect([dmy.report.details.dateOrder, dmy.report.details.dateOrderHow]).toEqual(['dmy', 'detected']);
    expect(iso.report.rowsRead).toBe(30_000);
    for (const other of [mdy, dmy]) {
      expect(other.report.rejected).toEqual(iso.report.rejected);
      expect(Array.from(other.log.t)).toEqual(Array.from(iso.log.t));
    }
    const given = await readEventLog(join(dir, 'dmy.csv.gz'), { format: 'online-retail', dateOrder: 'dmy' });
    expect(given.report.details.dateOrderHow).toBe('given');
    expect(Array.from(given.log.t)).toEqual(Array.from(iso.log.t));
    const wrong = await readEventLog(join(dir, 'dmy.csv.gz'), { format: 'online-retail', dateOrder: 'mdy' });
    expect(wrong.report.rejected['bad-date']).toBeGreaterThan(0); // days 13–15 read as months
    await expect(
      readEventLog(join(dir, 'dmy.csv.gz'), { format: 'online-retail', dateOrder: 'mdy', strict: true }),
    ).rejects.toThrow(
      /dmy\.csv\.gz:\d+:\d+: expected InvoiceDate as YYYY-MM-DD HH:MM\[:SS\] or M\/D\/YYYY H:MM, got '1[3-5]\/12\/2010 \d\d:\d\d'/,
    );
    const amb = await readEventLog(join(dir, 'ambiguous.csv.gz'), { format: 'online-retail' });
    expect([amb.report.details.dateOrder, amb.report.details.dateOrderHow]).toEqual(['mdy', 'assumed']);
  });
});
