// The pure packages' main entries load in a browser (docs/architecture.md §Runtime, issue 11 §3):
// following every import that runs at module load from each entry (static imports and
// re-exports other than `import type` / `export type`, and `import()` outside any function)
// through the workspace sources and the third-party packages they reach must never arrive at a
// Node built-in (`node:fs`, `os`, …). Node-only code lives in each package's `./node` entry.
// `import { type X }` counts as a load: under verbatimModuleSyntax it stays `import {} from`.
// A failure names the whole chain, entry first. It reads the other packages' sources, so core's
// Nx test target lists them as inputs (package.json `nx.targets.test.inputs`).
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BUILTINS = new Set(builtinModules);
/** What a browser bundler picks in an `exports` map (Vite's client conditions, plus the repo's source one). */
const CONDITIONS = ['@clvlab/source', 'browser', 'module', 'import', 'default'];

/** The packages whose main entry must be browser-safe (behavior-encoder is Node-bound: tfjs backends, save/load, workers). */
const PURE = [
  'core',
  'metrics',
  'events',
  'sessions',
  'features',
  'trees',
  'decisions',
  'synth',
  'baselines',
  'social-graph',
];

/** Module specifiers `file` evaluates at load time. */
function loadTimeImports(file: string, text = readFileSync(file, 'utf8')): string[] {
  const kind = /\.[cm]?ts$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, kind);
  const out: string[] = [];
  const literal = (node: ts.Expression | undefined) => {
    if (node !== undefined && ts.isStringLiteralLike(node)) out.push(node.text);
  };
  const visit = (node: ts.Node, lazy: boolean): void => {
    if (ts.isImportDeclaration(node)) {
      if (!node.importClause?.isTypeOnly) literal(node.moduleSpecifier);
      return;
    }
    if (ts.isExportDeclaration(node)) {
      if (!node.isTypeOnly) literal(node.moduleSpecifier);
      return;
    }
    if (ts.isImportEqualsDeclaration(node)) {
      if (!node.isTypeOnly && ts.isExternalModuleReference(node.moduleReference))
        literal(node.moduleReference.expression);
      return;
    }
    if (ts.isCallExpression(node) && !lazy) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) literal(node.arguments[0]);
      if (ts.isIdentifier(callee) && callee.text === 'require') literal(node.arguments[0]);
    }
    // A function body (or an instance field initialiser) runs when called, not at load.
    const deferred =
      ts.isFunctionLike(node) ||
      (ts.isPropertyDeclaration(node) && !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword));
    ts.forEachChild(node, (child) => visit(child, lazy || deferred));
  };
  visit(source, false);
  return out;
}

/** The target of an `exports` entry under CONDITIONS (null when none matches). */
function pickExport(entry: unknown): string | null {
  if (typeof entry === 'string') return entry;
  if (Array.isArray(entry)) {
    for (const e of entry) {
      const hit = pickExport(e);
      if (hit !== null) return hit;
    }
    return null;
  }
  if (entry !== null && typeof entry === 'object') {
    for (const [key, value] of Object.entries(entry)) {
      if (key.startsWith('.')) continue;
      if (CONDITIONS.includes(key)) {
        const hit = pickExport(value);
        if (hit !== null) return hit;
      }
    }
  }
  return null;
}

/** Splits a bare specifier into package name and subpath (`./x` or `.`). */
function splitBare(spec: string): [name: string, subpath: string] {
  const parts = spec.split('/');
  const n = spec.startsWith('@') ? 2 : 1;
  const rest = parts.slice(n).join('/');
  return [parts.slice(0, n).join('/'), rest === '' ? '.' : `./${rest}`];
}

/** The file a bare specifier imported from `from` loads, by node_modules lookup and `exports` / `module` / `main`. */
function resolveBare(spec: string, from: string): string {
  const [name, subpath] = splitBare(spec);
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const pkgDir = join(dir, 'node_modules', name);
    if (existsSync(join(pkgDir, 'package.json'))) {
      const real = realpathSync(pkgDir);
      const pkg = JSON.parse(readFileSync(join(real, 'package.json'), 'utf8')) as Record<string, unknown>;
      const exports = pkg.exports as Record<string, unknown> | string | undefined;
      let target: string | null = null;
      if (exports !== undefined) {
        const map =
          typeof exports === 'object' && !Array.isArray(exports) && Object.keys(exports).some((k) => k.startsWith('.'))
            ? exports
            : { '.': exports };
        target = pickExport(map[subpath]);
        if (target === null) throw new Error(`${spec}: no export '${subpath}' for ${CONDITIONS.join(', ')}`);
      } else if (subpath !== '.') {
        target = subpath;
      } else {
        const browser = typeof pkg.browser === 'string' ? pkg.browser : undefined;
        target = browser ?? (pkg.module as string | undefined) ?? (pkg.main as string | undefined) ?? 'index.js';
      }
      return withExtension(resolve(real, target));
    }
    if (dir === dirname(dir)) throw new Error(`${spec}: not found from ${from}`);
  }
}

/** `path` itself when it is a file, else with `.js` / `.mjs` or as a folder's index.js (what bundlers try). */
function withExtension(path: string): string {
  for (const candidate of [path, `${path}.js`, `${path}.mjs`, join(path, 'index.js')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  throw new Error(`no file for ${path}`);
}

const show = (file: string) =>
  relative(ROOT, file)
    .replace(/^(\.\.\/)+/, '')
    .replace(/^.*node_modules\//, '');

/**
 * The chains from `entry` to Node built-ins over load-time imports: one per module importing
 * any (the shortest way there, breadth first), as `entry → … → module → node:x, node:y`.
 */
function nodeChains(entry: string): string[] {
  const parent = new Map<string, { from: string; spec: string } | null>([[entry, null]]);
  const queue = [entry];
  const chains: string[] = [];
  const chainTo = (file: string): string[] => {
    const steps: string[] = [];
    for (let at = parent.get(file); at; at = parent.get(at.from)) steps.unshift(at.spec);
    return [show(entry), ...steps];
  };
  while (queue.length > 0) {
    const file = queue.shift()!;
    const builtins: string[] = [];
    for (const spec of loadTimeImports(file)) {
      if (spec.startsWith('node:') || BUILTINS.has(spec) || BUILTINS.has(spec.split('/')[0])) {
        builtins.push(spec);
        continue;
      }
      const target = spec.startsWith('.') ? withExtension(resolve(dirname(file), spec)) : resolveBare(spec, file);
      if (!parent.has(target)) {
        parent.set(target, { from: file, spec });
        queue.push(target);
      }
    }
    if (builtins.length > 0) chains.push(`${chainTo(file).join(' → ')} → ${[...new Set(builtins)].join(', ')}`);
  }
  return chains;
}

const entryOf = (pkg: string, subpath = '.') => resolveBare(`@clvlab/${pkg}${subpath.slice(1)}`, join(ROOT, 'x.ts'));

describe('browser-safe package entries', () => {
  it.each(PURE)('@clvlab/%s reaches no Node built-in at module load', (pkg) => {
    expect(nodeChains(entryOf(pkg))).toEqual([]);
  });

  it('finds the chains it guards against (the ./node entries reach node: modules)', () => {
    expect(nodeChains(entryOf('core', './node'))).toContain('packages/core/src/node.ts → ./pool-size.ts → node:os');
  });

  it('follows what runs at load only: type imports and imports inside functions are skipped', () => {
    const text = [
      "import type { Stats } from 'node:fs';",
      "export type { Worker } from 'node:worker_threads';",
      "import { type Hash } from 'node:crypto';",
      "export async function lazy() { return import('node:zlib'); }",
      "class Later { field = import('node:os'); static now = import('node:path'); }",
      "await import('node:url');",
    ].join('\n');
    expect(loadTimeImports('example.ts', text)).toEqual(['node:crypto', 'node:path', 'node:url']);
  });
});
