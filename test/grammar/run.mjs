// `npm run test:grammar`: runs every TextMate grammar test file (test/grammar/*.onnxtxt) through
// vscode-tmgrammar-test, one file per test case, and ends with the line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const tool = join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
const grammar = join(root, 'syntaxes', 'onnxtxt.tmLanguage.json');
const files = readdirSync(here).filter((f) => f.endsWith('.onnxtxt')).sort();

let passed = 0;
let failed = 0;
for (const file of files) {
  const path = relative(root, join(here, file));
  const result = spawnSync(process.execPath, [tool, '-g', relative(root, grammar), path], { cwd: root, encoding: 'utf8' });
  if (result.status === 0) {
    passed++;
    console.log(`ok   ${path}`);
  } else {
    failed++;
    console.log(`FAIL ${path}`);
    process.stdout.write(result.stdout);
    process.stdout.write(result.stderr);
  }
}
if (files.length === 0) failed++;
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
