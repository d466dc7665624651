import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Tokenizer } from '../src/index.ts';
import { createRng } from '@clvlab/core';
import type { RowView, TokenizerMode } from '../src/index.ts';

/** Tokenizes `bytes` fed in chunks of the given sizes; returns rows as decoded fields (quotes unescaped). */
function tokenize(
  bytes: Uint8Array,
  mode: TokenizerMode,
  sizes: () => number,
): { rows: string[][]; lines: number[]; blank: number } {
  const rows: string[][] = [],
    lines: number[] = [];
  const dec = new TextDecoder();
  const tok = new Tokenizer(mode, (row: RowView) => {
    const fields: string[] = [];
    for (let k = 0; k < row.count; k++) {
      const text = dec.decode(row.buf.subarray(row.start[k], row.end[k]));
      fields.push(row.quoted[k] === 2 ? text.replace(/""/g, '"') : text);
    }
    rows.push(fields);
    lines.push(row.line);
  });
  for (let p = 0; p < bytes.length;) {
    const n = Math.max(1, sizes());
    tok.feed(bytes.subarray(p, p + n));
    p += n;
  }
  tok.end();
  return { rows, lines, blank: tok.blankLines };
}

// Independent reference: python's csv module (RFC 4180 dialect), blank lines dropped.
const PY = String.raw`
import csv, io, json, sys
text = sys.stdin.read()
if text.startswith('\ufeff'): text = text[1:]
print(json.dumps([r for r in csv.reader(io.StringIO(text, newline='')) if r]))
`;

function randomCsv(seed: number): string {
  const rng = createRng(seed);
  const cells = ['a', '', 'Zoë', '"q,1"', '"say ""hi"""', '"two\nlines"', '"crlf\r\ninside"', '12.5', ' sp ', '""'];
  let text = rng.next() < 0.5 ? '\uFEFF' : '';
  for (let r = 0; r < 300; r++) {
    const n = 1 + rng.int(6);
    text += Array.from({ length: n }, () => cells[rng.int(cells.length)]).join(',');
    text += rng.next() < 0.5 ? '\r\n' : '\n';
    if (rng.next() < 0.05) text += '\n';
  }
  return rng.next() < 0.5 ? text.replace(/\r?\n$/, '') : text;
}

describe('Tokenizer', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: agrees with python csv whatever the chunk boundaries`, () => {
      const text = randomCsv(seed);
      const ref = JSON.parse(execFileSync('python3', ['-c', PY], { input: text, encoding: 'utf8' })) as string[][];
      const bytes = new TextEncoder().encode(text);
      const whole = tokenize(bytes, 'comma', () => bytes.length);
      expect(whole.rows).toEqual(ref); // blank lines: python yields [], dropped above; the tokenizer skips them
      expect(whole.rows.length).toBeGreaterThan(250);
      const rng = createRng(seed, 1);
      for (const max of [1, 2, 7, 64]) {
        expect(tokenize(bytes, 'comma', () => 1 + rng.int(max))).toEqual(whole);
      }
    });
  }

  it('counts physical lines across quoted line breaks and skips blank lines', () => {
    const bytes = new TextEncoder().encode('h1,h2\n\n"a\nb",c\r\nd,e');
    const out = tokenize(bytes, 'comma', () => 3);
    expect(out.rows).toEqual([
      ['h1', 'h2'],
      ['a\nb', 'c'],
      ['d', 'e'],
    ]);
    expect(out.lines).toEqual([1, 3, 5]);
    expect(out.blank).toBe(1);
  });

  it('splits whitespace runs (CDNOW) with CRLF and leading spaces', () => {
    const bytes = new TextEncoder().encode(' 00001 19970101  1   11.77\r\n\r\n00002\t19970112 1 12.00');
    expect(tokenize(bytes, 'whitespace', () => 5).rows).toEqual([
      ['00001', '19970101', '1', '11.77'],
      ['00002', '19970112', '1', '12.00'],
    ]);
  });

  it('marks text after a closing quote as malformed quoting', () => {
    const seen: number[] = [];
    const tok = new Tokenizer('comma', (row) => {
      for (let k = 0; k < row.count; k++) seen.push(row.quoted[k]);
    });
    tok.feed(new TextEncoder().encode('"a"b,"c",d\n"unterminated'));
    tok.end();
    expect(seen).toEqual([3, 1, 0, 3]);
  });

  it('starts mid-file (a byte range): no BOM check, lines from `from.line`, pending bytes of an open record', () => {
    const enc = new TextEncoder();
    const lines: number[] = [];
    const fields: string[] = [];
    const tok = new Tokenizer(
      'comma',
      (row) => {
        lines.push(row.line);
        fields.push(new TextDecoder('utf-8', { ignoreBOM: true }).decode(row.buf.subarray(row.start[0], row.end[0])));
      },
      { line: 41 },
    );
    tok.feed(enc.encode('\uFEFFa,1\n"b\nc",2\n'));
    expect(tok.pending).toBe(0); // ended on a record boundary
    tok.feed(enc.encode('"d\n'));
    expect(tok.pending).toBe(3); // inside a quoted field: the range's end is not a record's
    expect(lines).toEqual([41, 42]);
    expect(fields).toEqual(['\uFEFFa', 'b\nc']);
  });
});
