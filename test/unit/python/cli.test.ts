// `onnx-coverage python`: output formats, --fix in place, and exit codes (0 ok, 1 error diagnostics, 2 unusable).
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { fixturesDir } from '../../helpers/paths';

const work = mkdtempSync(join(tmpdir(), 'python-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['python', ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function copy(name: string): string {
  const target = join(work, `${Math.random().toString(36).slice(2)}-${name}`);
  copyFileSync(join(fixturesDir, 'python', name), target);
  return target;
}

describe('onnx-coverage python', () => {
  it('lists diagnostics with file:line:column and exits 1 on an error-severity one', async () => {
    const file = join(fixturesDir, 'python', 'awkward_aliases.py');
    const { code, stdout } = await cli(file);
    expect(code).toBe(1);
    expect(stdout).toContain(`${file}:32:11: error symbolic-not-static: WithSelf.symbolic is not a @staticmethod`);
    expect(stdout).toContain(`${file}:14:7: warning missing-symbolic: Clamp01 has forward but no symbolic`);
    expect(stdout).toContain('    fix (preferred): Add symbolic emitting custom::Clamp01');
  });

  it('exits 0 when only warnings remain, and prints JSON with --format json', async () => {
    const file = join(fixturesDir, 'python', 'gemma_rmsnorm.py');
    const { code, stdout } = await cli(file, '--format', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { files: { file: string; diagnostics: { code: string; pattern: string; fixes: { preferred: boolean }[] }[] }[] };
    expect(json.files[0]!.file).toBe(file);
    expect(json.files[0]!.diagnostics.map((d) => [d.code, d.pattern])).toEqual([['decomposable-module', 'rms_norm']]);
    expect(json.files[0]!.diagnostics[0]!.fixes.filter((f) => f.preferred)).toHaveLength(1);
  });

  it('--fix rewrites the file in place, says what changed, and a second --fix changes nothing', async () => {
    const file = copy('awkward_aliases.py');
    const first = await cli(file, '--fix');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`${file}:37: fixed symbolic-not-static in WithSelf: Make symbolic a @staticmethod without 'self'`);
    const fixed = readFileSync(file, 'utf8');
    expect(fixed.split('\n')[36]).toBe('    class WithSelf(th.autograd.Function):'); // lines are those of the fixed file
    expect(fixed).not.toBe(readFileSync(join(fixturesDir, 'python', 'awkward_aliases.py'), 'utf8'));
    const second = await cli(file, '--fix');
    expect(second.stdout).toBe(`${file}: nothing to fix\n`);
    expect(readFileSync(file, 'utf8')).toBe(fixed);
  });

  it('passes --target/--opset/--domain/--op-name to the fixes', async () => {
    const file = copy('hand_layer_norm.py');
    expect((await cli(file, '--fix', '--target=onnx', '--opset', '17')).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('g.op("LayerNormalization", x, weight, bias');
    const relu = copy('custom_relu_no_symbolic.py');
    await cli(relu, '--fix', '--domain', 'com.acme', '--op-name', 'Relu');
    expect(readFileSync(relu, 'utf8')).toContain('g.op("com.acme::Relu", input).setType(input.type())');
  });

  it('reports a syntax error as a diagnostic, not as unusable input', async () => {
    const { code, stdout } = await cli(join(fixturesDir, 'python', 'syntax_error_elsewhere.py'));
    expect(code).toBe(1);
    expect(stdout).toMatch(/:5:5: error syntax-error: Syntax error: .* in class Broken/);
    expect(stdout).toContain('warning missing-symbolic: StillChecked');
  });

  it('exits 2 on unusable input: missing file, binary or non-UTF-8 bytes, bad options', async () => {
    const missing = await cli(join(work, 'nope.py'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.py: no such file');
    const latin1 = join(work, 'latin1.py');
    writeFileSync(latin1, Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22, 0x0a]));
    const badBytes = await cli(latin1);
    expect(badBytes.code).toBe(2);
    expect(badBytes.stderr).toContain('latin1.py: byte offset 5: expected UTF-8 Python source');
    const binary = join(work, 'binary.py');
    writeFileSync(binary, Buffer.from([0x61, 0x00, 0x62]));
    expect((await cli(binary)).stderr).toContain('byte offset 1: expected Python source text, found a NUL byte');
    expect((await cli()).code).toBe(2);
    expect((await cli('x.py', '--target', 'tpu')).stderr).toContain("--target must be custom, onnx or ort, got 'tpu'");
    expect((await cli('x.py', '--bogus')).code).toBe(2);
  });

  it('is listed in the top-level help', async () => {
    let out = '';
    await main(['--help'], { stdout: (t) => (out += t), stderr: () => undefined });
    expect(out).toMatch(/python\s+Find missing symbolic/);
  });
});
