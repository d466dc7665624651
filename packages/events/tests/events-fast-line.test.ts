// The events reader's fast path (events-reader.ts fastLine, tokenizer.ts FastLine) against its
// row path: the same bytes, fed in the same random chunks, with and without the fast path,
// must give the same builder, column for column, the same ids in the same order, the same
// accounting and, in strict mode, the same first error. The lines mix what the fast path takes
// (plain numeric rows) with everything it must decline (quotes, CR, blank lines, wrong field
// counts, text and non-canonical ids, ISO and bad timestamps, decimals, signs, exponents, bad
// types and amounts, more than 15 digits). The fast path runs twice: with its WebAssembly first
// pass (plain-lines.ts) and with its JavaScript pass alone.
import { createRng, type Rng } from '@clvlab/core';
import { describe, expect, it } from 'vitest';
import { IngestBuilder } from '../src/ingest-builder.ts';
import { makeReader } from '../src/make-reader.ts';
import { plainLinesSwitch } from '../src/plain-lines.ts';
import { Tokenizer } from '../src/tokenizer.ts';

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];

const CUSTOMERS = ['1000000', '1000001', '01000000', '1000000.0', '7', '0', '007', 'u-1', 'ü9', '1234567890123456', '', '"42"', ' 5', '8\r8'];
const TIMES = [
  '1704605414680',
  '1704605414',
  '2024-01-31T08:00:00Z',
  '2024-01-31 10:00',
  '2024-02-30',
  'x',
  '',
  '-1704605414',
  '1704605414680.5',
  '17046054146801234',
];
const TYPES = ['view', 'cart', 'purchase', 'return', 'VIEW', 'buy', 'nope', '', '"view"'];
const IDS = ['37313', '0', '00', '12a', '', 'sku,1', '999999999999999', '9999999999999999', '"7"'];
const AMOUNTS = ['', '19.99', '-5', '+3', '1e3', '.5', '5.', 'abc', '12345678901234567', '0'];

/** One data line (without its line end) over `columns` in file order. */
function line(rng: Rng, columns: readonly string[]): string {
  if (rng.next() < 0.7) {
    // Mostly plain rows, as in a real log (the fast path's case).
    const plain: Record<string, string> = {
      customer_id: String(1000000 + rng.int(50)),
      timestamp: String(1704605414680 + rng.int(1e9)),
      event_type: pick(rng, ['view', 'cart', 'purchase', 'return']),
      item_id: String(rng.int(1000)),
      category: String(rng.int(30)),
      amount: rng.next() < 0.5 ? '' : (rng.int(10000) / 100).toString(),
      quantity: rng.next() < 0.7 ? '' : String(1 + rng.int(3)),
      note: rng.next() < 0.9 ? '' : 'free text',
    };
    return columns.map((c) => plain[c]).join(',');
  }
  const odd: Record<string, string> = {
    customer_id: pick(rng, CUSTOMERS),
    timestamp: pick(rng, TIMES),
    event_type: pick(rng, TYPES),
    item_id: pick(rng, IDS),
    category: pick(rng, IDS),
    amount: pick(rng, AMOUNTS),
    quantity: pick(rng, AMOUNTS),
    note: pick(rng, ['', 'a "b"', '"c, d"', '"e\nf"', 'g\rh']),
  };
  const fields = columns.map((c) => odd[c]);
  const r = rng.next();
  if (r < 0.05)
    fields.pop(); // too few fields
  else if (r < 0.1) fields.push('extra'); // too many
  return fields.join(',');
}

function file(seed: number, columns: readonly string[], rows: number, header = columns): Uint8Array {
  const rng = createRng(seed);
  let text = header.join(',') + '\n';
  for (let r = 0; r < rows; r++) {
    const x = rng.next();
    if (x < 0.02) text += '\n';
    else if (x < 0.04) text += line(rng, columns) + '\r\n';
    else text += line(rng, columns) + '\n';
  }
  if (rng.next() < 0.5) text += line(rng, columns); // no final line end
  return new TextEncoder().encode(text);
}

interface Outcome {
  columns?: Record<string, number[]>;
  ids?: [readonly string[], readonly string[], readonly string[]];
  accounting?: [number, number, Record<string, number>, number];
  summary?: unknown;
  error?: string;
}

type Path = 'row' | 'javascript' | 'webassembly';

function read(
  bytes: Uint8Array,
  chunks: readonly number[],
  path: Path,
  strict: boolean,
  map: Record<string, string>,
): Outcome {
  const fast = path !== 'row';
  plainLinesSwitch.enabled = path === 'webassembly';
  const b = new IngestBuilder('mem.csv', strict);
  const reader = makeReader('events', b, { strict, map, dateOrder: 'auto' }, undefined);
  const tokenizer = new Tokenizer(
    reader.mode,
    (row) => reader.onRow(row),
    undefined,
    fast ? reader.fastLine : undefined,
  );
  try {
    let at = 0;
    for (const size of chunks) {
      tokenizer.feed(bytes.subarray(at, Math.min(bytes.length, at + size)));
      at += size;
    }
    tokenizer.feed(bytes.subarray(at));
    tokenizer.end();
  } catch (err) {
    return { error: (err as Error).message };
  } finally {
    plainLinesSwitch.enabled = true;
  }
  const summary = reader.finish();
  const accounting: Outcome['accounting'] = [b.rowsRead, b.rowsKept, b.rejectedObject(), tokenizer.blankLines];
  const log = b.finish(summary.valueTarget);
  return {
    columns: {
      customer: Array.from(log.customer),
      t: Array.from(log.t),
      type: Array.from(log.type),
      item: Array.from(log.item),
      category: Array.from(log.category),
      amount: Array.from(log.amount),
      quantity: Array.from(log.quantity),
    },
    ids: [log.customerIds, log.itemIds, log.categoryIds],
    accounting,
    summary,
  };
}

const ORDERS = [
  ['customer_id', 'timestamp', 'event_type', 'item_id', 'category', 'amount', 'quantity'],
  ['note', 'quantity', 'amount', 'timestamp', 'category', 'customer_id', 'item_id', 'event_type'],
  ['customer_id', 'timestamp', 'amount'],
  ['timestamp', 'event_type', 'customer_id'],
];

describe('events reader fast path', () => {
  it('the fast path takes the plain lines (a log it declines everywhere would pass the equality below vacuously)', () => {
    const bytes = file(1, ORDERS[0], 2000);
    const b = new IngestBuilder('mem.csv', false);
    const reader = makeReader('events', b, { strict: false, map: {}, dateOrder: 'auto' }, undefined);
    let rowPath = 0;
    const tokenizer = new Tokenizer(
      reader.mode,
      (row) => {
        rowPath++;
        reader.onRow(row);
      },
      undefined,
      reader.fastLine,
    );
    tokenizer.feed(bytes);
    tokenizer.end();
    // ~70% of the lines are plain; the header and the odd lines go through the row path.
    expect(b.rowsRead - (rowPath - 1)).toBeGreaterThan(1200);
    expect(rowPath).toBeGreaterThan(300);
  });

  for (const [k, columns] of ORDERS.entries()) {
    for (const strict of [false, true]) {
      it(`equals the row path: column order ${k}, ${strict ? 'strict' : 'lenient'}, random chunks`, () => {
        for (let seed = 1; seed <= 12; seed++) {
          const bytes = file(seed * 31 + k, columns, 600);
          const rng = createRng(seed);
          const chunks = Array.from({ length: 40 }, () => 1 + rng.int(seed % 3 === 0 ? 7 : 400));
          const a = read(bytes, chunks, 'webassembly', strict, {});
          const b = read(bytes, chunks, 'row', strict, {});
          expect(a).toEqual(b);
          expect(read(bytes, chunks, 'javascript', strict, {})).toEqual(b);
          if (strict) expect(a.error).toMatch(/^mem\.csv:\d+:\d+: expected /);
          else expect(a.accounting![1]).toBeGreaterThan(300);
        }
      });
    }
  }

  it('equals the row path with renamed columns, and declines when one file column is mapped twice', () => {
    const theirs = ['who', 'when', 'what', 'sku', 'cat', 'price', 'qty'];
    const bytes = file(7, ORDERS[0], 800, theirs);
    const map = Object.fromEntries(ORDERS[0].map((ours, i) => [ours, theirs[i]]));
    for (const path of ['webassembly', 'javascript'] as const) {
      expect(read(bytes, [1000], path, false, map)).toEqual(read(bytes, [1000], 'row', false, map));
      const twice = { ...map, category: 'sku' };
      expect(read(bytes, [1000], path, false, twice)).toEqual(read(bytes, [1000], 'row', false, twice));
    }
  });
});
