// Seeded fuzzing of the readers with planted bad input. Every bad row carries exactly one
// defect, so the generator knows the reason each must be counted under; the test asserts
// exact accounting (per reason), no crash, and that strict mode names the first bad row's
// file:line:column, on one thread and on three.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { IngestError } from '../src/index.ts';
import { readEventLog } from '../src/node.ts';
import { createRng, type Rng } from '@clvlab/core';

const dir = mkdtempSync(join(tmpdir(), 'clvlab-fuzz-'));
const HEADER = 'customer_id,timestamp,event_type,item_id,category,amount,quantity';
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

interface Planted {
  text: string;
  counts: Record<string, number>;
  kept: number;
  amount: number;
  first?: { line: number; column: number; reason: string };
}

/** A generic events CSV with good rows and rows with one planted defect each. */
function generate(seed: number, rows: number): Planted {
  const rng = createRng(seed);
  const eol = rng.next() < 0.5 ? '\r\n' : '\n';
  let text = rng.next() < 0.5 ? '\uFEFF' : '';
  text += HEADER + eol;
  let line = 2,
    kept = 0,
    amount = 0;
  const counts: Record<string, number> = {};
  let first: Planted['first'];
  for (let r = 0; r < rows; r++) {
    if (rng.next() < 0.03) {
      text += eol;
      line++;
    } // blank lines are skipped, not rows
    const f = [
      pick(rng, ['c1', 'c2', 'Zoë', '"c,3"', '17850']),
      pick(rng, [
        '2011-12-09 12:50:00',
        '2024-01-31T08:00:00.5Z',
        '2024-02-29T23:59:59+05:30',
        '1706688000',
        '1706688000123',
        '2024-06-01',
      ]),
      pick(rng, ['view', 'pv', 'cart', 'purchase', 'BUY', 'return', 'fav', 'other']),
      pick(rng, ['', 'i1', '"i,2"', '"say ""x"""', '"multi\nline"']),
      pick(rng, ['', 'books', 'toys']),
      pick(rng, ['', '0', '12.5', '-3', '1e3', '0.001']),
      pick(rng, ['', '1', '2']),
    ];
    let reason = '',
      field = -1;
    const u = rng.next();
    if (u < 0.06) {
      reason = 'missing-customer';
      field = 0;
      f[0] = '';
    } else if (u < 0.12) {
      reason = 'bad-timestamp';
      field = 1;
      f[1] = pick(rng, [
        '2024-13-01',
        'yesterday',
        '2023-02-29T00:00:00',
        '',
        'NaN',
        '2024-01-01T25:00:00',
        '12/31/2024',
      ]);
    } else if (u < 0.18) {
      reason = 'bad-event-type';
      field = 2;
      f[2] = pick(rng, ['clicked', '', 'purchase!', 'views']);
    } else if (u < 0.24) {
      reason = 'bad-amount';
      field = 5;
      f[5] = pick(rng, ['abc', 'NaN', '1.2.3', 'Infinity', '1e999', '--1', '$5']);
    } else if (u < 0.28) {
      reason = 'bad-quantity';
      field = 6;
      f[6] = pick(rng, ['x', 'NaN', '1,5'.replace(',', ';')]);
    } else if (u < 0.34) {
      reason = 'wrong-field-count';
    }
    let body: string, column: number;
    if (reason === 'wrong-field-count') {
      const plain = f.map((x) => (x.startsWith('"') ? 'q' : x));
      if (rng.next() < 0.5) {
        body = plain.slice(0, 1 + rng.int(6)).join(',');
        column = bytes(body) + 1;
      } // truncated line
      else {
        body = [...plain, 'extra'].join(',');
        column = bytes(plain.join(',')) + 2;
      } // one field too many
    } else {
      body = f.join(',');
      column = field >= 0 ? bytes(f.slice(0, field).join(',')) + (field > 0 ? 2 : 1) : 0;
    }
    text += body + eol;
    if (reason) {
      counts[reason] = (counts[reason] ?? 0) + 1;
      first ??= { line, column, reason };
    } else {
      kept++;
      const a = f[5] === '' ? 0 : Number(f[5]);
      amount += f[2] === 'return' ? -Math.abs(a) : a;
    }
    line += 1 + (body.match(/\n/g)?.length ?? 0);
  }
  if (rng.next() < 0.5 && text.endsWith(eol)) text = text.slice(0, -eol.length); // no final line end
  return { text, counts, kept, amount, first };
}

describe('fuzzed bad input', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`seed ${seed}: exact accounting per reason, lenient and gzip alike; strict names the first bad row`, async () => {
      const planted = generate(seed, 400 + seed * 37);
      const path = join(dir, `fuzz-${seed}.csv`);
      writeFileSync(path, planted.text);
      const { log, report } = await readEventLog(path, { format: 'events' });
      expect(report.rejected).toEqual(planted.counts);
      expect(report.rowsKept).toBe(planted.kept);
      expect(report.rowsRead).toBe(report.rowsKept + Object.values(report.rejected).reduce((a, b) => a + b, 0));
      let amount = 0;
      for (let i = 0; i < log.length; i++) amount += log.amount[i];
      expect(amount).toBeCloseTo(planted.amount, 6);
      const gz = join(dir, `fuzz-${seed}.bin`); // gzip detected by magic bytes, not by name
      writeFileSync(gz, gzipSync(planted.text));
      expect((await readEventLog(gz, { format: 'events' })).report.rejected).toEqual(planted.counts);
      const err = await readEventLog(path, { format: 'events', strict: true }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(IngestError);
      const e = err as IngestError;
      expect([e.line, e.column, e.reason]).toEqual([planted.first!.line, planted.first!.column, planted.first!.reason]);
      expect(e.message).toMatch(
        new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${e.line}:${e.column}: expected .+, got '.*'$`),
      );
      expect(e.message).not.toContain('\n');
      // On 3 threads (read-ranges.ts; one thread where a quoted line break spans a range
      // boundary): the same log, report and first error.
      expect(await readEventLog(path, { format: 'events', workers: 3 })).toEqual({ log, report });
      await expect(readEventLog(path, { format: 'events', strict: true, workers: 3 })).rejects.toThrow(e.message);
    });
  }

  it('handles an empty file, a BOM alone, a header alone and blank lines without crashing', async () => {
    const headers = {
      events: HEADER,
      cdnow: ' customer_id  date number_of_cds  dollar_value',
      taobao: 'user_id,item_id,category_id,behavior_type,timestamp',
      'online-retail': 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
      ciao: 'user_id,product_id,category_id,rating,helpfulness,timestamp',
    } as const;
    for (const [format, header] of Object.entries(headers) as [keyof typeof headers, string][]) {
      const cases = {
        empty: '',
        bom: '\uFEFF',
        header,
        'header-crlf': `\uFEFF${header}\r\n`,
        blank: `${header}\n\n\r\n`,
      };
      for (const [name, text] of Object.entries(cases)) {
        const path = join(dir, `${format}-${name}.csv`);
        writeFileSync(path, text);
        const { log, report } = await readEventLog(path, { format, strict: true });
        expect([report.rowsRead, report.rowsKept, log.length, log.customerIds.length]).toEqual([0, 0, 0, 0]);
      }
    }
  });

  it('CDNOW text: bad dates, non-numeric and NaN amounts, wrong column counts, counted exactly', async () => {
    const rng = createRng(99);
    const counts: Record<string, number> = {};
    let text = ' customer_id  date number_of_cds  dollar_value\r\n',
      kept = 0,
      firstLine = 0,
      line = 2;
    for (let r = 0; r < 500; r++) {
      const f = [
        String(1 + rng.int(50)).padStart(5, '0'),
        `1997${String(1 + rng.int(12)).padStart(2, '0')}${String(1 + rng.int(28)).padStart(2, '0')}`,
        String(1 + rng.int(5)),
        (rng.next() * 100).toFixed(2),
      ];
      const u = rng.next();
      let reason = '';
      if (u < 0.05) {
        reason = 'bad-date';
        f[1] = pick(rng, ['19971301', '1997010', '19970230', 'abcdefgh']);
      } else if (u < 0.1) {
        reason = 'bad-amount';
        f[3] = pick(rng, ['NaN', 'x', '-1.00', '1.2.3']);
      } else if (u < 0.15) {
        reason = 'bad-quantity';
        f[2] = pick(rng, ['two', '-1', '1.5']);
      } else if (u < 0.2) {
        reason = 'wrong-field-count';
        f.pop();
      }
      text += ` ${f.join('   ')}\r\n`;
      if (reason) {
        counts[reason] = (counts[reason] ?? 0) + 1;
        firstLine ||= line;
      } else kept++;
      line++;
    }
    const path = join(dir, 'cdnow.txt');
    writeFileSync(path, text);
    const { report } = await readEventLog(path, { format: 'cdnow' });
    expect(report.rejected).toEqual(counts);
    expect(report.rowsKept).toBe(kept);
    await expect(readEventLog(path, { format: 'cdnow', strict: true })).rejects.toThrow(
      new RegExp(`cdnow\\.txt:${firstLine}:\\d+: expected `),
    );
  });

  // Real rows from the shared Taobao and Ciao files with planted defects (these formats have
  // no policy drops, so every planted row is exactly one reject under its own reason).
  const real = (rel: string, lines: number): string[] =>
    gunzipSync(readFileSync(fileURLToPath(new URL(`../../../../shared/data/${rel}`, import.meta.url))))
      .toString('utf8')
      .split('\n')
      .slice(0, lines);
  const formats = [
    {
      format: 'taobao',
      rel: 'taobao_user_behavior/UserBehavior.csv.gz',
      header: 0,
      width: 5,
      defects: [
        [3, 'bad-event-type', 'click'],
        [4, 'bad-timestamp', '15115.5e'],
        [4, 'bad-timestamp', ''],
        [0, 'missing-customer', ''],
      ],
    },
    {
      format: 'ciao',
      rel: 'ciao/ciao_ratings.csv.gz',
      header: 1,
      width: 6,
      defects: [
        [3, 'bad-rating', '7'],
        [3, 'bad-rating', 'NaN'],
        [5, 'bad-timestamp', '2011-01-01'],
        [0, 'missing-customer', ''],
      ],
    },
  ] as const;
  for (const { format, rel, header, width, defects } of formats) {
    it(`${format}: planted defects in real rows are counted exactly and named in strict mode`, async () => {
      const rng = createRng(format.length);
      const lines = real(rel, 2001);
      const counts: Record<string, number> = {};
      let first: { line: number; column: number } | undefined;
      for (let i = header; i < lines.length; i++) {
        if (rng.next() > 0.1) continue;
        const f = lines[i].split(',');
        let reason: string, column: number;
        if (rng.next() < 0.2) {
          reason = 'wrong-field-count';
          const cut = f.slice(0, 1 + rng.int(width - 1));
          lines[i] = cut.join(',');
          column = lines[i].length + 1;
        } else {
          const [field, why, text] = defects[rng.int(defects.length)];
          reason = why;
          f[field] = text;
          lines[i] = f.join(',');
          column = f.slice(0, field).join(',').length + (field > 0 ? 2 : 1);
        }
        counts[reason] = (counts[reason] ?? 0) + 1;
        first ??= { line: i + 1, column };
      }
      const path = join(dir, `${format}-planted.csv`);
      writeFileSync(path, lines.join('\r\n'));
      const { report } = await readEventLog(path, { format });
      expect(report.rejected).toEqual(counts);
      expect(report.rowsRead).toBe(2001 - header);
      expect(report.rowsKept).toBe(2001 - header - Object.values(counts).reduce((a, b) => a + b, 0));
      const err = (await readEventLog(path, { format, strict: true }).catch((e: unknown) => e)) as IngestError;
      expect(err).toBeInstanceOf(IngestError);
      expect([err.line, err.column]).toEqual([first!.line, first!.column]);
      expect(err.message.startsWith(`${path}:${first!.line}:${first!.column}: expected `)).toBe(true);
    });
  }
});
