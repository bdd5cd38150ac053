// The bars of issue 3 for schema resolution, plus the precise failure codes.
import { describe, expect, test } from 'vitest';
import { knownDomains, latestOpset, listSchemas, opHistory, resolveOp } from '../../../src/core/catalog';

const imports = (version: number, domain = '') => [{ domain, version }];

describe('resolveOp', () => {
  test('ai.onnx reaches opset 28; ai.onnx.ml and the training preview domain are known', () => {
    expect(latestOpset('')).toBe(28);
    expect(latestOpset('ai.onnx')).toBe(28);
    expect(latestOpset('ai.onnx.ml')).toBe(5);
    expect(knownDomains()).toEqual(expect.arrayContaining(['', 'ai.onnx.ml', 'ai.onnx.preview.training', 'com.microsoft']));
  });

  test.each([
    ['RMSNormalization', 23], ['RotaryEmbedding', 23], ['Attention', 23], ['LayerNormalization', 17], ['Gelu', 20],
  ])('%s resolves from opset %i and not before', (op, first) => {
    const at = resolveOp('', op, imports(first));
    expect(at.ok && at.schema.sinceVersion).toBe(first);
    const before = resolveOp('', op, imports(first - 1));
    expect(before.ok).toBe(false);
    if (!before.ok) {
      expect(before.code).toBe('op-not-in-opset');
      expect(before.firstOpset).toBe(first);
    }
  });

  test('a model importing opset 17 that uses RMSNormalization is told it was introduced in opset 23', () => {
    const r = resolveOp('', 'RMSNormalization', imports(17));
    expect(r).toMatchObject({ ok: false, code: 'op-not-in-opset', firstOpset: 23, opsetVersion: 17 });
    expect(!r.ok && r.message).toContain('introduced in ai.onnx opset 23');
  });

  test('the newest since-version not above the import is in force, and newer versions are listed', () => {
    const r = resolveOp('', 'Add', imports(13));
    expect(r.ok && r.schema.sinceVersion).toBe(13);
    expect(r.ok && r.newerVersions).toEqual([14]);
    const attention = resolveOp('', 'Attention', imports(23));
    expect(attention.ok && attention.newerVersions).toEqual([24, 25]);
    expect(resolveOp('', 'Add', imports(12)).ok && (resolveOp('', 'Add', imports(12)) as { schema: { sinceVersion: number } }).schema.sinceVersion).toBe(7);
  });

  test('"" and "ai.onnx" are one domain, in the node and in the imports', () => {
    const a = resolveOp('ai.onnx', 'Relu', imports(14));
    const b = resolveOp('', 'Relu', [{ domain: 'ai.onnx', version: 14 }]);
    expect(a.ok && a.schema.sinceVersion).toBe(14);
    expect(b.ok && b.schema.sinceVersion).toBe(14);
    expect(a.ok && a.schema.domain).toBe('');
  });

  test('a number stands for the imported version of the node\'s domain', () => {
    const r = resolveOp('ai.onnx.ml', 'LabelEncoder', 3);
    expect(r.ok && r.schema.sinceVersion).toBe(2);
  });

  test('deprecated versions resolve, flagged', () => {
    const upsample = resolveOp('', 'Upsample', imports(13));
    expect(upsample.ok && upsample.schema).toMatchObject({ sinceVersion: 10, deprecated: true });
    const oldUpsample = resolveOp('', 'Upsample', imports(9));
    expect(oldUpsample.ok && oldUpsample.schema).toMatchObject({ sinceVersion: 9, deprecated: false });
    const groupNorm = resolveOp('', 'GroupNormalization', imports(20));
    expect(groupNorm.ok && groupNorm.schema).toMatchObject({ sinceVersion: 18, deprecated: true });
    expect(groupNorm.ok && groupNorm.newerVersions).toEqual([21]);
  });

  test('precise failures: unknown domain, unknown op, domain not imported, opset newer than the catalog', () => {
    expect(resolveOp('org.example', 'Foo', imports(1, 'org.example'))).toMatchObject({ ok: false, code: 'unknown-domain' });
    expect(resolveOp('', 'NotAnOp', imports(17))).toMatchObject({ ok: false, code: 'unknown-op' });
    expect(resolveOp('', 'constructor', imports(17))).toMatchObject({ ok: false, code: 'unknown-op' });
    expect(resolveOp('com.microsoft', 'FusedMatMul', imports(17))).toMatchObject({ ok: false, code: 'domain-not-imported' });
    expect(resolveOp('', 'Add', imports(29))).toMatchObject({ ok: false, code: 'opset-too-new', latestKnownOpset: 28 });
  });

  test('an op only ORT registers in ai.onnx is unknown to ONNX, and the message says ORT has a kernel', () => {
    const r = resolveOp('', 'SimplifiedLayerNormalization', imports(17));
    expect(r).toMatchObject({ ok: false, code: 'unknown-op' });
    expect(!r.ok && r.message).toContain('not an ONNX standard op, but ONNX Runtime 1.27.0 registers a kernel for it (CPU, CUDA');
    const plain = resolveOp('', 'NotAnOp', imports(17));
    expect(!plain.ok && plain.message).not.toContain('ONNX Runtime');
  });

  test('ORT contrib ops resolve in com.microsoft', () => {
    const r = resolveOp('com.microsoft', 'SkipLayerNormalization', imports(1, 'com.microsoft'));
    expect(r.ok && r.schema.inputs.map((i) => i.name).slice(0, 3)).toEqual(['input', 'skip', 'gamma']);
  });
});

describe('schema content', () => {
  test('LayerNormalization-17: attributes with defaults, optional input, outputs arity, function op', () => {
    const r = resolveOp('', 'LayerNormalization', imports(17));
    if (!r.ok) throw new Error(r.message);
    const s = r.schema;
    expect(s.attributes.map((a) => [a.name, a.type, a.required, a.default])).toEqual([
      ['axis', 'int', false, -1], ['epsilon', 'float', false, 1e-5], ['stash_type', 'int', false, 1],
    ]);
    expect(s.inputs.map((i) => [i.name, i.option])).toEqual([['X', 'single'], ['Scale', 'single'], ['B', 'optional']]);
    expect([s.minInputs, s.maxInputs, s.minOutputs, s.maxOutputs]).toEqual([2, 3, 1, 3]);
    expect(s.isFunction).toBe(true);
    expect(s.supportLevel).toBe('common');
    expect(s.doc.length).toBeGreaterThan(20);
    expect(s.doc.length).toBeLessThanOrEqual(600);
  });

  test('variadic, heterogeneous inputs carry their minimum arity', () => {
    const loop = resolveOp('', 'Loop', imports(21));
    const concat = resolveOp('', 'Concat', imports(13));
    if (!loop.ok || !concat.ok) throw new Error('unresolved');
    expect(loop.schema.inputs[2]).toMatchObject({ name: 'v_initial', option: 'variadic', heterogeneous: true, minArity: 0 });
    expect(concat.schema.inputs[0]).toMatchObject({ option: 'variadic', heterogeneous: false, minArity: 1 });
    expect(concat.schema.maxInputs).toBe(2147483647);
  });

  test('list defaults are parsed into arrays; required attributes have no default', () => {
    const rnn = resolveOp('', 'RNN', imports(14));
    const conv = resolveOp('', 'Conv', imports(11));
    const mvn = resolveOp('', 'MeanVarianceNormalization', imports(13));
    if (!rnn.ok || !conv.ok || !mvn.ok) throw new Error('unresolved');
    expect(rnn.schema.attributes.find((a) => a.name === 'activations')?.default).toEqual(['Tanh', 'Tanh']);
    expect(mvn.schema.attributes.find((a) => a.name === 'axes')?.default).toEqual([0, 2, 3]);
    expect(conv.schema.attributes.find((a) => a.name === 'auto_pad')?.default).toBe('NOTSET');
    const split = resolveOp('', 'Loop', imports(16));
    expect(split.ok && split.schema.attributes[0]).toEqual(expect.objectContaining({ name: 'body', type: 'graph', required: true }));
    expect(split.ok && 'default' in split.schema.attributes[0]).toBe(false);
  });

  test('experimental ops are marked', () => {
    expect(opHistory('ai.onnx.preview', 'FlexAttention')[0]?.supportLevel).toBe('experimental');
    expect(opHistory('com.microsoft', 'IsAllFinite')[0]?.supportLevel).toBe('experimental');
    expect(opHistory('', 'Add').every((s) => s.supportLevel === 'common')).toBe(true);
  });
});

describe('history and listings', () => {
  test('opHistory lists every version ascending', () => {
    expect(opHistory('', 'Resize').map((s) => s.sinceVersion)).toEqual([10, 11, 13, 18, 19]);
    expect(opHistory('ai.onnx', 'Gelu').map((s) => s.sinceVersion)).toEqual([20]);
    expect(opHistory('', 'NoSuchOp')).toEqual([]);
  });

  test('listSchemas gives the versions in force at an opset', () => {
    const at17 = listSchemas({ opset: 17 });
    expect(at17.find((s) => s.name === 'LayerNormalization')).toMatchObject({ domain: '', sinceVersion: 17 });
    expect(at17.find((s) => s.name === 'Add')?.sinceVersion).toBe(14);
    expect(at17.find((s) => s.name === 'RMSNormalization')).toBeUndefined();
    expect(at17.every((s) => s.domain === '')).toBe(true);
    const ml = listSchemas({ domain: 'ai.onnx.ml' });
    expect(ml.find((s) => s.name === 'TreeEnsemble')?.sinceVersion).toBe(5);
    const all = listSchemas();
    expect(new Set(all.map((s) => s.domain))).toEqual(new Set(knownDomains()));
  });
});
