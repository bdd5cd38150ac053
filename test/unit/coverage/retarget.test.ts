// Retargeting is a real check: each node is validated against the schema in force at the chosen opset, and the
// report names what must change (attributes that became inputs and back, types added or dropped, ops that appear
// or disappear), plus the fused ops a higher opset offers.
import { describe, expect, it } from 'vitest';
import { DataType } from '../../../src/core/onnx/builder';
import { check, codes, only } from './build';

const reduceMeanWithAttribute = (opset: number) => ({
  opsetImport: [{ domain: '', version: opset }],
  graph: {
    inputs: [{ name: 'x', elemType: DataType.FLOAT }],
    nodes: [{ opType: 'ReduceMean', name: 'mean', inputs: ['x'], outputs: ['m'], attributes: { axes: [-1], keepdims: 1 } }],
    outputs: [{ name: 'm' }],
  },
});

const reduceMeanWithInput = (opset: number) => ({
  opsetImport: [{ domain: '', version: opset }],
  graph: {
    inputs: [{ name: 'x', elemType: DataType.FLOAT }],
    initializers: [{ name: 'axes', dataType: DataType.INT64, dims: [1], int64s: [-1] }],
    nodes: [{ opType: 'ReduceMean', name: 'mean', inputs: ['x', 'axes'], outputs: ['m'] }],
    outputs: [{ name: 'm' }],
  },
});

describe('retargeting', () => {
  it('is silent when the target equals the model opset, and records the target', () => {
    const report = check(reduceMeanWithAttribute(17), { opset: 17 });
    expect(codes(report)).toEqual([]);
    expect(report.target.opset).toBe(17);
    expect(report.retarget).toBeUndefined();
  });

  it('up: ReduceMean axes attribute must become an input from opset 18', () => {
    const report = check(reduceMeanWithAttribute(17), { opset: 18 });
    expect(codes(report)).toEqual(['invalid-attribute']);
    const [f] = report.findings;
    expect(f).toMatchObject({ severity: 'error', node: 'mean', op: 'ReduceMean', subject: 'axes' });
    expect(f!.message).toBe("ReduceMean-18 (in force at opset 18) takes 'axes' as input 1 (tensor(int64), optional), not as an attribute: move the attribute value [-1] to a constant input.");
    expect(report.target.opset).toBe(18);
  });

  it('up: a required input that is still an attribute is one finding (Unsqueeze 11 → 13), not also an arity error', () => {
    const report = check({
      opsetImport: [{ domain: '', version: 11 }],
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }], nodes: [{ opType: 'Unsqueeze', inputs: ['x'], outputs: ['y'], attributes: { axes: [0] } }] },
    }, { opset: 13 });
    expect(report.findings.map((f) => [f.code, f.subject])).toEqual([['invalid-attribute', 'axes']]);
    expect(report.findings[0]!.message).toMatch(/Unsqueeze-13 .* takes 'axes' as input 1 \(tensor\(int64\)\), not as an attribute: move the attribute value \[0\]/);
  });

  it('down: ReduceMean axes input must become an attribute before opset 18', () => {
    const report = check(reduceMeanWithInput(18), { opset: 13 });
    expect(codes(report)).toEqual(['invalid-attribute']);
    expect(report.findings[0]).toMatchObject({ subject: 'axes' });
    expect(report.findings[0]!.message).toBe("Input 1 'axes' of ReduceMean-18 is the attribute 'axes' in ReduceMean-13 (in force at opset 13): it must become an attribute.");
  });

  it('down: an input that must become a required attribute is one finding, not also "missing" (Unsqueeze 13 → 11)', () => {
    const report = check({
      opsetImport: [{ domain: '', version: 13 }],
      graph: {
        inputs: [{ name: 'x', elemType: DataType.FLOAT }],
        initializers: [{ name: 'axes', dataType: DataType.INT64, dims: [1], int64s: [0] }],
        nodes: [{ opType: 'Unsqueeze', name: 'unsq', inputs: ['x', 'axes'], outputs: ['y'] }],
      },
    }, { opset: 11 });
    expect(report.findings.map((f) => [f.code, f.subject])).toEqual([['invalid-attribute', 'axes']]);
    expect(report.findings[0]!.message).toBe("Input 1 'axes' of Unsqueeze-13 is the attribute 'axes' in Unsqueeze-11 (in force at opset 11): it must become an attribute.");
  });

  it('down: a type added later is reported (bfloat16 Add exists from Add-13)', () => {
    const spec = {
      opsetImport: [{ domain: '', version: 14 }],
      graph: { inputs: [{ name: 'a', elemType: DataType.BFLOAT16 }, { name: 'b', elemType: DataType.BFLOAT16 }], nodes: [{ opType: 'Add', name: 'add', inputs: ['a', 'b'], outputs: ['c'] }] },
    };
    expect(codes(check(spec))).toEqual([]);
    const report = check(spec, { opset: 12 });
    expect(only(report, 'invalid-type').map((f) => f.subject)).toEqual(['A', 'B', 'C']);
    expect(report.findings[0]!.message).toMatch(/tensor\(bfloat16\), which Add-7 \(in force at opset 12\) does not allow/);
  });

  it('down: an op introduced later becomes op-not-in-opset; up: a removed op becomes removed-op', () => {
    const layerNorm = {
      opsetImport: [{ domain: '', version: 17 }],
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }, { name: 's', elemType: DataType.FLOAT }], nodes: [{ opType: 'LayerNormalization', inputs: ['x', 's'], outputs: ['y'] }] },
    };
    expect(codes(check(layerNorm, { opset: 13 }))).toEqual(['op-not-in-opset']);
    const upsample = {
      opsetImport: [{ domain: '', version: 9 }],
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }, { name: 's', elemType: DataType.FLOAT }], nodes: [{ opType: 'Upsample', inputs: ['x', 's'], outputs: ['y'] }] },
    };
    expect(codes(check(upsample, { opset: 13 }))).toContain('removed-op');
  });

  it('up: the report lists the fused ops the new opset offers that the model opset lacks', () => {
    const report = check(reduceMeanWithAttribute(17), { opset: 23 });
    expect(report.retarget?.fromOpset).toBe(17);
    expect(report.retarget?.toOpset).toBe(23);
    const offered = report.retarget!.fusedOpsOffered.map((f) => `${f.op}@${f.sinceOpset}`).sort();
    expect(offered).toEqual(['Attention@23', 'Gelu@20', 'Mish@18', 'RMSNormalization@23', 'RotaryEmbedding@23']);
    // LayerNormalization (17) is not new at 23 when the model already imports 17; Swish (24) is beyond the target.
    expect(report.retarget!.fusedOpsOffered.find((f) => f.op === 'RMSNormalization')!.patterns).toEqual(['rms_norm', 'skip_rms_norm']);
  });

  it('leaves other domains at their own imports', () => {
    const report = check({
      opsetImport: [{ domain: '', version: 17 }, { domain: 'com.microsoft', version: 1 }],
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }], nodes: [{ opType: 'Gelu', domain: 'com.microsoft', inputs: ['x'], outputs: ['y'] }] },
    }, { opset: 13 });
    expect(codes(report)).toEqual([]);
  });
});
