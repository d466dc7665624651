// The README's opening example is executed, not just shown: its ```ts block is written to a temp
// module (with '@clvlab/trees' pointed at this package's entry) and imported; what it prints is
// checked.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'trees-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README example', () => {
  it('is the first code block of the README and runs', async () => {
    const block = /```ts\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    expect(readme.indexOf('```ts')).toBeLessThan(readme.indexOf('## '));
    const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
    const file = join(dir, 'example.ts');
    writeFileSync(file, block![1].replaceAll("'@clvlab/trees'", JSON.stringify(entry)));
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.join(' '));
    });
    try {
      await import(file);
    } finally {
      spy.mockRestore();
    }
    const out = lines.join('\n');
    expect(out).toMatch(/^best round \d+ of \d+/m);
    expect(out).toMatch(/^SHAP sum − margin: \d\.\d+e-\d+/m);
    const gap = Number(/SHAP sum − margin: (\S+)/.exec(out)![1]);
    expect(gap).toBeLessThan(1e-9);
    expect(out).toMatch(/^customer 2000: expected \d+\.\d\d, actual \d+\.\d\d$/m);
    expect(out).toMatch(/^if (frequency|recency_days) < /m);
  });
});
