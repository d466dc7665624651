// Runs the example a package README opens with, so the docs cannot rot (issue 11 §5). The
// example is the first ```ts block of the README; it is written under node_modules/.cache (inside
// the repository, so `@clvlab/*` imports resolve to the workspace packages) and run by plain
// `node --import tsx` in a child process, exactly as a reader would run it. Each package's
// tests/readme.test.ts checks what the example prints against published or independently
// computed numbers.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '@clvlab/core/node';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The first ```ts block of `readme` (throws when there is none). */
export function readmeExample(readme: string): string {
  const m = /```ts\n([\s\S]*?)```/.exec(readFileSync(readme, 'utf8'));
  if (!m)
    throw new Error(`tools/readme-example: ${readme}: expected a \`\`\`ts block (the example the README opens with)`);
  return m[1];
}

/** Runs the README example of the package at `packageDir`; returns its stdout (throws with its stderr when it fails). */
export function runReadmeExample(packageDir: string): string {
  const dir = join(ROOT, 'node_modules', '.cache', 'readme-examples');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${basename(packageDir)}-${process.pid}.mts`);
  writeFileAtomic(file, readmeExample(join(packageDir, 'README.md')));
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  rmSync(file, { force: true });
  if (r.status !== 0)
    throw new Error(`tools/readme-example: ${packageDir}/README.md example exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}
