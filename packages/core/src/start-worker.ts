// Every worker thread in clvlab starts here (the one `new Worker(` in the repository), so the
// loader trick below lives in one place. In the repository clvlab packages run as TypeScript
// source, so a worker whose entry is a `.ts` module must load tsx first (from an installed
// package's dist/ the entry is the compiled `.js`, see compiledEntry).
//
// Why not `new Worker(entry.ts, { execArgv: ['--import', 'tsx'] })`: on Node 20 the loader
// hooks are not active when the worker's entry is resolved (ERR_UNKNOWN_FILE_EXTENSION).
// Instead the worker boots from a tiny eval'd script that registers tsx's ESM hooks and then
// imports the entry. The ESM build of tsx's API is located through tsx's package.json
// `exports` map, because require.resolve would pick its CommonJS build, whose register()
// fails inside a worker.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { bundledEntry, withoutTsx } from './bundle-worker.ts';

let tsxApi: string | undefined;

function tsxEsmApi(): string {
  if (tsxApi) return tsxApi;
  const pkgPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  tsxApi = new URL(pkg.exports['./esm/api'].import.default, pathToFileURL(pkgPath)).href;
  return tsxApi;
}

export interface StartWorkerOptions extends Omit<WorkerOptions, 'eval'> {
  /**
   * A `.ts` entry starts as one bundled module, without tsx (bundle-worker.ts, which says when a
   * worker may be bundled); where esbuild cannot bundle it, through tsx as usual.
   */
  readonly bundle?: boolean;
}

/**
 * Starts a worker thread. `entry` is a module file URL (a `.ts` one is loaded through tsx, or
 * bundled) or, as a string, CommonJS source to evaluate (small self-contained workers that need no tsx).
 */
export function startWorker(entry: URL | string, options: StartWorkerOptions = {}): Worker {
  const { bundle, ...workerOptions } = options;
  if (typeof entry === 'string') return new Worker(entry, { ...workerOptions, eval: true });
  entry = compiledEntry(entry);
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, workerOptions);
  const bundled = bundle === true ? bundledEntry(entry) : undefined;
  if (bundled !== undefined) return startBundled(bundled, workerOptions);
  const boot = `import(${JSON.stringify(tsxEsmApi())}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { ...workerOptions, eval: true });
}

/**
 * Starts a bundle without the parent's tsx flags. A worker given `execArgv` rejects V8 and
 * process-wide flags (ERR_WORKER_INVALID_EXEC_ARGV: --perf-basic-prof, --max-old-space-size),
 * which it otherwise inherits: those are left out, and where even that is refused, the worker
 * inherits every flag (tsx then loads in it, slower but the same worker).
 */
function startBundled(bundled: URL, options: WorkerOptions): Worker {
  const argv = options.execArgv ?? process.execArgv;
  const without = withoutTsx(argv);
  if (without.length === argv.length) return new Worker(bundled, options);
  for (const execArgv of [without, workerFlags(without)]) {
    try {
      return new Worker(bundled, { ...options, execArgv });
    } catch (err) {
      if ((err as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw err;
    }
  }
  return new Worker(bundled, options);
}

/** Flags a worker's execArgv takes (module resolution and loading, warnings, source maps), with their values. */
function workerFlags(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (/^(--conditions|--import|--require|--loader)=/.test(a) || /^(--no-warnings|--enable-source-maps)$/.test(a))
      out.push(a);
    else if (/^(--conditions|-C|--import|--require|-r|--loader)$/.test(a) && i + 1 < argv.length)
      out.push(a, argv[++i]);
  }
  return out;
}

/**
 * A package running from its build (dist/, docs/architecture.md §Runtime) still names its worker
 * `new URL('./x-worker.ts', import.meta.url)`: tsc rewrites import specifiers, not URL strings.
 * So a `.ts` entry that does not exist, with the `.js` file tsc emitted beside it, starts that.
 */
function compiledEntry(entry: URL): URL {
  if (entry.protocol !== 'file:' || !entry.pathname.endsWith('.ts') || existsSync(entry)) return entry;
  const js = new URL(entry.href);
  js.pathname = `${js.pathname.slice(0, -'.ts'.length)}.js`;
  return existsSync(js) ? js : entry;
}
