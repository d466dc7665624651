// The README's test command: runs every package's vitest project in one vitest run and ends
// with the line CI reads, `N passed, N failed[, N skipped]`, taken from vitest's own JSON report.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const reportPath = '.vitest-report.json';
rmSync(reportPath, { force: true });
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`, ...process.argv.slice(2)];
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
