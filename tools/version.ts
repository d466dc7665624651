// clvlab versions move together (issue 13 §3): the root package.json, every workspace package
// (packages/*, apps/*) and every internal `@clvlab/*` dependency range carry one version, the
// ranges pinned exactly (a package is only tested against its siblings of the same commit), as
// does the constant prepared datasets record (packages/sessions/src/clvlab-version.ts).
// Lockstep versioning needs no changesets: this script is the whole release step.
//
//   npm run set-version -- 0.2.0          set an explicit version (x.y.z or x.y.z-pre.N)
//   npm run set-version -- patch|minor|major
//   npm run set-version -- --check        exit 1 unless everything already agrees
//
// After writing it refreshes package-lock.json (`npm install --package-lock-only`).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** The version prepareDataset records, a constant so that it needs no file system (browser-safe). */
const VERSION_FILE = join(ROOT, 'packages', 'sessions', 'src', 'clvlab-version.ts');
const VERSION_CONSTANT = /^export const CLVLAB_VERSION = '([^']*)';$/m;

function versionConstant(): string {
  const m = VERSION_CONSTANT.exec(readFileSync(VERSION_FILE, 'utf8'));
  if (!m) throw new Error(`tools/version: ${VERSION_FILE}: expected a line export const CLVLAB_VERSION = 'x.y.z';`);
  return m[1];
}

interface Manifest {
  name?: string;
  version: string;
  workspaces?: string[];
  [field: string]: unknown;
}

/** package.json paths: the root first, then each workspace folder (a `dir/*` pattern per entry). */
function manifestPaths(): string[] {
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const paths = [join(ROOT, 'package.json')];
  for (const pattern of root.workspaces ?? []) {
    if (!pattern.endsWith('/*'))
      throw new Error(`tools/version: workspace pattern '${pattern}' is not of the form dir/*`);
    const dir = join(ROOT, pattern.slice(0, -2));
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name, 'package.json');
      if (existsSync(path)) paths.push(path);
    }
  }
  return paths;
}

function nextVersion(current: string, arg: string): string {
  if (SEMVER.test(arg)) return arg;
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(current);
  if (!m) throw new Error(`tools/version: current version '${current}' is not x.y.z`);
  const [major, minor, patch] = m.slice(1).map(Number);
  if (arg === 'major') return `${major + 1}.0.0`;
  if (arg === 'minor') return `${major}.${minor + 1}.0`;
  if (arg === 'patch') return `${major}.${minor}.${patch + 1}`;
  throw new Error(`tools/version: expected x.y.z, patch, minor, major or --check, got '${arg}'`);
}

/** Every place that disagrees with `version`, as "file: field" lines. */
function disagreements(manifests: ReadonlyMap<string, Manifest>, version: string): string[] {
  const out: string[] = [];
  for (const [path, m] of manifests) {
    const file = path.slice(ROOT.length);
    if (m.version !== version) out.push(`${file}: version ${m.version}`);
    for (const field of DEPENDENCY_FIELDS) {
      for (const [dep, range] of Object.entries((m[field] ?? {}) as Record<string, string>)) {
        if (dep.startsWith('@clvlab/') && range !== version) out.push(`${file}: ${field}.${dep} ${range}`);
      }
    }
  }
  const constant = versionConstant();
  if (constant !== version) out.push(`${VERSION_FILE.slice(ROOT.length)}: CLVLAB_VERSION ${constant}`);
  return out;
}

const arg = process.argv[2];
if (arg === undefined) {
  console.error('usage: npm run set-version -- <x.y.z | patch | minor | major | --check>');
  process.exit(2);
}
const manifests = new Map(manifestPaths().map((p) => [p, JSON.parse(readFileSync(p, 'utf8')) as Manifest]));
const rootVersion = manifests.get(join(ROOT, 'package.json'))!.version;

if (arg === '--check') {
  const bad = disagreements(manifests, rootVersion);
  if (bad.length > 0) {
    console.error(`tools/version: not every package is at ${rootVersion}:\n  ${bad.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`${manifests.size} package.json files and CLVLAB_VERSION at ${rootVersion}`);
  process.exit(0);
}

const version = nextVersion(rootVersion, arg);
for (const [path, m] of manifests) {
  m.version = version;
  for (const field of DEPENDENCY_FIELDS) {
    const deps = m[field] as Record<string, string> | undefined;
    for (const dep of Object.keys(deps ?? {})) if (dep.startsWith('@clvlab/')) deps![dep] = version;
  }
  writeFileSync(path, `${JSON.stringify(m, null, 2)}\n`);
}
versionConstant(); // fails before writing when the line is missing
writeFileSync(
  VERSION_FILE,
  readFileSync(VERSION_FILE, 'utf8').replace(VERSION_CONSTANT, `export const CLVLAB_VERSION = '${version}';`),
);
const lock = spawnSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund'], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (lock.status !== 0) process.exit(lock.status ?? 1);
console.log(
  `${manifests.size} package.json files, CLVLAB_VERSION and package-lock.json at ${version} (was ${rootVersion})`,
);
