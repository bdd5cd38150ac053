// `onnx-coverage check` through the real dispatcher: formats, several models in one call, exit codes, and unusable
// input (a message on stderr naming the file and byte offset, the other models still checked).
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { parseCheckArgs } from '../../../src/cli/check';
import { buildModel, DataType } from '../../../src/core/onnx/builder';
import { repoRoot } from '../../helpers/paths';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

const samples = join(repoRoot, 'samples');
const customRelu = join(samples, 'custom_relu_with_symbolic.onnx');
const gemma = join(samples, 'gemma_rmsnorm_opset17.onnx');
const scratch = mkdtempSync(join(tmpdir(), 'check-cli-'));
const clean = join(scratch, 'clean.onnx');
writeFileSync(clean, buildModel({ opsetImport: [{ domain: '', version: 17 }], graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }], nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }] } }));
const truncated = join(scratch, 'truncated.onnx');
writeFileSync(truncated, buildModel({ opsetImport: [{ domain: '', version: 17 }], graph: { nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }] } }).subarray(0, 20));

describe('onnx-coverage check', () => {
  it('exits 0 for a model without error findings, 1 with one', async () => {
    expect((await run('check', clean)).code).toBe(0);
    const bad = await run('check', customRelu);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('my_domain::CustomReLU');
    expect(bad.stderr).toBe('');
  });

  it('checks every .onnx file below a folder, in sorted order, counted in the overall line', async () => {
    const models = readdirSync(samples).filter((f) => f.endsWith('.onnx')).sort();
    expect(models.length).toBeGreaterThan(1);
    const json = await run('check', samples, '--format', 'json');
    expect(json.stdout.trimEnd().split('\n').map((line) => basename(JSON.parse(line).model))).toEqual(models);
    const text = await run('check', samples);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^${models.length} models checked: `));
    const empty = mkdtempSync(join(tmpdir(), 'check-cli-empty-'));
    const none = await run('check', empty);
    expect([none.code, none.stderr]).toEqual([2, `onnx-coverage check: ${empty}: a folder with no .onnx file in it\n`]);
  });

  it('checks several models in one call: text ends with an overall line, JSON is one object per line', async () => {
    const text = await run('check', clean, customRelu, gemma);
    expect(text.code).toBe(1);
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('3 models checked: 2 OK, 1 NOT OK');
    const json = await run('check', clean, customRelu, gemma, '--format', 'json', '--runtime', 'ort-cpu');
    const lines = json.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.model, l.summary.errors, l.target.runtime])).toEqual([[clean, 0, 'ort-cpu'], [customRelu, 1, 'ort-cpu'], [gemma, 0, 'ort-cpu']]);
  });

  it('--opset retargets: the RMSNorm export at 17 checked at 23 fails on ReduceMean axes', async () => {
    const result = await run('check', gemma, '--opset=23', '--format', 'json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.target).toEqual({ opset: 23, runtime: null });
    expect(report.findings.map((f: { code: string; op: string; severity: string }) => `${f.severity} ${f.code} ${f.op}`)).toEqual(['error invalid-attribute ReduceMean', 'warning decomposed-op RMSNormalization']);
    expect(report.decompositions.map((d: { pattern: string; scope: string }) => `${d.pattern} ${d.scope}`)).toEqual(['rms_norm layers.0.input_layernorm']);
    expect(report.decompositions[0].replacements[0]).toMatchObject({ domain: '', op: 'RMSNormalization', sinceOpset: 23, availableInTarget: true, runtimeSupported: null });
    expect(report.retarget.fusedOpsOffered[0]).toMatchObject({ op: 'RMSNormalization', sinceOpset: 23, matches: 1 });
  });

  it('--format sarif writes one SARIF log for all models', async () => {
    const result = await run('check', clean, customRelu, '--format', 'sarif');
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].artifacts).toHaveLength(2);
    expect(log.runs[0].results.map((r: { ruleId: string; level: string }) => `${r.ruleId}:${r.level}`)).toEqual(['unknown-op:error']);
  });

  it('exits 2 for unusable input, says why on stderr, and still checks the other models', async () => {
    const result = await run('check', truncated, customRelu, join(scratch, 'missing.onnx'), '--format', 'json');
    expect(result.code).toBe(2);
    expect(result.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).model)).toEqual([customRelu]);
    const errors = result.stderr.trimEnd().split('\n');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(new RegExp(`^onnx-coverage check: .*truncated\\.onnx: byte \\d+: expected `));
    expect(errors[1]).toMatch(/missing\.onnx/);
  });

  it('exits 2 with a usage message for bad options, once', async () => {
    for (const argv of [['check'], ['check', clean, '--opset', 'x'], ['check', clean, '--format', 'xml'], ['check', clean, '--frobnicate']]) {
      const result = await run(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toContain('Usage: onnx-coverage check');
    }
    const runtime = await run('check', clean, customRelu, '--runtime', 'ort-tpu');
    expect(runtime.code).toBe(2);
    expect(runtime.stderr).toBe(`onnx-coverage check: unknown runtime 'ort-tpu'; known runtimes: ${runtime.stderr.split('known runtimes: ')[1]!.trimEnd()}\n`);
    expect(runtime.stderr).toMatch(/ort-cpu.*tensorrt.*openvino/);
    expect(runtime.stdout).toBe('');
  });

  it('parses flags in either spelling', () => {
    expect(parseCheckArgs(['a.onnx', '--opset', '13', '--runtime=tensorrt', '--format=sarif', 'b.onnx'])).toEqual({ models: ['a.onnx', 'b.onnx'], opset: 13, runtime: 'tensorrt', format: 'sarif' });
    expect(parseCheckArgs(['--opset', '0'])).toMatch(/positive whole number/);
  });

  it('has --help', async () => {
    const help = await run('check', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--opset N.*\n.*--runtime ID.*\n.*--format F/);
  });
});
