import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { createRng } from '@clvlab/core';
import { describe, expect, it } from 'vitest';
import { EventType } from '../src/index.ts';
import { readEventLog } from '../src/node.ts';

const sameBytes = (x: ArrayBufferView, y: ArrayBufferView): boolean =>
  Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength));
const dir = mkdtempSync(join(tmpdir(), 'clvlab-events-'));
const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

// Their column names, renamed with `map`; an extra column; quoted ids with separators; BOM; CRLF.
const CSV =
  '\uFEFFuser,when,what,sku,cat,price,qty,note\r\n' +
  'u1,2024-01-31T08:00:00Z,view,"A,1",books,,,x\r\n' +
  'u1,2024-01-31T09:30:00.250+01:00,ADD_TO_CART,"A,1",books,,2,"say ""hi"""\r\n' +
  'u2,1706688000,buy,B,,19.99,1,\r\n' +
  'u2,1706688000123,refund,B,,19.99,1,\r\n' +
  'u1,2024-01-31,pv,,,,,\r\n' +
  'u1,2024-01-31 10:00:00,transaction,C,toys,5,,\r\n';
const MAP = {
  customer_id: 'user',
  timestamp: 'when',
  event_type: 'what',
  item_id: 'sku',
  category: 'cat',
  amount: 'price',
  quantity: 'qty',
};

describe('readEventLog events (CSV)', () => {
  it('reads renamed columns, ISO and epoch timestamps, synonyms, quoted fields, BOM and CRLF', async () => {
    const { log, report } = await readEventLog(write('a.csv', CSV), { format: 'events', map: MAP });
    expect([report.rowsRead, report.rowsKept, report.rejected, report.valueTarget]).toEqual([6, 6, {}, 'revenue']);
    expect(log.customerIds).toEqual(['u1', 'u2']);
    expect(log.itemIds).toEqual(['A,1', 'B', 'C']);
    expect(log.categoryIds).toEqual(['books', 'toys']);
    const day = Date.UTC(2024, 0, 31);
    // u1 sorted by time: midnight pv, 08:00 view, 08:30:00.250 cart (+01:00), 10:00 purchase.
    expect(Array.from(log.t)).toEqual([
      day,
      day + 8 * 3600e3,
      day + 8.5 * 3600e3 + 250,
      day + 10 * 3600e3,
      1706688000000,
      1706688000123,
    ]);
    expect(Array.from(log.type)).toEqual([
      EventType.view,
      EventType.view,
      EventType.cart,
      EventType.purchase,
      EventType.purchase,
      EventType.return,
    ]);
    expect(Array.from(log.amount)).toEqual([0, 0, 0, 5, 19.99, -19.99]); // returns are stored negative
    expect(Array.from(log.quantity)).toEqual([1, 1, 2, 1, 1, 1]);
    expect(Array.from(log.item)).toEqual([-1, 0, 0, 2, 1, 1]);
    expect(Array.from(log.category)).toEqual([-1, 0, 0, 1, -1, -1]);
  });

  it('uses a count target when there are no amounts, and defaults event_type to purchase', async () => {
    const { log, report } = await readEventLog(
      write('b.csv', 'customer_id,timestamp,event_type\nc,1,purchase\nc,2,return\nd,3,view\n'),
      { format: 'events' },
    );
    expect(report.valueTarget).toBe('count');
    expect(Array.from(log.amount)).toEqual([1, -1, 0]);
    const tx = await readEventLog(write('c.csv', 'customer_id,timestamp,amount\nc,2024-02-01,3.5\n'), {
      format: 'events',
    });
    expect(Array.from(tx.log.type)).toEqual([EventType.purchase]);
    expect(tx.report.valueTarget).toBe('revenue');
  });

  it('fails loudly on a missing required column or an unknown --map key', async () => {
    await expect(readEventLog(write('d.csv', 'id,timestamp\n1,2\n'), { format: 'events' })).rejects.toThrow(
      /d\.csv:1:1: expected a header with column 'customer_id', got 'id,timestamp'/,
    );
    await expect(
      readEventLog(write('e.csv', 'customer_id,timestamp\n1,2\n'), { format: 'events', map: { user: 'x' } }),
    ).rejects.toThrow(/unknown --map column 'user'/);
    await expect(readEventLog(join(dir, 'nope.csv'), { format: 'events' })).rejects.toThrow(
      /events\/read-event-log: cannot open/,
    );
  });
});

describe('readEventLog events (Parquet via hyparquet)', () => {
  it('reads a Parquet file written by DuckDB exactly like the same CSV', async () => {
    const csv = write('p.csv', CSV);
    const parquet = join(dir, 'p.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(`COPY (SELECT "user", "when", what, sku, cat, TRY_CAST(price AS DOUBLE) AS price, TRY_CAST(qty AS BIGINT) AS qty
      FROM read_csv('${csv}', all_varchar = true, header = true)) TO '${parquet}' (FORMAT parquet, ROW_GROUP_SIZE 2)`);
    con.closeSync();
    db.closeSync();
    const fromCsv = await readEventLog(csv, { format: 'events', map: MAP });
    const fromParquet = await readEventLog(parquet, { format: 'events', map: MAP });
    expect(fromParquet.report.details.container).toBe('parquet');
    expect([fromParquet.report.rowsRead, fromParquet.report.rowsKept, fromParquet.report.valueTarget]).toEqual([
      6,
      6,
      'revenue',
    ]);
    for (const key of ['customer', 't', 'type', 'item', 'category', 'amount', 'quantity'] as const) {
      expect(Array.from(fromParquet.log[key])).toEqual(Array.from(fromCsv.log[key]));
    }
    expect(fromParquet.log.itemIds).toEqual(fromCsv.log.itemIds);
    expect(fromParquet.report.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('readEventLog column storage', () => {
  it('gives the same log from a plain file (columns sized by a line count) and from gzip (grown in blocks)', async () => {
    const { writeEventLogArrays, eventLogFromArrays } = await import('../src/index.ts');
    const { readZarrGroup, writeZarrGroup } = await import('../src/node.ts');
    const { gzipSync } = await import('node:zlib');
    const rng = createRng(3);
    let text = 'customer_id,timestamp,event_type,amount\n';
    for (let i = 0; i < 70_000; i++)
      text += `${Math.floor(i / 170)},${1_700_000_000 + i * 60 + rng.int(60)},${rng.next() < 0.9 ? 'view' : 'purchase'},${rng.int(100)}\n`;
    const plain = write('big.csv', text);
    const gz = join(dir, 'big.csv.gz');
    writeFileSync(gz, gzipSync(text));
    const a = await readEventLog(plain, { format: 'events' });
    const b = await readEventLog(gz, { format: 'events' });
    expect(a.report.rowsKept).toBe(70_000); // more than one 64 Ki block when grown
    // sorted input from a plain file: the columns are views of the one reserved allocation (no copy)
    expect(a.log.t.buffer.byteLength).toBeGreaterThan(a.log.t.byteLength);
    for (const key of ['customer', 't', 'type', 'amount'] as const)
      expect(sameBytes(a.log[key], b.log[key])).toBe(true);
    const path = join(dir, 'big.zarr');
    await writeZarrGroup(path, { attributes: {}, arrays: writeEventLogArrays(a.log) });
    const back = eventLogFromArrays(await readZarrGroup(path));
    expect(sameBytes(back.t, a.log.t)).toBe(true);
    expect(back.customerIds).toEqual(a.log.customerIds);
  });
});

describe('readEventLog file hash', () => {
  it('hashes a large file (worker thread path) to the sha256 of its bytes', async () => {
    const { createHash } = await import('node:crypto');
    const line = 'c1,1700000000,view\n';
    const rows = Math.ceil((65 << 20) / line.length); // above the 64 MiB worker threshold
    const bytes = Buffer.from('customer_id,timestamp,event_type\n' + line.repeat(rows));
    const path = join(dir, 'large.csv');
    writeFileSync(path, bytes);
    const { report } = await readEventLog(path, { format: 'events' });
    expect(report.rowsRead).toBe(rows);
    expect(report.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
