// The code version that keys every benchmark cell: a SHA-256 over the source of every
// package and of this app (plus the lockfile, which pins tfjs and friends). The git commit
// alone is not enough: a working tree with uncommitted edits keeps the commit but changes
// the numbers, and a cached cell must never outlive the code that produced it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../datasets/repo-paths.ts';

export interface CodeVersion {
  /** `git rev-parse HEAD`, or null outside a git checkout. */
  readonly gitCommit: string | null;
  /** True when `git status --porcelain` (read-only: --no-optional-locks) lists changes to tracked or untracked files. */
  readonly gitDirty: boolean | null;
  /** SHA-256 (hex) over the sorted source files below. */
  readonly sourceHash: string;
  readonly files: number;
  /** True when CLVLAB_CODE_VERSION pinned the version instead of the source hash. */
  readonly pinned: boolean;
}

const SOURCE_DIRS = ['packages', 'apps'];
const SKIP = new Set(['node_modules', 'tests', 'results', 'dist', '.nx', 'benchmark']);

function listSources(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) listSources(p, out);
    else if (/\.(ts|json|mjs|js)$/.test(name)) out.push(p);
  }
}

let cached: CodeVersion | null = null;

/** Computes (once per process) the code version of the working tree at `root`. */
export function codeVersion(root: string = repoRoot()): CodeVersion {
  if (cached) return cached;
  const files: string[] = [];
  for (const d of SOURCE_DIRS) if (existsSync(join(root, d))) listSources(join(root, d), files);
  const lock = join(root, 'package-lock.json');
  if (existsSync(lock)) files.push(lock);
  const h = createHash('sha256');
  for (const f of files) {
    h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  }
  // CLVLAB_CODE_VERSION pins the version that keys cells (tests in a working tree that others
  // are editing at the same time; deliberately reusing cells across a cosmetic change).
  const pin = process.env.CLVLAB_CODE_VERSION;
  cached = Object.freeze({
    gitCommit: git(root, ['rev-parse', 'HEAD']),
    gitDirty: gitDirty(root),
    sourceHash: pin ? `pinned:${pin}` : h.digest('hex'),
    files: files.length,
    pinned: Boolean(pin),
  });
  return cached;
}

function git(root: string, args: string[]): string | null {
  try {
    return (
      execFileSync('git', ['--no-optional-locks', ...args], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim() || null
    );
  } catch {
    return null;
  }
}

function gitDirty(root: string): boolean | null {
  const s = git(root, ['status', '--porcelain']);
  return s === null ? (git(root, ['rev-parse', 'HEAD']) === null ? null : false) : s.length > 0;
}
