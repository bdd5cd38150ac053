// ONNX's own conformance corpus (../shared/corpus/onnx-backend-node, 1,802 models nobody here wrote), checked
// against each model's own opset, then against ONNX Runtime's CPU kernel table. Every finding is listed with its
// reason, so a regression in the reader, the catalog or the engine shows up as a changed list.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModelFile } from '../../../src/core/onnx/reader';
import { normalizeDomain } from '../../../src/core/onnx/model';
import { iterateNodes } from '../../../src/core/onnx/walk';
import { resolveOp, runtimeSupport } from '../../../src/core/catalog';
import { checkModel } from '../../../src/core/coverage/engine';
import type { CoverageReport } from '../../../src/core/coverage/report';
import { corpusNodeDir } from '../../helpers/paths';

const STANDARD_DOMAINS = new Set(['', 'ai.onnx.ml', 'ai.onnx.preview.training', 'ai.onnx.preview']);
const names = existsSync(corpusNodeDir) ? readdirSync(corpusNodeDir).filter((n) => existsSync(join(corpusNodeDir, n, 'model.onnx'))).sort() : [];
const modelPath = (name: string) => join(corpusNodeDir, name, 'model.onnx');

/** "model<TAB>severity<TAB>code<TAB>op" for every finding of every report. */
function listing(reports: Map<string, CoverageReport>, filter: (code: string) => boolean = () => true): string[] {
  const lines: string[] = [];
  for (const [name, report] of reports) for (const f of report.findings) if (filter(f.code)) lines.push(`${name}\t${f.severity}\t${f.code}\t${f.op}`);
  return lines;
}

describe.runIf(names.length > 0)('conformance corpus against its own opsets', () => {
  const reports = new Map<string, CoverageReport>();
  beforeAll(() => {
    for (const name of names) reports.set(name, checkModel(readModelFile(modelPath(name))));
  });

  it('reads and checks all 1,802 models, every node of them', () => {
    expect(reports.size).toBe(1802);
    for (const [name, report] of reports) {
      const walked = [...iterateNodes(readModelFile(modelPath(name)), { functions: true })].length;
      if (report.nodes !== walked) expect.fail(`${name}: ${report.nodes} nodes checked, ${walked} in the model`);
    }
  });

  it('has no unknown-op (nor unknown-domain) for a standard domain', () => {
    const unknown = [...reports].flatMap(([name, r]) => r.findings
      .filter((f) => (f.code === 'unknown-op' || f.code === 'unknown-domain') && STANDARD_DOMAINS.has(normalizeDomain(f.op.includes('::') ? f.op.split('::')[0]! : '')))
      .map((f) => `${name}: ${f.op}`));
    expect(unknown).toEqual([]);
  });

  it('lists every finding it gets, each with its reason', () => {
    const softmaxExpanded = ['axis_0', 'axis_1', 'axis_2', 'default_axis', 'example', 'large_number', 'negative_axis']
      .flatMap((c) => [`test_softmax_${c}_expanded`, `test_softmax_${c}_expanded_ver18`]);
    expect(listing(reports)).toEqual([
      // ONNX's *_expanded tests write a function op as its body: exactly the decompositions the detector looks for,
      // and the fused op exists at their opset, so each is a warning (a fused op is available now).
      ...['silu', 'silu_fp16', 'silu_with_past_state', 'swish_alias'].map((c) => `test_causal_conv_with_state_${c}_expanded\twarning\tdecomposed-op\tSwish`),
      'test_hardswish_expanded\twarning\tdecomposed-op\tHardSwish',
      'test_mish_expanded\twarning\tdecomposed-op\tMish',
      // Scatter-9 still resolves at opset 10; ONNX deprecates Scatter in opset 11 (ScatterElements replaces it).
      'test_scatter_with_axis\twarning\tdeprecated-op\tScatter',
      'test_scatter_without_axis\twarning\tdeprecated-op\tScatter',
      ...softmaxExpanded.map((m) => `${m}\twarning\tdecomposed-op\tSoftmax`),
      'test_swish_expanded\twarning\tdecomposed-op\tSwish',
      // Upsample-9 resolves at opset 9; Upsample-10 is the deprecation marker (Resize replaces it).
      'test_upsample_nearest\twarning\tdeprecated-op\tUpsample',
    ]);
  });
});

describe.runIf(names.length > 0)('conformance corpus against ONNX Runtime CPU (ort-cpu)', () => {
  const reports = new Map<string, CoverageReport>();
  beforeAll(() => {
    for (const name of names) reports.set(name, checkModel(readModelFile(modelPath(name)), { runtime: 'ort-cpu' }));
  });
  const runtimeErrorsOf = (name: string) => reports.get(name)!.findings.filter((f) => f.code === 'runtime-unsupported').map((f) => f.message);

  it('agrees with the kernel table on op versions: a version-level "no kernel" is always reported, and nothing else is', () => {
    const disagreements: string[] = [];
    for (const name of names) {
      const model = readModelFile(modelPath(name));
      const flagged = new Set(reports.get(name)!.findings.filter((f) => f.code.startsWith('runtime-')).map((f) => f.nodePath));
      for (const ref of iterateNodes(model, { functions: true })) {
        const resolution = resolveOp(ref.node.domain, ref.node.opType, ref.scope.opsetImport);
        if (!resolution.ok || ref.node.opType === 'Constant') continue;
        const untyped = runtimeSupport('ort-cpu', ref.node.domain, ref.node.opType, resolution.schema.sinceVersion);
        if (untyped.status === 'unsupported' && !flagged.has(ref.path)) disagreements.push(`${name} ${ref.path}: table says "${untyped.reason}" but no finding`);
        if (untyped.status === 'supported' && flagged.has(ref.path)) {
          // Flagged although the version has a kernel: only allowed when the node's types are what is missing.
          const messages = reports.get(name)!.findings.filter((f) => f.nodePath === ref.path).map((f) => f.message);
          if (!messages.some((m) => /but not for type/.test(m))) disagreements.push(`${name} ${ref.path}: ${messages.join(' | ')}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('spot checks: ops ORT CPU lacks', () => {
    expect(runtimeErrorsOf('test_image_decoder_decode_png_rgb')).toEqual(['ONNX Runtime 1.27.0 CPU does not list ImageDecoder.']);
    expect(runtimeErrorsOf('test_nonmaxsuppression_center_point_box_format')).toEqual(['ONNX Runtime 1.27.0 CPU does not list NonMaxSuppression.']);
    expect(runtimeErrorsOf('test_adagrad')[0]).toMatch(/registers no kernels in domain 'ai\.onnx\.preview\.training'/);
  });

  it('spot checks: types ORT CPU does not implement, and the same ops in types it does', () => {
    expect(runtimeErrorsOf('test_max_int16')).toEqual(['ONNX Runtime 1.27.0 CPU implements Max (kernel 13+) but not for type tensor(int16).']);
    expect(runtimeErrorsOf('test_max_int32')).toEqual([]);
    expect(runtimeErrorsOf('test_pow_types_float32_uint32')).toEqual(['ONNX Runtime 1.27.0 CPU implements Pow (kernel 15+) but not for type tensor(uint32).']);
    expect(runtimeErrorsOf('test_pow_types_float32_int32')).toEqual([]);
    expect(runtimeErrorsOf('test_top_k_uint64')).toEqual(['ONNX Runtime 1.27.0 CPU implements TopK (kernel 24+) but not for type tensor(uint64).']);
  });

  it('spot checks: function ops without a kernel are expanded, not failed (warning, not error)', () => {
    const swish = reports.get('test_swish')!.findings;
    expect(swish.map((f) => [f.code, f.severity])).toEqual([['runtime-unknown', 'warning']]);
    expect(swish[0]!.message).toMatch(/Swish-24 as a function/);
  });

  it('spot checks: a version range that ends (Scatter kernel [9, 10]) — fine at opset 10, removed at 11', () => {
    expect(reports.get('test_scatter_with_axis')!.findings.map((f) => f.code)).toEqual(['deprecated-op']);
    const at11 = checkModel(readModelFile(modelPath('test_scatter_with_axis')), { runtime: 'ort-cpu', opset: 11 });
    expect(at11.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['removed-op', 'runtime-unsupported']);
    expect(at11.findings.find((f) => f.code === 'runtime-unsupported')!.message).toMatch(/Scatter for opset versions \[9, 10\], not for Scatter-11/);
  });

  it('lists the ops ORT CPU cannot run anywhere in the corpus, with how many nodes', () => {
    const counts = new Map<string, number>();
    for (const line of listing(reports, (c) => c === 'runtime-unsupported')) {
      const op = line.split('\t')[3]!;
      counts.set(op, (counts.get(op) ?? 0) + 1);
    }
    expect(Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)))).toEqual({
      // float16 / bfloat16 arithmetic in the expanded Attention, Celu and CausalConv tests: ORT CPU kernels are float/double.
      Add: 4, Conv: 2, Div: 2, Equal: 4, MatMul: 9, Mul: 13, ReduceMax: 4, Where: 6,
      // Types ORT CPU leaves out: bool BitCast, uint16 BitShift, float4e2m1 casts and (de)quantization, int16/uint16
      // Max/Min, unsigned Pow exponents, float16 QLinearMatMul scales, uint64 TopK.
      BitCast: 1, BitShift: 2, Cast: 8, DequantizeLinear: 1, QuantizeLinear: 1, Max: 2, Min: 2, Pow: 2, QLinearMatMul: 4, TopK: 1,
      // Ops its table does not list at all.
      ImageDecoder: 9, NonMaxSuppression: 10,
      'ai.onnx.preview.training::Adagrad': 2, 'ai.onnx.preview.training::Adam': 2, 'ai.onnx.preview.training::Momentum': 3,
    });
  });
});
