// The README's opening example, run as a reader would (tools/readme-example.ts), against an
// independent Python implementation of xoshiro128** / splitmix32 seeding and of hashUnit.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runReadmeExample } from '../../../tools/readme-example.ts';

const PYTHON = `
import json
M = 0xffffffff
def imul(a, b): return (a * b) & M
def rotl(x, k): return ((x << k) | (x >> (32 - k))) & M
def splitmix32(seed):
    s = seed & M
    def nxt():
        nonlocal s
        s = (s + 0x9e3779b9) & M
        z = s
        z = imul(z ^ (z >> 16), 0x85ebca6b)
        z = imul(z ^ (z >> 13), 0xc2b2ae35)
        return (z ^ (z >> 16)) & M
    return nxt
def rng(seed, stream=0):
    sm = splitmix32((seed & M) ^ imul(stream + 1, 0x27d4eb2d))
    st = [sm(), sm(), sm(), sm()]
    if st == [0, 0, 0, 0]: st[0] = 1
    def u32():
        a, b, c, d = st
        result = imul(rotl(imul(b, 5), 7), 9)
        t = (b << 9) & M
        c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = rotl(d, 11)
        st[:] = [a, b, c, d]
        return result
    return u32
def hash_unit(s, seed):
    h = (0x811c9dc5 ^ imul(seed & M, 0x9e3779b1)) & M
    for ch in s:
        h ^= ord(ch); h = imul(h, 0x01000193)
    h ^= h >> 16; h = imul(h, 0x85ebca6b)
    h ^= h >> 13; h = imul(h, 0xc2b2ae35)
    h ^= h >> 16
    return h / 4294967296
u = rng(42)
a, b = u() / 4294967296, u() / 4294967296
print(json.dumps({'a': a, 'b': b, 'third': u() / 4294967296, 'unit': hash_unit('customer-0001', 1)}))
`;

describe('README example', () => {
  it('prints the streams an independent implementation gives', () => {
    const out = JSON.parse(runReadmeExample(fileURLToPath(new URL('..', import.meta.url)))) as {
      draws: number[];
      unit: number;
    };
    const ref = JSON.parse(execFileSync('python3', ['-c', PYTHON], { encoding: 'utf8' })) as {
      a: number;
      b: number;
      third: number;
      unit: number;
    };
    expect(out.draws[0]).toBe(ref.a);
    expect(out.draws[1]).toBe(ref.b);
    expect(out.draws[2]).toBe(Math.floor(ref.third * 10)); // int(n) = floor(next() · n)
    expect(out.unit).toBe(ref.unit);
  });
});
