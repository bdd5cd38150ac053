// One hand-built model (or more) per finding code: each asserts the code, its severity, the node and op it names,
// and the words of the message a user acts on.
import { describe, expect, it } from 'vitest';
import { attr, DataType } from '../../../src/core/onnx/builder';
import { CoverageOptionError } from '../../../src/core/coverage/engine';
import { FINDING_RULES } from '../../../src/core/coverage/findings';
import { check, codes, oneNode, only } from './build';

describe('resolution findings', () => {
  it('unknown-domain: a domain the model does not import and no catalog knows', () => {
    const report = check(oneNode(17, { opType: 'Thing', domain: 'org.nowhere', inputs: ['x'], outputs: ['y'], name: 'thing0' }));
    expect(codes(report)).toEqual(['unknown-domain']);
    expect(report.findings[0]).toMatchObject({ severity: 'error', node: 'thing0', op: 'org.nowhere::Thing' });
    expect(report.findings[0]!.message).toContain("'org.nowhere'");
  });

  it('unknown-domain: a standard domain the model forgot to import', () => {
    const report = check(oneNode(17, { opType: 'Normalizer', domain: 'ai.onnx.ml', inputs: ['x'], outputs: ['y'] }));
    expect(codes(report)).toEqual(['unknown-domain']);
    expect(report.findings[0]!.message).toMatch(/does not import domain 'ai\.onnx\.ml'.*opset_import/);
  });

  it('unknown-op: a custom op says which domain, that no schema is known, and that no runtime has a kernel unless registered', () => {
    const report = check(oneNode(17, { opType: 'CustomReLU', domain: 'my_domain', inputs: ['x'], outputs: ['y'] }, 1, [{ domain: 'my_domain', version: 1 }]), { runtime: 'ort-cpu' });
    expect(codes(report)).toEqual(['unknown-op']);
    const [f] = report.findings;
    expect(f).toMatchObject({ severity: 'error', op: 'my_domain::CustomReLU', node: '/0:CustomReLU' });
    expect(f!.message).toContain("domain 'my_domain'");
    expect(f!.message).toContain('no schema is known');
    expect(f!.message).toContain('no runtime has a kernel for it unless one is registered');
    expect(report.summary.unsupportedOps).toEqual(['my_domain::CustomReLU']);
  });

  it('unknown-op: an op only runtime tables know (ORT\'s com.microsoft.nchwc::Conv) names them; a warning on that runtime', () => {
    const spec = oneNode(17, { opType: 'Conv', domain: 'com.microsoft.nchwc', inputs: ['x', 'w'], outputs: ['y'] }, 1, [{ domain: 'com.microsoft.nchwc', version: 1 }]);
    const anywhere = check(spec);
    expect(anywhere.findings.map((f) => [f.code, f.severity])).toEqual([['unknown-op', 'error']]);
    expect(anywhere.findings[0]!.message).toMatch(/no schema is known for com\.microsoft\.nchwc::Conv\. Only runtime tables list it \(ort-cpu\): nothing checks its attributes or types\.$/);
    const onOrt = check(spec, { runtime: 'ort-cpu' });
    expect(onOrt.findings.map((f) => [f.code, f.severity])).toEqual([['unknown-op', 'warning']]);
    expect(onOrt.findings[0]!.message).toMatch(/but ONNX Runtime 1\.27\.0 .*has a kernel for it\.$/);
  });

  it('unknown-op: a misspelled standard op', () => {
    const report = check(oneNode(17, { opType: 'Relux', inputs: ['x'], outputs: ['y'] }));
    expect(codes(report)).toEqual(['unknown-op']);
    expect(report.findings[0]!.message).toMatch(/not an operator of domain 'ai\.onnx'.*not a standard operator/);
  });

  it('op-not-in-opset names the first opset that has the op', () => {
    const report = check(oneNode(17, { opType: 'RMSNormalization', inputs: ['x', 'scale'], outputs: ['y'] }));
    expect(codes(report)).toEqual(['op-not-in-opset']);
    expect(report.findings[0]!.severity).toBe('error');
    expect(report.findings[0]!.message).toMatch(/introduced in ai\.onnx opset 23.*imports opset 17/);
  });

  it('deprecated-op: Upsample still resolves at opset 9 but a later opset drops it (warning)', () => {
    const report = check(oneNode(9, { opType: 'Upsample', inputs: ['x', 'scales'], outputs: ['y'] }));
    expect(codes(report)).toEqual(['deprecated-op']);
    expect(report.findings[0]).toMatchObject({ severity: 'warning', op: 'Upsample' });
    expect(report.findings[0]!.message).toMatch(/deprecated from opset 10.*Resize/);
    expect(report.summary.errors).toBe(0);
  });

  it('removed-op: Upsample at opset 10 is the deprecated version itself (error)', () => {
    const report = check(oneNode(10, { opType: 'Upsample', inputs: ['x', 'scales'], outputs: ['y'] }));
    expect(codes(report)).toContain('removed-op');
    expect(only(report, 'removed-op')[0]!.message).toMatch(/Upsample-10 marks Upsample deprecated from opset 10.*Use Resize/);
  });

  it('opset-too-new: an import newer than the catalog is said once and nodes are checked against the newest known', () => {
    const report = check({
      opsetImport: [{ domain: '', version: 99 }],
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }], nodes: [
        { opType: 'Relu', inputs: ['x'], outputs: ['a'] },
        { opType: 'Relu', inputs: ['a'], outputs: ['b'], attributes: { alpha: attr.float(1) } },
      ] },
    });
    expect(only(report, 'opset-too-new')).toHaveLength(1);
    expect(only(report, 'opset-too-new')[0]).toMatchObject({ severity: 'warning', subject: 'ai.onnx' });
    expect(only(report, 'opset-too-new')[0]!.message).toMatch(/^The model imports ai\.onnx opset 99.*checked against opset 28/);
    // Still validated: Relu (latest version) has no alpha.
    expect(only(report, 'invalid-attribute').map((f) => f.subject)).toEqual(['alpha']);
  });

  it('opset-too-new: a target opset (--opset) newer than the catalog is named as the target, not as the import', () => {
    const report = check(oneNode(17, { opType: 'Relu', inputs: ['x'], outputs: ['y'] }), { opset: 99 });
    expect(only(report, 'opset-too-new')).toHaveLength(1);
    expect(only(report, 'opset-too-new')[0]!.message).toMatch(/^The target is ai\.onnx opset 99, newer than the bundled catalog knows \(up to 28\)/);
  });

  it('opset-too-new: the runtime parses fewer opsets than the target (error, once per model)', () => {
    const report = check(oneNode(25, { opType: 'Relu', inputs: ['x'], outputs: ['y'] }), { runtime: 'tensorrt' });
    const tooNew = only(report, 'opset-too-new');
    expect(tooNew).toHaveLength(1);
    expect(tooNew[0]).toMatchObject({ severity: 'error', scopeKind: 'model', nodePath: '' });
    expect(tooNew[0]!.message).toMatch(/TensorRT 10\.15.*opsets 9 to 24.*opset 25/);
    // An op version beyond the range (Cast-25) is covered by that one finding, not repeated per node.
    const cast = check(oneNode(25, { opType: 'Cast', inputs: ['x'], outputs: ['y'], attributes: { to: DataType.FLOAT16 } }), { runtime: 'tensorrt' });
    expect(codes(cast)).toEqual(['opset-too-new']);
  });
});

describe('schema findings', () => {
  it('invalid-attribute: unknown name, missing required, wrong type', () => {
    const report = check({
      opsetImport: [{ domain: '', version: 17 }],
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }], nodes: [
        { opType: 'Relu', name: 'relu', inputs: ['x'], outputs: ['a'], attributes: { alpha: attr.float(0.1) } },
        { opType: 'Cast', name: 'cast', inputs: ['a'], outputs: ['b'] },
        { opType: 'Concat', name: 'concat', inputs: ['a', 'a'], outputs: ['c'], attributes: { axis: attr.float(1) } },
      ] },
    });
    const found = only(report, 'invalid-attribute').map((f) => [f.node, f.subject, f.severity]);
    expect(found).toEqual([['relu', 'alpha', 'error'], ['cast', 'to', 'error'], ['concat', 'axis', 'error']]);
    const messages = only(report, 'invalid-attribute').map((f) => f.message);
    expect(messages[0]).toMatch(/Relu-14 has no attribute 'alpha' \(it takes no attributes\)/);
    expect(messages[1]).toMatch(/Required attribute 'to' \(int\) of Cast-13 is missing/);
    expect(messages[2]).toMatch(/'axis' is a float; Concat-13 expects an int/);
  });

  it('arity: too many inputs, too many outputs, a required input left empty, too few inputs', () => {
    const report = check({
      opsetImport: [{ domain: '', version: 17 }],
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }, { name: 'w', elemType: DataType.FLOAT }], nodes: [
        { opType: 'Add', name: 'add3', inputs: ['x', 'x', 'x'], outputs: ['a'] },
        { opType: 'Relu', name: 'relu2', inputs: ['x'], outputs: ['b', 'c'] },
        { opType: 'Conv', name: 'conv', inputs: ['', 'w'], outputs: ['d'] },
        { opType: 'MatMul', name: 'mm1', inputs: ['x'], outputs: ['e'] },
      ] },
    });
    const found = only(report, 'arity').map((f) => [f.node, f.message]);
    expect(found).toEqual([
      ['add3', 'Add-14 takes 2 inputs; the node has 3.'],
      ['relu2', 'Relu-14 has 1 output; the node has 2.'],
      ['conv', "Input 0 'X' of Conv-11 is required, but the node leaves it empty."],
      ['mm1', "MatMul-13 takes 2 inputs; the node has 1 (missing 'B')."],
    ]);
  });

  it('invalid-type: an element type the schema does not allow, from a graph input and by propagation', () => {
    const report = check({
      opsetImport: [{ domain: '', version: 17 }],
      graph: { inputs: [{ name: 's', elemType: DataType.STRING }, { name: 'x', elemType: DataType.FLOAT }], nodes: [
        { opType: 'Relu', name: 'on_input', inputs: ['s'], outputs: ['a'] },
        { opType: 'Cast', name: 'to_bool', inputs: ['x'], outputs: ['b'], attributes: { to: DataType.BOOL } },
        { opType: 'Sqrt', name: 'propagated', inputs: ['b'], outputs: ['c'] },
      ] },
    });
    const found = only(report, 'invalid-type');
    expect(found.map((f) => [f.node, f.subject])).toEqual([['on_input', 'X'], ['on_input', 'Y'], ['propagated', 'X'], ['propagated', 'Y']]);
    expect(found[0]!.message).toMatch(/Input 0 'X' is tensor\(string\), which Relu-14 \(in force at opset 17\) does not allow: T allows tensor\(float\)/);
    expect(found[2]!.message).toContain('tensor(bool)');
  });

  it('invalid-type: an output the node leaves empty has no value, so no type to object to', () => {
    // LSTM's Y and Y_c left empty (''), only Y_h produced: int32 inputs are wrong for every input, and for Y_h.
    const report = check({
      opsetImport: [{ domain: '', version: 14 }],
      graph: { inputs: ['x', 'w', 'r'].map((name) => ({ name, elemType: DataType.INT32 })), nodes: [
        { opType: 'LSTM', name: 'lstm', inputs: ['x', 'w', 'r'], outputs: ['', 'yh', ''], attributes: { hidden_size: 4 } },
      ] },
    });
    expect(only(report, 'invalid-type').map((f) => f.subject)).toEqual(['X', 'W', 'R', 'Y_h']);
  });

  it('model-local-function: the call is info, and its body resolves against the function\'s own imports', () => {
    const report = check({
      opsetImport: [{ domain: '', version: 17 }, { domain: 'local', version: 1 }],
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }, { name: 's', elemType: DataType.FLOAT }], nodes: [
        { opType: 'MyNorm', domain: 'local', name: 'call', inputs: ['x', 's'], outputs: ['y'] },
      ] },
      functions: [{
        name: 'MyNorm', domain: 'local', inputs: ['X', 'S'], outputs: ['Y'],
        opsetImport: [{ domain: '', version: 23 }],
        nodes: [
          { opType: 'RMSNormalization', inputs: ['X', 'S'], outputs: ['Y'] },
          { opType: 'Relux', inputs: ['Y'], outputs: ['Z'] },
        ],
      }],
    });
    expect(report.nodes).toBe(3);
    const local = only(report, 'model-local-function');
    expect(local).toHaveLength(1);
    expect(local[0]).toMatchObject({ severity: 'info', node: 'call', op: 'local::MyNorm' });
    expect(local[0]!.message).toMatch(/defined in this model.*checked node by node/);
    // RMSNormalization is fine under the function's opset 23 (the model imports 17); the typo is found in the body.
    expect(codes(report)).not.toContain('op-not-in-opset');
    expect(only(report, 'unknown-op')).toEqual([expect.objectContaining({ op: 'Relux', scopeKind: 'function', scopePath: 'fn:local::MyNorm', node: 'fn:local::MyNorm/1:Relux' })]);
  });

  it('training-graphs: training_info graphs are named and counted once, info, and their nodes are not checked', () => {
    const report = check({
      opsetImport: [{ domain: '', version: 17 }],
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }], nodes: [{ opType: 'Relu', name: 'act', inputs: ['x'], outputs: ['y'] }], outputs: [{ name: 'y' }] },
      trainingInfo: [{
        initialization: { nodes: [{ opType: 'RandomNormal', outputs: ['w'], attributes: { shape: [2] } }] },
        // An op no schema knows: checked, it would be an unknown-op error.
        algorithm: { nodes: [{ opType: 'Gradient', domain: 'ai.onnx.preview.training', inputs: ['x'], outputs: ['dx'] }, { opType: 'NotAnOp', inputs: ['dx'], outputs: ['z'] }] },
      }],
    });
    expect(codes(report)).toEqual(['training-graphs']);
    expect(report.nodes).toBe(1);
    const [f] = report.findings;
    expect(f).toMatchObject({ severity: 'info', node: 'training_info', scopeKind: 'model' });
    expect(f!.message).toContain('2 training graphs (training_info[0].initialization, training_info[0].algorithm: 3 nodes)');
    expect(f!.message).toContain('not checked');
    expect(codes(check(oneNode(17, { opType: 'Relu', inputs: ['x'], outputs: ['y'] })))).toEqual([]);
  });

  it('finds problems in If/Loop subgraphs at any depth, with the subgraph path', () => {
    const inner = { nodes: [{ opType: 'Relux', inputs: ['x'], outputs: ['z'] }], outputs: [{ name: 'z' }] };
    const loopBody = {
      inputs: [{ name: 'i', elemType: DataType.INT64 }, { name: 'c', elemType: DataType.BOOL }],
      nodes: [{ opType: 'If', inputs: ['c'], outputs: ['z2'], attributes: { then_branch: attr.graph(inner), else_branch: attr.graph(inner) } }],
      outputs: [{ name: 'c' }, { name: 'z2' }],
    };
    const report = check({
      opsetImport: [{ domain: '', version: 17 }],
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }, { name: 'n', elemType: DataType.INT64 }, { name: 'b', elemType: DataType.BOOL }], nodes: [
        { opType: 'Loop', inputs: ['n', 'b'], outputs: ['scanned'], attributes: { body: attr.graph(loopBody) } },
      ] },
    });
    expect(report.nodes).toBe(4);
    expect(codes(report)).toEqual(['unknown-op', 'unknown-op']);
    expect(only(report, 'unknown-op').map((f) => [f.nodePath, f.scopeKind, f.scopePath])).toEqual([
      ['/0:Loop/body/0:If/then_branch/0:Relux', 'subgraph', '/0:Loop/body/0:If/then_branch'],
      ['/0:Loop/body/0:If/else_branch/0:Relux', 'subgraph', '/0:Loop/body/0:If/else_branch'],
    ]);
  });
});

describe('runtime findings', () => {
  it('runtime-unsupported: a version range that does not reach the node (ORT CPU registers Add from opset 7)', () => {
    const report = check(oneNode(6, { opType: 'Add', inputs: ['a', 'b'], outputs: ['c'] }), { runtime: 'ort-cpu' });
    expect(codes(report)).toEqual(['runtime-unsupported']);
    expect(report.findings[0]!.message).toMatch(/registers Add for opset versions .*\[7, 12\].*not for Add-6/);
    expect(report.target).toEqual({ opset: 6, runtime: 'ort-cpu', runtimeName: expect.stringMatching(/^ONNX Runtime 1\.27/) });
  });

  it('runtime-unsupported: a type the kernel does not implement (float16 Mul on ORT CPU), not for float', () => {
    const fp16 = check(oneNode(17, { opType: 'Mul', inputs: ['a', 'b'], outputs: ['c'] }, DataType.FLOAT16), { runtime: 'ort-cpu' });
    expect(codes(fp16)).toEqual(['runtime-unsupported']);
    expect(fp16.findings[0]!.message).toMatch(/Mul \(kernel 14\+\) but not for type tensor\(float16\)/);
    const fp32 = check(oneNode(17, { opType: 'Mul', inputs: ['a', 'b'], outputs: ['c'] }, DataType.FLOAT), { runtime: 'ort-cpu' });
    expect(codes(fp32)).toEqual([]);
  });

  it('runtime-unsupported on a GPU provider is a warning when ORT runs the node on its CPU provider instead', () => {
    const acos = oneNode(17, { opType: 'Acos', inputs: ['x'], outputs: ['y'] });
    const cuda = check(acos, { runtime: 'ort-cuda' });
    expect(cuda.findings.map((f) => [f.code, f.severity])).toEqual([['runtime-unsupported', 'warning']]);
    expect(cuda.findings[0]!.message).toMatch(/CUDA.*does not list Acos.*CPU execution provider instead/);
    expect(cuda.summary.errors).toBe(0);
    // Without a CPU kernel either, it stays an error.
    const fp16 = check(oneNode(17, { opType: 'Acos', inputs: ['x'], outputs: ['y'] }, DataType.FLOAT16), { runtime: 'ort-cuda' });
    expect(fp16.findings.map((f) => [f.code, f.severity])).toEqual([['runtime-unsupported', 'error']]);
  });

  it('runtime-unknown: an op ONNX defines as a function and ORT expands (Swish-24 on ORT CPU)', () => {
    const report = check(oneNode(24, { opType: 'Swish', inputs: ['x'], outputs: ['y'] }), { runtime: 'ort-cpu' });
    expect(codes(report)).toEqual(['runtime-unknown']);
    expect(report.findings[0]!.severity).toBe('warning');
    expect(report.findings[0]!.message).toMatch(/Swish-24 as a function.*expands it/);
  });

  it('Constant nodes become initializers in ORT: no runtime finding although no kernel table lists Constant', () => {
    const report = check({ opsetImport: [{ domain: '', version: 17 }], graph: { nodes: [{ opType: 'Constant', outputs: ['c'], attributes: { value: attr.tensor({ dataType: DataType.FLOAT, dims: [1], floats: [1] }) } }] } }, { runtime: 'ort-cuda' });
    expect(codes(report)).toEqual([]);
  });

  it('an unknown runtime id is a CoverageOptionError that lists the known ids', () => {
    expect(() => check(oneNode(17, { opType: 'Relu', inputs: ['x'], outputs: ['y'] }), { runtime: 'ort-tpu' })).toThrow(CoverageOptionError);
    expect(() => check(oneNode(17, { opType: 'Relu', inputs: ['x'], outputs: ['y'] }), { runtime: 'ort-tpu' })).toThrow(/ort-cpu.*tensorrt/);
  });
});

describe('summary and severity policy', () => {
  it('counts nodes checked, ok, findings by code and distinct unsupported ops', () => {
    const report = check({
      opsetImport: [{ domain: '', version: 17 }, { domain: 'my_domain', version: 1 }],
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }], nodes: [
        { opType: 'Relu', inputs: ['x'], outputs: ['a'] },
        { opType: 'CustomReLU', domain: 'my_domain', inputs: ['a'], outputs: ['b'] },
        { opType: 'CustomReLU', domain: 'my_domain', inputs: ['b'], outputs: ['c'] },
        { opType: 'RMSNormalization', inputs: ['c', 'x'], outputs: ['d'] },
      ] },
    });
    expect(report.summary).toEqual({
      nodesChecked: 4, ok: 1, errors: 3, warnings: 0, infos: 0,
      byCode: { 'unknown-op': 2, 'op-not-in-opset': 1 },
      unsupportedOps: ['RMSNormalization', 'my_domain::CustomReLU'],
    });
  });

  it('every code has a rule with a severity and a summary', () => {
    for (const [code, rule] of Object.entries(FINDING_RULES)) {
      expect(rule.code).toBe(code);
      expect(['error', 'warning', 'info']).toContain(rule.severity);
      expect(rule.summary.length).toBeGreaterThan(20);
    }
  });
});

describe('hostile shapes', () => {
  it('checks If subgraphs nested as deep as the reader accepts (80), resolving names through every level', () => {
    // The innermost Sqrt reads `s`, a string declared 80 graphs up: its type must be found through every level.
    let graph: Record<string, unknown> = { nodes: [{ opType: 'Relux', inputs: ['x'], outputs: ['r0'] }, { opType: 'Sqrt', inputs: ['s'], outputs: ['z0'] }], outputs: [{ name: 'z0' }] };
    for (let depth = 1; depth < 80; depth++) {
      graph = { nodes: [{ opType: 'If', inputs: ['c'], outputs: [`z${depth}`], attributes: { then_branch: attr.graph(graph as never), else_branch: attr.graph({ nodes: [{ opType: 'Identity', inputs: ['x'], outputs: [`e${depth}`] }], outputs: [{ name: `e${depth}` }] }) } }], outputs: [{ name: `z${depth}` }] };
    }
    const report = check({ opsetImport: [{ domain: '', version: 17 }], graph: { ...(graph as object), inputs: [{ name: 'x', elemType: DataType.FLOAT }, { name: 'c', elemType: DataType.BOOL }, { name: 's', elemType: DataType.STRING }] } });
    expect(report.nodes).toBe(80 * 2);
    expect(codes(report)).toEqual(['unknown-op', 'invalid-type', 'invalid-type']);
    expect(report.findings[0]!.scopePath.split('/then_branch').length - 1).toBe(79);
  });
});
