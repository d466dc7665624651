// The README's test command: installs the Debian packages the tests need when they are missing
// (as root, with apt-get: a fresh machine passes by itself), then runs every package's vitest
// project in one vitest run and ends with the line CI reads, `N passed, N failed[, N skipped]`,
// taken from vitest's own JSON report.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

/** Debian packages the tests use, and the file whose presence says each is installed. */
const DEBIAN_PACKAGES: readonly (readonly [pkg: string, marker: string])[] = [
  ['chromium', '/usr/bin/chromium'], // report.html in a real browser (playwright-core drives it)
  ['fonts-dejavu-core', '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'], // text metrics in the report's SVG charts
  ['python3-xgboost', '/usr/lib/python3/dist-packages/xgboost/__init__.py'], // reference trees (packages/trees), for /usr/bin/python3
  ['postgresql', '/usr/lib/postgresql/15/bin/initdb'], // `clvlab sql` checked on a throwaway PostgreSQL 15 server
  ['clang', '/usr/bin/clang'], // the events reader's WebAssembly module rebuilt from its C source (packages/events/wasm)
  ['lld', '/usr/bin/wasm-ld'], // clang's WebAssembly linker
];

function installMissingPackages(): void {
  const missing = DEBIAN_PACKAGES.filter(([, marker]) => !existsSync(marker)).map(([pkg]) => pkg);
  if (missing.length === 0) return;
  const root = process.getuid?.() === 0;
  const sudo = root ? [] : ['sudo', '-n'];
  console.error(`run-tests: installing Debian packages ${missing.join(', ')} (apt-get${root ? '' : ' via sudo'})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args: string[]) =>
    spawnSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
    });
  if (
    apt(['update', '-qq']).status !== 0 ||
    apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]).status !== 0
  ) {
    console.error(
      `run-tests: could not install ${missing.join(', ')}; the tests that need them will fail with a reason`,
    );
  }
}

installMissingPackages();

const reportPath = '.vitest-report.json';
rmSync(reportPath, { force: true });
const args = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reportPath}`,
  ...process.argv.slice(2),
];
const run = spawnSync('npx', args, { stdio: 'inherit' });

if (!existsSync(reportPath)) {
  console.error('run-tests: vitest wrote no JSON report');
  console.log('0 passed, 1 failed');
  process.exit(run.status || 1);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
};
// A test file that fails to load counts as a failure even though it ran no test.
const failed = report.numFailedTests + (report.numFailedTests === 0 ? report.numFailedTestSuites : 0);
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);
