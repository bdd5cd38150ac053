// `npm test`: every test of the project, in order, with one closing count.
//   1. the Debian packages the tests need (python3-torch, python3-onnx, chromium, …), installed when missing;
//   2. the build; 3. unit tests (vitest: core, CLI, real torch exports, the conformance corpus);
//   4. grammar tests; 5. the extension's tests inside a real VS Code (code-server + headless Chromium).
// Each stage must pass; the last line is "N passed, N failed" over every stage that counts tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0 };
const failures = [];

function run(label, command, args, options = {}) {
  if (only.length > 0 && !only.includes(label)) return null;
  console.log(`\n=== ${label}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) failures.push(`${label} (exit ${result.status ?? result.signal})`);
  return result;
}

run('setup', 'bash', ['scripts/ensure-debian-packages.sh']);
run('build', 'npm', ['run', 'build', '--silent']);

const report = join(mkdtempSync(join(tmpdir(), 'vitest-')), 'report.json');
if (run('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]) && existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += json.numPassedTests;
  totals.failed += json.numFailedTests + (json.numTotalTestSuites > 0 && json.success === false && json.numFailedTests === 0 ? 1 : 0);
  if (json.numPendingTests + json.numTodoTests > 0) console.log(`unit: ${json.numPendingTests + json.numTodoTests} skipped (not counted as passed)`);
  rmSync(report, { force: true });
}

for (const [label, script] of [['grammar', 'test:grammar'], ['e2e', 'test:e2e']]) {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  if (!pkg.scripts[script]) continue;
  const result = run(label, 'npm', ['run', script, '--silent'], { stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8' });
  if (!result) continue;
  process.stdout.write(result.stdout ?? '');
  // Each stage ends with its own "N passed, N failed" line; fold it into the total.
  const counts = [...(result.stdout ?? '').matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)].pop();
  if (counts) {
    totals.passed += Number(counts[1]);
    totals.failed += Number(counts[2]);
  } else if (result.status !== 0) totals.failed += 1;
}

if (failures.length > 0) console.log(`\nFailed stages: ${failures.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = failures.length > 0 || totals.failed > 0 ? 1 : 0;
