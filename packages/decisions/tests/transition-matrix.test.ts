import { describe, expect, it } from 'vitest';
import { createRng } from '@clvlab/core';
import { transitionMatrix, transitionMatrixCsv } from '../src/index.ts';

const STAGES = ['new', 'one-time', 'sporadic', 'frequent', 'at risk', 'churned', 'reactivated'];

describe('transitionMatrix', () => {
  it('counts pairs and row shares like a brute-force tally, from labels or codes', () => {
    const rng = createRng(71),
      n = 500;
    const fromCodes = Uint8Array.from({ length: n }, () => rng.int(6)); // 'reactivated' never a source
    const toCodes = Uint8Array.from({ length: n }, () => rng.int(7));
    const from = Array.from(fromCodes, (c) => STAGES[c]),
      to = Array.from(toCodes, (c) => STAGES[c]);
    const m = transitionMatrix(from, to, STAGES);
    expect(transitionMatrix(fromCodes, toCodes, STAGES)).toEqual(m);
    expect(transitionMatrix(from, toCodes, STAGES)).toEqual(m);
    expect(m.total).toBe(n);
    for (let i = 0; i < 7; i++) {
      const row = from.filter((f) => f === STAGES[i]).length;
      expect(m.rowTotals[i]).toBe(row);
      for (let j = 0; j < 7; j++) {
        const count = from.filter((f, c) => f === STAGES[i] && to[c] === STAGES[j]).length;
        expect(m.counts[i * 7 + j]).toBe(count);
        if (row === 0) expect(m.rowShares[i * 7 + j]).toBeNaN();
        else expect(m.rowShares[i * 7 + j]).toBe(count / row);
      }
    }
    expect(m.rowTotals[6]).toBe(0);
  });

  it('writes long-format CSV with every pair, quoting labels that need it', () => {
    const m = transitionMatrix(['a', 'a', 'b,c', 'a'], ['b,c', 'a', 'b,c', 'a'], ['a', 'b,c', 'say "hi"']);
    expect(transitionMatrixCsv(m)).toBe(
      [
        'from,to,count,row_share',
        'a,a,2,0.6666666666666666',
        'a,"b,c",1,0.3333333333333333',
        'a,"say ""hi""",0,0',
        '"b,c",a,0,0',
        '"b,c","b,c",1,1',
        '"b,c","say ""hi""",0,0',
        '"say ""hi""",a,0,',
        '"say ""hi""","b,c",0,',
        '"say ""hi""","say ""hi""",0,',
        '',
      ].join('\n'),
    );
  });

  it('rejects bad input', () => {
    expect(() => transitionMatrix(['a'], ['a', 'b'], ['a', 'b'])).toThrow(
      /^decisions\/transitionMatrix: from and to differ in length \(1 vs 2\)$/,
    );
    expect(() => transitionMatrix(['a', 'x'], ['a', 'b'], ['a', 'b'])).toThrow(
      /^decisions\/transitionMatrix: from\[1\] is "x", expected one of labels$/,
    );
    expect(() => transitionMatrix(['a'], Uint8Array.from([2]), ['a', 'b'])).toThrow(
      /^decisions\/transitionMatrix: to\[0\] is code 2, expected a code in \[0, 2\) \(an index into labels\)$/,
    );
    expect(() => transitionMatrix(['a'], ['a'], ['a', 'a'])).toThrow(
      /^decisions\/transitionMatrix: labels lists "a" twice/,
    );
    expect(() => transitionMatrix(['a'], ['a'], [])).toThrow(
      /^decisions\/transitionMatrix: labels must be a non-empty string array$/,
    );
  });
});
