// The seed's models, real torch 1.13 exports: the bundled samples and test/fixtures/torch.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModelFile } from '../../../src/core/onnx/reader';
import { checkModel } from '../../../src/core/coverage/engine';
import { formatText } from '../../../src/core/coverage/format-text';
import { fixturesDir, repoRoot } from '../../helpers/paths';

const sample = (name: string) => join(repoRoot, 'samples', name);
const torchDir = join(fixturesDir, 'torch');

describe('the custom ReLU exported with a symbolic', () => {
  for (const file of [sample('custom_relu_with_symbolic.onnx'), ...['13', '14', '17'].map((o) => join(torchDir, `custom_relu_with_symbolic_opset${o}.onnx`))]) {
    it(`${file.split('/').slice(-2).join('/')}: unknown-op for my_domain::CustomReLU with the runtime message`, () => {
      const report = checkModel(readModelFile(file), { runtime: 'ort-cpu' });
      const unknown = report.findings.filter((f) => f.code === 'unknown-op');
      expect(unknown).toHaveLength(1);
      expect(unknown[0]).toMatchObject({ severity: 'error', op: 'my_domain::CustomReLU' });
      expect(unknown[0]!.message).toContain('no runtime has a kernel for it unless one is registered');
      expect(report.summary.unsupportedOps).toEqual(['my_domain::CustomReLU']);
      // Nothing else in that export is a problem for ORT CPU.
      expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['unknown-op']);
    });
  }
});

describe('the Gemma RMSNorm exported at opset 17, re-checked at opset 23', () => {
  const report = checkModel(readModelFile(sample('gemma_rmsnorm_opset17.onnx')), { opset: 23 });

  it('has only its decomposition at its own opset, as info: no fused op exists at opset 17', () => {
    const own = checkModel(readModelFile(sample('gemma_rmsnorm_opset17.onnx')));
    expect(own.findings.map((f) => [f.severity, f.code, f.op, f.node])).toEqual([['info', 'decomposed-op', 'RMSNormalization', '/layers.0/input_layernorm/Mul_1']]);
    expect(own.findings[0]!.message).toMatch(/RMSNorm at layers\.0\.input_layernorm.*7 extra activation quantizers.*RMSNormalization \(needs opset 23\)/);
    expect(own.nodes).toBe(11);
  });

  it("reports ReduceMean's axes attribute as what must change", () => {
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(report.summary.errors).toBe(1);
    expect(errors.map((f) => [f.code, f.op, f.subject, f.node])).toEqual([['invalid-attribute', 'ReduceMean', 'axes', '/layers.0/input_layernorm/ReduceMean']]);
    expect(errors[0]!.message).toMatch(/ReduceMean-18 \(in force at opset 23\) takes 'axes' as input 1.*move the attribute value \[-1\] to a constant input/);
  });

  it('names the fused ops opset 23 offers, RMSNormalization first as it replaces the construct found, in the text report too', () => {
    expect(report.retarget?.fusedOpsOffered[0]).toEqual({ domain: '', op: 'RMSNormalization', sinceOpset: 23, patterns: ['rms_norm', 'skip_rms_norm'], matches: 1 });
    expect(report.findings.find((f) => f.code === 'decomposed-op')).toMatchObject({ severity: 'warning', op: 'RMSNormalization' });
    const text = formatText(report);
    expect(text).toContain('Fused ops opset 23 offers that opset 17 lacks:');
    expect(text).toContain('RMSNormalization (opset 23) replaces 1 decomposed construct found here (rms_norm, skip_rms_norm)');
    expect(text).toContain('checked against opset 23');
    expect(text).toContain('      rms_norm at layers.0.input_layernorm — 11 nodes: /layers.0/input_layernorm/Cast … /layers.0/input_layernorm/Mul_1\n');
    expect(text).toContain('Quantization: 1 decomposed construct: 7 extra activation quantizers');
    for (const line of text.split('\n')) if (line.startsWith('          ')) expect(line.length).toBeLessThanOrEqual(118);
  });
});

describe('every torch fixture', () => {
  const files = readdirSync(torchDir).filter((f) => f.endsWith('.onnx')).sort();

  it('has fixtures to check', () => expect(files.length).toBeGreaterThan(50));

  it('gets errors only for the custom op and for the float16 Mul ORT CPU has no kernel for', () => {
    const errors: string[] = [];
    for (const file of files) {
      const report = checkModel(readModelFile(join(torchDir, file)), { runtime: 'ort-cpu' });
      for (const f of report.findings) if (f.severity === 'error') errors.push(`${file}: ${f.code} ${f.op} ${f.node}`);
    }
    // The Llama fp16 RMSNorm computes in float32 behind Casts but multiplies by the float16 weight at the end.
    expect(errors).toEqual([
      ...['13', '14', '17'].map((o) => `custom_relu_with_symbolic_opset${o}.onnx: unknown-op my_domain::CustomReLU /act/CustomReLU`),
      ...['13', '14', '17'].map((o) => `llama_rmsnorm_fp16_opset${o}.onnx: runtime-unsupported Mul /layers.0/input_layernorm/Mul_1`),
    ]);
  });
});
