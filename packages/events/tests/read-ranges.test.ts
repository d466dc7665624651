// Parallel reads (read-ranges.ts): for every format that goes through the byte tokenizer, a
// plain file read with workers 2, 3 and 4 gives exactly the one-thread result: every column
// byte for byte, the id dictionaries in the same order, the whole report (accounting, sha256,
// details), and in strict mode the same first error. Real datasets are gunzipped to a
// temporary folder (they ship as gzip, which is read on one thread).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { createRng } from '@clvlab/core';
import { afterAll, describe, expect, it } from 'vitest';
import { IngestError } from '../src/index.ts';
import { readEventLog } from '../src/node.ts';
import type { IngestResult, InputFormat, ReadOptions } from '../src/index.ts';
import { IngestBuilder } from '../src/ingest-builder.ts';
import { readerDates } from '../src/make-reader.ts';
import { autoThreads } from '../src/read-event-log.ts';
import { readRanges } from '../src/read-ranges.ts';

const dir = mkdtempSync(join(tmpdir(), 'clvlab-ranges-'));
afterAll(() => rmSync(dir, { recursive: true, force: true })); // ~70 MB of gunzipped datasets
const write = (name: string, text: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const shared = (rel: string): string => fileURLToPath(new URL(`../../../../shared/data/${rel}`, import.meta.url));
const gunzipped = (rel: string, name: string): string => write(name, gunzipSync(readFileSync(shared(rel))));
const COLUMNS = ['customer', 't', 'type', 'item', 'category', 'amount', 'quantity'] as const;
const bytes = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function expectSame(got: IngestResult, want: IngestResult): void {
  for (const key of COLUMNS) expect(bytes(got.log[key]).equals(bytes(want.log[key])), key).toBe(true);
  const ids = ({ log }: IngestResult): object => {
    const { length, customerIds, itemIds, categoryIds, valueTarget } = log;
    return { length, customerIds, itemIds, categoryIds, valueTarget };
  };
  expect(ids(got)).toEqual(ids(want));
  expect(got.report).toEqual(want.report);
}

/**
 * Reads `path` on one thread and with each worker count in even ranges (the balanced split
 * reads a file this small on the calling thread alone: its workers start too late); all must agree.
 */
async function expectParallelSame(path: string, options: ReadOptions, counts = [2, 3, 4]): Promise<IngestResult> {
  const one = await readEventLog(path, { ...options, workers: 1 });
  for (const workers of counts) expectSame(await readEventLog(path, { ...options, workers, split: 'even' }), one);
  return one;
}

/** Whether `threads` threads read `path` in even ranges (true) or fell back to one thread. */
async function parallel(path: string, format: InputFormat, threads: number): Promise<boolean> {
  const opts = { strict: false, map: {}, dateOrder: 'auto' } as const;
  const size = readFileSync(path).length;
  const dates = await readerDates(path, format, opts);
  const read = await readRanges(path, size, format, new IngestBuilder(path, false), opts, dates, threads, 'even');
  if (read !== undefined) expect(read.ranges).toBe(threads);
  return read !== undefined;
}

/** A generic event CSV with every kind of row: numeric, text and quoted ids, all reject reasons, blank lines. */
function eventsCsv(seed: number, rows: number, eol: string, amounts: 'all' | 'late' | 'none'): string {
  const rng = createRng(seed);
  const types = ['view', 'cart', 'purchase', 'return', 'pv', 'BUY', 'fav'];
  const lines = ['customer_id,timestamp,event_type,item_id,category,amount,quantity'];
  for (let i = 0; i < rows; i++) {
    const u = rng.next();
    const c = rng.int(300);
    const customer = c % 3 === 0 ? `u${c}` : c % 3 === 1 ? String(1000 + c) : `"0${c},x"`;
    const t = rng.next() < 0.5 ? String(1_700_000_000 + rng.int(10_000_000)) : `2024-01-${10 + rng.int(18)}T08:00:00Z`;
    const item = rng.next() < 0.2 ? '' : rng.next() < 0.5 ? String(rng.int(500)) : `sku-${rng.int(500)}`;
    const category = rng.next() < 0.3 ? '' : `cat${rng.int(20)}`;
    const hasAmount = amounts === 'all' || (amounts === 'late' && i > rows * 0.8);
    const amount = hasAmount && rng.next() < 0.7 ? (rng.int(10_000) / 100).toFixed(2) : '';
    const quantity = rng.next() < 0.5 ? '' : String(1 + rng.int(3));
    const type = types[rng.int(types.length)];
    if (u < 0.01) lines.push('');
    else if (u < 0.015) lines.push(`${customer},${t},${type}`);
    else if (u < 0.02) lines.push(`,${t},${type},${item},${category},${amount},${quantity}`);
    else if (u < 0.025) lines.push(`${customer},yesterday,${type},${item},${category},${amount},${quantity}`);
    else if (u < 0.03) lines.push(`${customer},${t},teleport,${item},${category},${amount},${quantity}`);
    else if (u < 0.035 && hasAmount) lines.push(`${customer},${t},${type},${item},${category},12x,${quantity}`);
    else lines.push(`${customer},${t},${type},${item},${category},${amount},${quantity}`);
  }
  return lines.join(eol);
}

describe('readEventLog workers (events)', () => {
  it('gives the one-thread log and report for 2, 3 and 4 workers: LF, CRLF, no final line end', async () => {
    for (const [name, eol, tail] of [
      ['lf.csv', '\n', '\n'],
      ['crlf.csv', '\r\n', '\r\n'],
      ['open.csv', '\n', ''],
    ] as const) {
      const text = eventsCsv(7, 20_000, eol, 'all') + tail;
      const path = write(name, text);
      // the nominal range starts k·size/n fall inside lines (the ranges start at the next line)
      const size = Buffer.byteLength(text);
      for (const n of [2, 3, 4])
        for (let k = 1; k < n; k++) expect(text.charCodeAt(Math.floor((k * size) / n) - 1)).not.toBe(10);
      expect(await parallel(path, 'events', 4)).toBe(true);
      const one = await expectParallelSame(path, { format: 'events' });
      // every kind of row occurs, so each reason's counts are merged across ranges
      expect(Object.keys(one.report.rejected)).toEqual([
        'bad-amount',
        'bad-event-type',
        'bad-timestamp',
        'missing-customer',
        'wrong-field-count',
      ]);
      expect(one.report.blankLines).toBeGreaterThan(100);
    }
  });

  it('cuts what is left once this thread has read the first MiB (the balanced split): one-thread rows, ids, accounting and strict error', async () => {
    const text = eventsCsv(11, 80_000, '\n', 'all') + '\n';
    const path = write('balanced.csv', text);
    const size = Buffer.byteLength(text);
    expect(size).toBeGreaterThan(3 << 20); // the first MiB, then at least 2 MiB to cut
    const opts = { strict: false, map: {}, dateOrder: 'auto' } as const;
    const one = await readEventLog(path, { format: 'events' });
    for (const threads of [2, 3]) {
      const b = new IngestBuilder(path, false);
      const read = await readRanges(path, size, 'events', b, opts, undefined, threads, { afterBytes: 1 });
      expect(read?.ranges).toBe(threads);
      const { rowsRead } = b,
        rejected = b.rejectedObject();
      const log = b.finish(read!.summary.valueTarget);
      for (const key of COLUMNS) expect(bytes(log[key]).equals(bytes(one.log[key])), key).toBe(true);
      expect([log.customerIds, log.itemIds, log.categoryIds]).toEqual([
        one.log.customerIds,
        one.log.itemIds,
        one.log.categoryIds,
      ]);
      expect([rowsRead, rejected, read!.blankLines, await read!.digest]).toEqual([
        one.report.rowsRead,
        one.report.rejected,
        one.report.blankLines,
        one.report.sha256,
      ]);
    }
    // Strict: a bad row past the cut, in the last range, keeps its one-thread line and column.
    const lines = ['customer_id,timestamp,event_type,amount'];
    for (let i = 0; i < 100_000; i++) lines.push(`c${i % 97},${1_700_000_000 + i},view,${i % 13}.5`);
    const k = Math.floor(lines.length * 0.9);
    lines[k] = lines[k].replace(',view,', ',warp,');
    const bad = write('balanced-strict.csv', lines.join('\n') + '\n');
    const want = (await readEventLog(bad, { format: 'events', strict: true }).catch((e: unknown) => e)) as IngestError;
    expect(want.line).toBe(k + 1);
    const strict = { ...opts, strict: true };
    const got = await readRanges(
      bad,
      Buffer.byteLength(lines.join('\n')) + 1,
      'events',
      new IngestBuilder(bad, true),
      strict,
      undefined,
      2,
      {
        afterBytes: 1,
      },
    ).catch((e: unknown) => e);
    expect(got).toBeInstanceOf(IngestError);
    expect((got as IngestError).message).toBe(want.message);
  });

  it('merges the value target: revenue when only a late range has amounts, count when none has', async () => {
    const late = await expectParallelSame(write('late.csv', eventsCsv(8, 10_000, '\n', 'late')), {
      format: 'events',
    });
    expect(late.report.valueTarget).toBe('revenue');
    const none = await expectParallelSame(write('none.csv', eventsCsv(9, 10_000, '\n', 'none')), {
      format: 'events',
    });
    expect(none.report.valueTarget).toBe('count');
    expect(new Set(none.log.amount)).toEqual(new Set([1, -1, 0]));
  });

  it("reads a last range with more rows than its estimate (much shorter lines at the file's end) on one thread", async () => {
    // The last range's slice is the counted ranges' bytes per line × 1.25 + 65,536 rows
    // (read-ranges.ts): long lines first, then ~8-byte lines, so the second half of the file
    // holds ~10× the rows its estimate allows.
    const long = Array.from(
      { length: 20_000 },
      (_, i) => `${1000 + (i % 50)},${1_700_000_000 + i},view,${i},cat-${'x'.repeat(60)},,`,
    );
    const short = Array.from({ length: 200_000 }, (_, i) => `${i % 90},${i},pv,,,,`);
    const text = ['customer_id,timestamp,event_type,item_id,category,amount,quantity', ...long, ...short].join('\n');
    const path = write('short-tail.csv', text);
    expect(await parallel(path, 'events', 2)).toBe(false);
    const one = await expectParallelSame(path, { format: 'events' }, [2, 3]);
    expect(one.report.rowsKept).toBe(220_000);
    // Short lines in the middle, at the end of the first range only: the calling thread's own
    // slice (the head's bytes per line) is too small, and it reads the file again on its own.
    const longLine = (i: number): string => `${1000 + (i % 50)},${1_700_000_000 + i},view,${i},cat-${'x'.repeat(60)},,`;
    const middle = [
      'customer_id,timestamp,event_type,item_id,category,amount,quantity',
      ...Array.from({ length: 13_000 }, (_, i) => longLine(i)),
      ...short.slice(0, 145_000),
      ...Array.from({ length: 30_000 }, (_, i) => longLine(i)),
    ].join('\n');
    const mid = write('short-middle.csv', middle);
    expect(await parallel(mid, 'events', 2)).toBe(false);
    await expectParallelSame(mid, { format: 'events' }, [2]);
    // Lines of one length throughout: the estimate holds and the read is parallel.
    const even = write('even.csv', ['customer_id,timestamp,event_type', ...short].join('\n'));
    expect(await parallel(even, 'events', 2)).toBe(true);
    await expectParallelSame(even, { format: 'events' }, [2, 3]);
  });

  it('throws the one-thread strict error for a bad row in the second range (and in the first)', async () => {
    const good = ['customer_id,timestamp,event_type,amount'];
    for (let i = 0; i < 6_000; i++) good.push(`c${i % 97},${1_700_000_000 + i},view,${i % 13}.5`);
    for (const at of [0.7, 0.2]) {
      const lines = [...good];
      const k = Math.floor(lines.length * at);
      lines[k] = lines[k].replace(',view,', ',warp,');
      const path = write(`strict-${at}.csv`, lines.join('\n') + '\n');
      const want = await readEventLog(path, { format: 'events', strict: true }).catch((e: unknown) => e);
      expect(want).toBeInstanceOf(IngestError);
      expect((want as IngestError).line).toBe(k + 1);
      for (const workers of [2, 3]) {
        const got = await readEventLog(path, { format: 'events', strict: true, workers }).catch((e: unknown) => e);
        expect(got).toBeInstanceOf(IngestError);
        expect((got as IngestError).message).toBe((want as IngestError).message);
        expect([(got as IngestError).line, (got as IngestError).column, (got as IngestError).reason]).toEqual([
          (want as IngestError).line,
          (want as IngestError).column,
          (want as IngestError).reason,
        ]);
      }
    }
  });

  it('falls back to one thread when a quoted line break spans a range boundary', async () => {
    const lines = ['customer_id,timestamp,item_id'];
    for (let i = 0; i < 2000; i++) lines.push(`c${i % 50},${1_700_000_000 + i},"item ${i}"`);
    const mid = Math.floor(lines.length / 2);
    // one record as long as the rest of the file, its quoted item many lines long: the line
    // feed after the middle of the file is inside it
    const long = Array.from({ length: Buffer.byteLength(lines.join('\n')) / 81 }, () => 'x'.repeat(80)).join('\n');
    lines[mid] = `c1,1700000000,"a long item name\n${long}"`;
    const path = write('quoted.csv', lines.join('\n') + '\n');
    expect(await parallel(path, 'events', 2)).toBe(false);
    const one = await expectParallelSame(path, { format: 'events' }, [2, 4]);
    expect(one.log.itemIds).toContain(`a long item name\n${long}`);
    // quoted fields without line breaks do not stop the parallel read
    expect(await parallel(write('quoted-ok.csv', lines.filter((_, i) => i !== mid).join('\n')), 'events', 3)).toBe(
      true,
    );
  });

  it('reads gzip on one thread, checks the option, and resolves 0 by the file size and the cores', async () => {
    const text = eventsCsv(11, 3_000, '\n', 'all');
    const gz = write('g.csv.gz', (await import('node:zlib')).gzipSync(text));
    expectSame(await readEventLog(gz, { format: 'events', workers: 4 }), await readEventLog(gz, { format: 'events' }));
    const plain = write('small.csv', text);
    expectSame(
      await readEventLog(plain, { format: 'events', workers: 0 }),
      await readEventLog(plain, { format: 'events' }),
    );
    expect([autoThreads(100 << 20), autoThreads(200 << 20), autoThreads(2 ** 40)]).toEqual([
      1,
      Math.min(3, availableParallelism()),
      availableParallelism(),
    ]);
    for (const workers of [-1, 1.5])
      await expect(readEventLog(plain, { format: 'events', workers })).rejects.toThrow(
        `events/read-event-log: option 'workers' must be 0 (auto) or a positive integer, got ${workers}`,
      );
  });

  it('leaves no worker keeping the process alive, after a read or a strict error', () => {
    const path = write('exit.csv', eventsCsv(12, 2_000, '\n', 'all'));
    const bad = write('exit-bad.csv', `customer_id,timestamp\n${'a,1\n'.repeat(3000)}b,never\n`);
    const entry = new URL('../src/node.ts', import.meta.url).href;
    const script = write(
      'exit.mjs',
      `const { readEventLog } = await import(${JSON.stringify(entry)});
       const { report } = await readEventLog(${JSON.stringify(path)}, { format: 'events', workers: 3 });
       const err = await readEventLog(${JSON.stringify(bad)}, { format: 'events', workers: 2, strict: true }).catch((e) => e);
       console.log(report.rowsKept, err.message);`,
    );
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(out.trim()).toMatch(/^\d{4} .*exit-bad\.csv:3002:3: expected timestamp as ISO 8601/);
  });
});

describe('readEventLog workers (format readers)', () => {
  it('reads CDNOW master (header, CRLF) and sample (no header) like one thread', async () => {
    for (const name of ['CDNOW_master.txt', 'CDNOW_sample.txt']) {
      const path = gunzipped(`cdnow/${name}.gz`, name);
      expect(await parallel(path, 'cdnow', 3)).toBe(true);
      const one = await expectParallelSame(path, { format: 'cdnow' });
      expect(one.report.details.layout).toBe(name.replace('.txt', ''));
    }
  });

  it('reads Online Retail like one thread, duplicates across ranges included', async () => {
    const path = gunzipped('online_retail/online_retail.csv.gz', 'online_retail.csv');
    const one = await expectParallelSame(path, { format: 'online-retail' }, [2, 4]);
    expect(one.report.rejected.duplicate).toBeGreaterThan(0);
    // the first 30k lines, then copies of 500 early rows: every copy sits in the last range
    const lines = readFileSync(path, 'utf8').split('\n').slice(0, 30_000);
    const copies = write('retail-copies.csv', [...lines, ...lines.slice(1, 501)].join('\n') + '\n');
    expect(await parallel(copies, 'online-retail', 3)).toBe(true);
    const base = await readEventLog(write('retail-base.csv', lines.join('\n') + '\n'), { format: 'online-retail' });
    const withCopies = await expectParallelSame(copies, { format: 'online-retail' }, [3]);
    expect(withCopies.report.rowsKept).toBe(base.report.rowsKept);
    expect(withCopies.report.rejected.duplicate - (base.report.rejected.duplicate ?? 0)).toBeGreaterThan(400);
  });

  it('reads Taobao and Ciao like one thread', async () => {
    await expectParallelSame(
      gunzipped('taobao_user_behavior/UserBehavior.csv.gz', 'taobao.csv'),
      { format: 'taobao' },
      [3],
    );
    await expectParallelSame(gunzipped('ciao/ciao_ratings.csv.gz', 'ciao.csv'), { format: 'ciao' }, [2]);
  });
});
