import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EventType, customerOffsets } from '../src/index.ts';
import { readEventLog } from '../src/node.ts';

const data = (name: string): string => fileURLToPath(new URL(`../../../../shared/data/cdnow/${name}`, import.meta.url));

// Independent reference: python3 reads the same gzip file with str.split().
const PY = `
import gzip, sys, json
rows = [l.split() for l in gzip.open(sys.argv[1], 'rt')]
rows = [r for r in rows if r and r[0].isdigit()]
idc = 1 if len(rows[0]) == 5 else 0
print(json.dumps({"rows": len(rows), "customers": len({r[idc] for r in rows}),
  "dollars": round(sum(float(r[-1]) for r in rows), 2), "cds": sum(int(r[-2]) for r in rows),
  "first": rows[0][idc], "last_date": max(r[-3] for r in rows)}))
`;

describe('readEventLog cdnow', () => {
  for (const name of ['CDNOW_master.txt.gz', 'CDNOW_sample.txt.gz']) {
    it(`reads ${name} exactly as an independent parser does`, async () => {
      const path = data(name);
      const ref = JSON.parse(execFileSync('python3', ['-c', PY, path], { encoding: 'utf8' }));
      const { log, report } = await readEventLog(path, { format: 'cdnow' });
      expect(report.rowsRead).toBe(ref.rows);
      expect(report.rowsKept).toBe(ref.rows);
      expect(report.rejected).toEqual({});
      expect(report.customers).toBe(ref.customers);
      expect(report.valueTarget).toBe('revenue');
      expect(log.type.every((x) => x === EventType.purchase)).toBe(true);
      let dollars = 0,
        cds = 0,
        maxT = 0;
      for (let i = 0; i < log.length; i++) {
        dollars += log.amount[i];
        cds += log.quantity[i];
        maxT = Math.max(maxT, log.t[i]);
      }
      expect(dollars).toBeCloseTo(ref.dollars, 6);
      expect(cds).toBe(ref.cds);
      expect(log.customerIds[0]).toBe(ref.first);
      const d = ref.last_date as string;
      expect(maxT).toBe(Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8)));
      const off = customerOffsets(log);
      expect(off.length).toBe(ref.customers + 1);
      expect(off[off.length - 1]).toBe(log.length);
    });
  }

  it('matches the published counts of CDNOW_master (69,659 rows, 23,570 customers) and hashes the file', async () => {
    const { report } = await readEventLog(data('CDNOW_master.txt.gz'), { format: 'cdnow' });
    expect([report.rowsRead, report.customers, report.events]).toEqual([69_659, 23_570, 69_659]);
    expect(report.sha256).toBe('ce9d3785b68a7d9d27120947dd510aec663c667b96ac0314988cbecbf2459436');
    expect(report.gzip).toBe(true);
  });
});
