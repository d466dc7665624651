// The WebAssembly first pass of the events reader's fast path (src/plain-lines.ts,
// wasm/plain-lines.c): the committed module is the C source's (rebuilt here with Debian's
// clang 14 and lld, which the test command installs); the values it gives for plain lines are
// the text's own (Number() of each field, computed here independently); it declines every line
// it must leave to the JavaScript passes; and readEventLog gives the same log and report with
// it and without it, on files whose lines cross its 256 KiB windows, are longer than its
// 64-byte blocks, and mix in every kind of line it declines.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng, type Rng } from '@clvlab/core';
import { afterEach, describe, expect, it } from 'vitest';
import { EventType } from '../src/event-log.ts';
import { readEventLog } from '../src/node.ts';
import { PlainLines, plainLinesSwitch } from '../src/plain-lines.ts';
import { PLAIN_LINES_WASM } from '../src/plain-lines-wasm.ts';
import { compilePlainLines } from '../wasm/build-plain-lines.ts';

const dir = mkdtempSync(join(tmpdir(), 'clvlab-plain-lines-'));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];
/** Kinds per field for the seven columns in DESIGN §3 order (events-reader.ts numbers them 1..7). */
const SEVEN = new Uint8Array([1, 2, 3, 4, 5, 6, 7]);

afterEach(() => {
  plainLinesSwitch.enabled = true;
});

/** The values a plain line of the seven columns stands for, from its text alone. */
function expected(fields: readonly string[]) {
  const [customer, timestamp, type, item, category, amount, quantity] = fields;
  const t = Number(timestamp);
  const kind = { view: 0, cart: 1, purchase: 2, return: 3, other: 4, buy: 2, pv: 0 }[type.toLowerCase()]!;
  let value = amount === '' ? 0 : Number(amount);
  if (kind === EventType.return && value > 0) value = -value;
  return {
    customer: Number(customer),
    t: t >= 1e11 ? t : t * 1000,
    type: kind,
    item: item === '' ? -1 : Number(item),
    category: category === '' ? -1 : Number(category),
    amount: value,
    quantity: quantity === '' ? 1 : Number(quantity),
  };
}

function plainFields(rng: Rng): string[] {
  const digits = (n: number): string => String(1 + rng.int(9)) + Array.from({ length: n - 1 }, () => rng.int(10)).join('');
  return [
    digits(1 + rng.int(15)),
    rng.next() < 0.5 ? digits(13) : digits(10),
    pick(rng, ['view', 'cart', 'purchase', 'return', 'VIEW', 'Buy', 'pv', 'other']),
    rng.next() < 0.2 ? '' : rng.next() < 0.1 ? '0' : digits(1 + rng.int(15)),
    rng.next() < 0.2 ? '' : digits(1 + rng.int(4)),
    rng.next() < 0.5 ? '' : pick(rng, [digits(1 + rng.int(6)), `${digits(1 + rng.int(6))}.${rng.int(100)}`, `.${1 + rng.int(9)}`, '0']),
    rng.next() < 0.7 ? '' : pick(rng, ['1', '2', '0.5', digits(1 + rng.int(3))]),
  ];
}

describe('plain-lines WebAssembly module', () => {
  it('is the module wasm/plain-lines.c compiles to (clang 14 + lld; the test command installs them)', () => {
    expect(Buffer.from(compilePlainLines()).equals(Buffer.from(PLAIN_LINES_WASM, 'base64'))).toBe(true);
  });

  it('gives each plain line the values its text stands for, across windows and batches', () => {
    const rng = createRng(5);
    const lines = Array.from({ length: 30_000 }, () => plainFields(rng));
    const text = lines.map((f) => f.join(',') + '\n').join('');
    const buf = new TextEncoder().encode(text);
    expect(buf.length).toBeGreaterThan(3 * (256 << 10)); // several windows
    const plain = PlainLines.create(SEVEN, true)!;
    expect(plain).toBeDefined();
    let p = 0,
      k = 0,
      batches = 0;
    while (p < buf.length) {
      const rows = plain.parse(buf, p, buf.length);
      expect(rows).toBeGreaterThan(0);
      batches++;
      for (let i = 0; i < rows; i++, k++) {
        const want = expected(lines[k]);
        expect({
          customer: plain.customers[i],
          t: plain.times[i],
          type: plain.types[i],
          item: plain.items[i],
          category: plain.categories[i],
          amount: plain.amounts[i],
          quantity: plain.quantities[i],
        }).toEqual(want);
      }
      p = plain.end(rows - 1);
    }
    expect(k).toBe(lines.length);
    expect(batches).toBeGreaterThan(3);
    expect(plain.sawAmount).toBe(true);
  });

  it('declines every line the JavaScript passes must take, and takes the plain line after it', () => {
    const odd = [
      '"1",1704605414680,view,1,1,,', // a quote
      '1,1704605414680,view,1,1,,\r', // CR
      '1,1704605414680,view,1,1,', // too few fields
      '1,1704605414680,view,1,1,,,', // too many
      '01,1704605414680,view,1,1,,', // a leading zero: a text id
      'u1,1704605414680,view,1,1,,', // a text id
      ',1704605414680,view,1,1,,', // no customer
      '1234567890123456,1704605414680,view,1,1,,', // 16 digits
      '1,2024-01-31T08:00:00Z,view,1,1,,', // an ISO timestamp
      '1,1704605414680.5,view,1,1,,', // a decimal timestamp
      '1,,view,1,1,,', // no timestamp
      '1,1704605414680,nope,1,1,,', // an unknown event type
      '1,1704605414680, view,1,1,,', // a space the JavaScript pass trims
      '1,1704605414680,,1,1,,', // no event type
      '1,1704605414680,view,1.5,1,,', // a decimal item
      '1,1704605414680,view,1,1,-5,', // a sign
      '1,1704605414680,view,1,1,1e3,', // an exponent
      '1,1704605414680,view,1,1,5.,', // a trailing point
      '1,1704605414680,view,1,1,1.2.3,', // two points
      '1,1704605414680,view,1,1,1234567890123456,', // 16 digits
      '1,1704605414680,view,1,1,,x', // a text quantity
    ];
    const plainLine = '7,1704605414680,cart,3,4,1.25,2';
    for (const line of odd) {
      const buf = new TextEncoder().encode(`${line}\n${plainLine}\n`);
      const plain = PlainLines.create(SEVEN, true)!;
      expect(plain.parse(buf, 0, buf.length), line).toBe(0);
      const next = line.length + 1;
      expect(plain.parse(buf, next, buf.length), line).toBe(1);
      expect([plain.customers[0], plain.items[0], plain.amounts[0], plain.quantities[0]]).toEqual([7, 3, 1.25, 2]);
      expect(plain.end(0)).toBe(buf.length);
    }
    // A line not finished in the buffer is the caller's (the tokenizer keeps it for the next chunk).
    const cut = new TextEncoder().encode(`${plainLine}\n7,170460`);
    const plain = PlainLines.create(SEVEN, true)!;
    expect(plain.parse(cut, 0, cut.length)).toBe(1);
    expect(plain.parse(cut, plain.end(0), cut.length)).toBe(0);
  });

  it('readEventLog gives the same log and report with the module and without it', async () => {
    const rng = createRng(11);
    const header = 'customer_id,timestamp,event_type,item_id,category,amount,quantity,note';
    let text = header + '\n';
    for (let r = 0; r < 40_000; r++) {
      const f = plainFields(rng);
      const x = rng.next();
      // Long ignored notes (past the module's 64-byte blocks), some odd lines, blank lines, CRLF.
      const note = x < 0.1 ? 'n'.repeat(1 + rng.int(300)) : x < 0.12 ? '"a, ""quoted"" note"' : '';
      if (x > 0.98) f[0] = 'u' + f[0];
      else if (x > 0.96) f[1] = '2024-01-31T08:00:00Z';
      text += [...f, note].join(',') + (x > 0.5 && x < 0.51 ? '\r\n' : '\n');
      if (x > 0.995) text += '\n';
    }
    const path = join(dir, 'mixed.csv');
    writeFileSync(path, text);
    const read = async (enabled: boolean, workers: number) => {
      plainLinesSwitch.enabled = enabled;
      const { log, report } = await readEventLog(path, { format: 'events', workers, split: 'even' });
      return { log: { ...log, session: undefined }, report: { ...report, seconds: undefined } };
    };
    const off = await read(false, 1);
    expect(off.report.rowsKept).toBeGreaterThan(38_000);
    expect(await read(true, 1)).toEqual(off);
    expect(await read(true, 2)).toEqual(off);
    // A file the module declines line after line at first (ISO times): the reader stops asking
    // it after PLAIN_TRIES declined lines, and the log is the same.
    let iso = header + '\n';
    for (let r = 0; r < 6000; r++) {
      const f = plainFields(rng);
      if (r < 3000) f[1] = new Date(1.7e12 + r * 1000).toISOString();
      iso += [...f, ''].join(',') + '\n';
    }
    writeFileSync(path, iso);
    const isoOff = await read(false, 1);
    expect(isoOff.report.rowsKept).toBe(6000);
    expect(await read(true, 1)).toEqual(isoOff);
  });
});
