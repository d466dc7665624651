// A TypeScript worker entry bundled into one JavaScript module (esbuild, the compiler tsx runs
// on), so that the worker starts without tsx: a range worker of the events reader was ready in
// ~40 ms this way against ~250 ms booting tsx in the thread and loading each module through its
// hooks (2-core AMD EPYC VM, idle), and that start is time the reading thread spends alone.
//
// The bundle holds the entry and everything it imports (workspace packages from their sources,
// export condition @clvlab/source, and npm packages), so a bundled worker must not load files
// that sit beside its modules (WebAssembly binaries, data): pools opt in (`bundle: true`).
// Bundles are cached in the system's temp directory, one per entry, with the inputs esbuild
// read and their sizes and modification times: a start whose inputs are unchanged only stats
// them (~1 ms); otherwise the entry is bundled again (~100 ms) and written atomically.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFileAtomic } from './write-file-atomic.ts';

/** What a cached bundle was made from: each input's absolute path, size and modification time. */
interface Manifest {
  readonly inputs: readonly (readonly [path: string, size: number, mtimeMs: number])[];
}

/** The esbuild API this file uses (esbuild ships its own types; this keeps core's types free of them). */
interface Esbuild {
  readonly version: string;
  buildSync(options: Record<string, unknown>): {
    readonly outputFiles: readonly { readonly text: string }[];
    readonly metafile: { readonly inputs: Record<string, unknown> };
  };
}

let esbuild: Esbuild | null | undefined;

/** The bundle of the `.ts` entry (a file URL), built or reused; undefined when esbuild is missing or fails. */
export function bundledEntry(entry: URL): URL | undefined {
  if (esbuild === undefined) {
    try {
      esbuild = createRequire(import.meta.url)('esbuild') as Esbuild;
    } catch {
      esbuild = null;
    }
  }
  if (esbuild === null) return undefined;
  const path = fileURLToPath(entry);
  const key = createHash('sha256').update(`${path}\0${esbuild.version}`).digest('hex').slice(0, 20);
  const dir = join(tmpdir(), 'clvlab-worker-bundles');
  const file = join(dir, `${key}.mjs`),
    manifestFile = join(dir, `${key}.json`);
  if (existsSync(file) && upToDate(manifestFile)) return pathToFileURL(file);
  try {
    const cwd = process.cwd();
    const result = esbuild.buildSync({
      entryPoints: [path],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      conditions: ['@clvlab/source'],
      write: false,
      metafile: true,
      absWorkingDir: cwd,
      outfile: file,
      logLevel: 'silent',
      // CommonJS dependencies inside an ES module bundle call require() for Node's built-ins.
      banner: {
        js: "import { createRequire as __clvlabRequire } from 'node:module';\nconst require = __clvlabRequire(import.meta.url);",
      },
    });
    const inputs = Object.keys(result.metafile.inputs).map((input) => {
      const abs = isAbsolute(input) ? input : resolve(cwd, input);
      const s = statSync(abs);
      return [abs, s.size, s.mtimeMs] as const;
    });
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(file, result.outputFiles[0].text);
    writeFileAtomic(manifestFile, JSON.stringify({ inputs } satisfies Manifest));
    return pathToFileURL(file);
  } catch {
    return undefined; // the caller starts the worker through tsx instead
  }
}

function upToDate(manifestFile: string): boolean {
  try {
    const { inputs } = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    return inputs.every(([path, size, mtimeMs]) => {
      const s = statSync(path, { throwIfNoEntry: false });
      return s !== undefined && s.size === size && s.mtimeMs === mtimeMs;
    });
  } catch {
    return false;
  }
}

/** `argv` without the flags that load tsx (a bundled worker needs none). */
export function withoutTsx(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (
      (a === '--import' || a === '--loader' || a === '--require' || a === '-r') &&
      /^tsx(\/|$)/.test(argv[i + 1] ?? '')
    ) {
      i++;
      continue;
    }
    if (/^--(import|loader|require)=tsx(\/|$)/.test(a)) continue;
    out.push(a);
  }
  return out;
}
