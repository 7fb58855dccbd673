// The project's test command (`npm test`): runs every jest suite and prints one closing line,
// "N passed, N failed", that CI reads. Extra arguments go to jest (e.g. a path filter).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsFile = `${root}.cache/jest-results.json`;
mkdirSync(`${root}.cache`, { recursive: true });

const jest = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    `${root}node_modules/jest/bin/jest.js`,
    '--json',
    `--outputFile=${resultsFile}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' } },
);

let summary = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTotalTests: 0 };
try {
  summary = JSON.parse(readFileSync(resultsFile, 'utf8'));
} catch {
  console.error('jest wrote no results file');
}
const skipped = summary.numPendingTests ? `, ${summary.numPendingTests} skipped` : '';
console.log(`${summary.numPassedTests} passed, ${summary.numFailedTests} failed${skipped}`);
const failed = jest.status !== 0 || summary.numFailedTests > 0 || summary.numTotalTests === 0;
process.exit(failed ? 1 : 0);
