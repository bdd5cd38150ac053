// Runtime coverage spot checks against rows read by eye from ../shared/onnx-data.
import { describe, expect, test } from 'vitest';
import { listRuntimes, resolveOp, runtimeProvenance, runtimeSupport } from '../../../src/core/catalog';

describe('runtime tables', () => {
  test('at least the five required runtimes, each with its upstream version', () => {
    const runtimes = listRuntimes();
    const ids = runtimes.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['ort-cpu', 'ort-cuda', 'ort-dml', 'tensorrt', 'openvino', 'ort-webgpu', 'ort-webnn', 'ort-webgl', 'ort-coreml-mlprogram', 'ort-nnapi']));
    const cpu = runtimes.find((r) => r.id === 'ort-cpu')!;
    expect(runtimeProvenance(cpu)).toBe('per ONNX Runtime 1.27.0');
    const trt = runtimes.find((r) => r.id === 'tensorrt')!;
    expect(runtimeProvenance(trt)).toBe('per TensorRT 10.15');
    expect(trt.opsetRange).toEqual([9, 24]);
    expect(runtimes.find((r) => r.id === 'tensorrt-10.1')!.opsetRange).toEqual([9, 20]);
  });

  test('ORT CPU version ranges: [6, 12], 13+ and a single version', () => {
    const abs6 = runtimeSupport('ort-cpu', '', 'Abs', 6);
    expect(abs6).toMatchObject({ status: 'supported', versionRange: '[6, 12]' });
    expect(runtimeSupport('ort-cpu', '', 'Abs', 13)).toMatchObject({ status: 'supported', versionRange: '13+' });
    expect(runtimeSupport('ort-cpu', 'ai.onnx', 'Add', 13)).toMatchObject({ status: 'supported', versionRange: '13' });
    const abs1 = runtimeSupport('ort-cpu', '', 'Abs', 1);
    expect(abs1.status).toBe('unsupported');
    expect(abs1.reason).toContain('13+, [6, 12]');
    // A kernel "24+" serves a later schema version until a newer kernel supersedes it.
    const attention25 = resolveOp('', 'Attention', 25);
    expect(attention25.ok && runtimeSupport('ort-cpu', '', 'Attention', attention25.schema.sinceVersion)).toMatchObject({ status: 'supported', versionRange: '24+' });
  });

  test('ORT types: per-constraint kernel types, flat lists and any spelling of a type name', () => {
    expect(runtimeSupport('ort-cpu', '', 'Gelu', 20, ['float'])).toMatchObject({ status: 'supported' });
    const half = runtimeSupport('ort-cpu', '', 'Gelu', 20, ['tensor(float16)']);
    expect(half).toMatchObject({ status: 'unsupported', missingTypes: ['tensor(float16)'] });
    expect(half.reason).toContain('not for type tensor(float16)');
    expect(runtimeSupport('ort-cuda', '', 'Gelu', 20, ['FLOAT16'])).toMatchObject({ status: 'supported' });
    expect(runtimeSupport('ort-cpu', '', 'Attention', 23, { T1: ['float16'], U: ['bool'] })).toMatchObject({ status: 'supported' });
    expect(runtimeSupport('ort-cpu', '', 'Attention', 23, { T1: ['bfloat16'] })).toMatchObject({ status: 'unsupported', missingTypes: ['tensor(bfloat16)'] });
  });

  test('ops ORT lacks, per execution provider', () => {
    expect(runtimeSupport('ort-cpu', '', 'SwiGLU', 28)).toMatchObject({ status: 'unsupported' });
    expect(runtimeSupport('ort-cpu', '', 'Col2Im', 18).status).toBe('supported');
    const cuda = runtimeSupport('ort-cuda', '', 'Col2Im', 18);
    expect(cuda.status).toBe('unsupported');
    expect(cuda.reason).toContain('does not list Col2Im');
    expect(runtimeSupport('ort-cpu', 'org.example', 'Foo', 1)).toMatchObject({ status: 'unsupported' });
  });

  test('SimplifiedLayerNormalization is registered by ORT in ai.onnx, not com.microsoft', () => {
    expect(runtimeSupport('ort-cpu', '', 'SimplifiedLayerNormalization', 1)).toMatchObject({ status: 'supported', versionRange: '1+' });
    expect(runtimeSupport('ort-cpu', 'com.microsoft', 'SimplifiedLayerNormalization', 1).status).toBe('unsupported');
    expect(runtimeSupport('ort-cpu', 'com.microsoft', 'SkipSimplifiedLayerNormalization', 1).status).toBe('supported');
  });

  test('TensorRT: Y/N rows, restrictions, types and the opset range', () => {
    const cumsum = runtimeSupport('tensorrt', '', 'CumSum', 14);
    expect(cumsum.status).toBe('supported');
    expect(cumsum.restrictions).toContain('`axis` must be a build-time constant');
    expect(runtimeSupport('tensorrt-10.1', '', 'CumSum', 14).restrictions).toContain('`axis` must be an initializer');
    expect(runtimeSupport('tensorrt', '', 'AffineGrid', 20)).toMatchObject({ status: 'unsupported' });
    expect(runtimeSupport('tensorrt', '', 'NonZero', 13, ['int32'])).toMatchObject({ status: 'unsupported', missingTypes: ['tensor(int32)'] });
    expect(runtimeSupport('tensorrt', '', 'NonZero', 13, ['float16'])).toMatchObject({ status: 'supported' });
    const tooNew = runtimeSupport('tensorrt', '', 'Attention', 25);
    expect(tooNew.status).toBe('unsupported');
    expect(tooNew.reason).toContain('opsets 9 to 24');
    expect(runtimeSupport('tensorrt', '', 'Add', 14, undefined, { opsetVersion: 8 }).status).toBe('unsupported');
    expect(runtimeSupport('tensorrt-10.1', '', 'RMSNormalization', 23).status).toBe('unsupported');
    expect(runtimeSupport('tensorrt', 'com.microsoft', 'FusedMatMul', 1).status).toBe('unknown');
  });

  test('OpenVINO: converter versions, unconverted ops, limitations, contrib domain', () => {
    expect(runtimeSupport('openvino', '', 'RMSNormalization', 23)).toMatchObject({ status: 'supported' });
    const nonzero = runtimeSupport('openvino', '', 'NonZero', 13);
    expect(nonzero.status).toBe('supported');
    expect(nonzero.reason).toContain('converter for version 9');
    expect(runtimeSupport('openvino', '', 'Bernoulli', 22)).toMatchObject({ status: 'unsupported' });
    expect(runtimeSupport('openvino', '', 'ConcatFromSequence', 11).restrictions).toBe('Supported only in certain patterns');
    expect(runtimeSupport('openvino', 'com.microsoft', 'Gelu', 1).status).toBe('supported');
  });

  test('ORT Web and mobile tables', () => {
    expect(runtimeSupport('ort-webgpu', '', 'Add', 14)).toMatchObject({ status: 'supported', versionRange: '14+' });
    expect(runtimeSupport('ort-webgpu', 'com.microsoft', 'RotaryEmbedding', 1).status).toBe('supported');
    expect(runtimeSupport('ort-webnn', '', 'Trilu', 14).restrictions).toContain("Input 'k'");
    expect(runtimeSupport('ort-webgl', '', 'Acosh', 9)).toMatchObject({ status: 'unsupported' });
    expect(runtimeSupport('ort-webgl', '', 'Upsample', 9).status).toBe('supported');
    expect(runtimeSupport('ort-webgl', '', 'Upsample', 10).status).toBe('unsupported');
    expect(runtimeSupport('ort-coreml-mlprogram', '', 'Conv', 11).restrictions).toContain('Only 1D/2D Conv');
    expect(runtimeSupport('ort-coreml-neuralnetwork', '', 'ReduceSum', 13).status).toBe('supported');
    expect(runtimeSupport('ort-nnapi', '', 'Abs', 13).status).toBe('supported');
    expect(runtimeSupport('ort-nnapi', '', 'Einsum', 12).status).toBe('unsupported');
  });

  test('an unknown runtime id is a clear error', () => {
    expect(() => runtimeSupport('ort-tpu', '', 'Add', 14)).toThrow(/unknown runtime 'ort-tpu'.*ort-cpu/);
  });
});
