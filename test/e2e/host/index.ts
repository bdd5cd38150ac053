// The in-host test entry point (`extensionTestsPath`): VS Code loads this module inside the extension host of a
// real code-server and awaits run(). Mocha (tdd) runs every *.test.js bundled beside it; the outcome is written as
// JSON to $ONNX_COVERAGE_E2E_RESULTS (set by scripts/vscode-test/run.mjs) so the runner can count tests.
import Mocha from 'mocha';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HostTestResult {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

export async function run(): Promise<void> {
  const grep = process.env.ONNX_COVERAGE_E2E_GREP;
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, file));
  const results: HostTestResult[] = [];
  const failures = await new Promise<number>((resolve, reject) => {
    try {
      const runner = mocha.run(resolve);
      runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
      runner.on('fail', (test, error: Error) => results.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: String(error?.stack ?? error) }));
    } catch (error) {
      reject(error);
    }
  });
  const resultsFile = process.env.ONNX_COVERAGE_E2E_RESULTS;
  if (resultsFile) writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  if (failures > 0) throw new Error(`${failures} in-host test(s) failed`);
}
