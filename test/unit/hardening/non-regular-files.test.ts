// A path that names a FIFO (a downloaded archive can hold one called model.onnx) must be refused at once: a
// plain open() of a FIFO blocks until some process opens it for writing, which would freeze the CLI, or the
// extension host that reads models synchronously. Each test starts a delayed writer, so that a reader that does
// block is released after WRITER_DELAY_MS and the test fails on its elapsed time instead of hanging forever.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { OnnxReadError, readModelFile } from '../../../src/core/onnx/reader';

const WRITER_DELAY_MS = 3_000;
const root = mkdtempSync(join(tmpdir(), 'hardening-fifo-'));
const writers: ChildProcess[] = [];
afterAll(() => {
  for (const w of writers) w.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

let hasFifo = true;
try {
  execFileSync('mkfifo', ['--help'], { stdio: 'ignore' });
} catch {
  hasFifo = false;
}

/** A FIFO at `name` with a writer that opens it (releasing any blocked reader) after WRITER_DELAY_MS. */
function fifoWithLateWriter(name: string): string {
  const path = join(root, name);
  execFileSync('mkfifo', [path]);
  const writer = spawn('sh', ['-c', `sleep ${WRITER_DELAY_MS / 1000}; : > "$1"`, 'sh', path], { stdio: 'ignore' });
  writers.push(writer);
  return path;
}

describe.runIf(hasFifo)('a model path that is a FIFO', () => {
  it('is refused as not a regular file, without waiting for a writer', () => {
    const path = fifoWithLateWriter('model.onnx');
    const started = performance.now();
    let error: unknown;
    try {
      readModelFile(path);
    } catch (e) {
      error = e;
    }
    const ms = performance.now() - started;
    expect(error).toBeInstanceOf(OnnxReadError);
    expect((error as Error).message).toMatch(/not a regular file/);
    expect((error as Error).message).toContain(path);
    expect(ms).toBeLessThan(WRITER_DELAY_MS / 2);
  }, 20_000);
});

describe.runIf(hasFifo)('a Python path that is a FIFO', () => {
  it('is unusable input for onnx-coverage python, reported without waiting for a writer', async () => {
    const path = fifoWithLateWriter('module.py');
    let stderr = '';
    const started = performance.now();
    const code = await main(['python', path], { stdout: () => {}, stderr: (t) => (stderr += t) });
    const ms = performance.now() - started;
    expect(code).toBe(2);
    expect(stderr).toContain(`${path}: not a regular file`);
    expect(ms).toBeLessThan(WRITER_DELAY_MS / 2);
  }, 20_000);
});
