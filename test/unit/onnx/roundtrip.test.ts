// Builder → reader round trips: every message, attribute type, TypeProto kind and data type the reader decodes.
import { describe, expect, it } from 'vitest';
import { attr, buildModel, type AttrInput, type TensorSpec } from '../../../src/core/onnx/builder';
import { AttributeType, DataType, type TypeInfo } from '../../../src/core/onnx/model';
import { readModelBytes, readTensorBytes, readTensorNumbers } from '../../../src/core/onnx/reader';

const tensorOf = (spec: TensorSpec) => readModelBytes(buildModel({ graph: { initializers: [spec] } })).graph.initializers[0]!;

describe('model and graph fields', () => {
  it('round-trips every ModelProto field', () => {
    const model = readModelBytes(buildModel({
      irVersion: 14, opsetImport: [{ domain: '', version: 23 }, { domain: 'com.microsoft', version: 1 }],
      producerName: 'pytorch', producerVersion: '2.5.0', domain: 'org.example', modelVersion: 7, docString: 'a doc',
      graph: { name: 'main', docString: 'graph doc', metadataProps: { g: '1' } },
      metadataProps: { author: 'me', 'π': 'ünïcödé' },
      configuration: [{ name: 'mesh', numDevices: 4, device: ['gpu0', 'gpu1'] }],
    }), 'm.onnx');
    expect(model.irVersion).toBe(14);
    expect(model.opsetImport).toEqual([{ domain: '', version: 23 }, { domain: 'com.microsoft', version: 1 }]);
    expect([model.producerName, model.producerVersion, model.domain, model.modelVersion, model.docString]).toEqual(['pytorch', '2.5.0', 'org.example', 7, 'a doc']);
    expect(model.graph.name).toBe('main');
    expect(model.graph.docString).toBe('graph doc');
    expect(model.graph.metadataProps).toEqual([{ key: 'g', value: '1' }]);
    expect(model.metadataProps).toEqual([{ key: 'author', value: 'me' }, { key: 'π', value: 'ünïcödé' }]);
    expect(model.configuration).toEqual([{ name: 'mesh', numDevices: 4, device: ['gpu0', 'gpu1'] }]);
    expect(model.source).toEqual({ path: 'm.onnx', size: expect.any(Number) });
  });

  it('round-trips nodes with domain, overload, doc string and dynamo metadata_props', () => {
    const model = readModelBytes(buildModel({
      graph: {
        nodes: [
          { opType: 'Add', inputs: ['a', 'b'], outputs: ['c'], name: 'add0', docString: 'adds' },
          { opType: 'MyOp', domain: 'custom', overload: 'v2', inputs: ['', 'c'], outputs: ['d', 'e'],
            metadataProps: { 'pkg.torch.onnx.stack_trace': 'File "m.py", line 3', 'pkg.torch.onnx.name_scopes': "['', 'norm']" } },
        ],
      },
    }));
    const [add, mine] = model.graph.nodes;
    expect(add).toMatchObject({ opType: 'Add', domain: '', name: 'add0', inputs: ['a', 'b'], outputs: ['c'], docString: 'adds', overload: '' });
    expect(mine).toMatchObject({ opType: 'MyOp', domain: 'custom', overload: 'v2', inputs: ['', 'c'], outputs: ['d', 'e'] });
    expect(mine!.metadataProps).toEqual([
      { key: 'pkg.torch.onnx.stack_trace', value: 'File "m.py", line 3' },
      { key: 'pkg.torch.onnx.name_scopes', value: "['', 'norm']" },
    ]);
  });

  it('round-trips value infos, quantization annotations and sparse initializers', () => {
    const model = readModelBytes(buildModel({
      graph: {
        inputs: [{ name: 'x', elemType: DataType.FLOAT, shape: [1, 'seq', null, { value: 768, denotation: 'DATA_CHANNEL' }], docString: 'in', metadataProps: { k: 'v' } }],
        outputs: [{ name: 'y', elemType: DataType.FLOAT16 }, { name: 's', elemType: DataType.INT64, shape: [] }],
        valueInfo: [{ name: 'untyped' }],
        quantizationAnnotation: [{ tensorName: 'x', quantParameterTensorNames: { SCALE_TENSOR: 'x_scale', ZERO_POINT_TENSOR: 'x_zp' } }],
        sparseInitializers: [{ values: { name: 'sv', dataType: DataType.FLOAT, dims: [2], floats: [1.5, -2] }, indices: { name: 'si', dataType: DataType.INT64, dims: [2], ints: [1, 7] }, dims: [3, 4] }],
      },
    }));
    const g = model.graph;
    expect(g.inputs[0]).toEqual({ name: 'x', docString: 'in', metadataProps: [{ key: 'k', value: 'v' }], type: { kind: 'tensor', elemType: 1, shape: [{ value: 1 }, { param: 'seq' }, {}, { value: 768, denotation: 'DATA_CHANNEL' }] } });
    expect(g.outputs[0]!.type).toEqual({ kind: 'tensor', elemType: DataType.FLOAT16 });
    expect(g.outputs[1]!.type).toEqual({ kind: 'tensor', elemType: DataType.INT64, shape: [] });
    expect(g.valueInfo[0]!.type).toBeUndefined();
    expect(g.quantizationAnnotation).toEqual([{ tensorName: 'x', quantParameterTensorNames: [{ key: 'SCALE_TENSOR', value: 'x_scale' }, { key: 'ZERO_POINT_TENSOR', value: 'x_zp' }] }]);
    const sparse = g.sparseInitializers[0]!;
    expect(sparse.dims).toEqual([3, 4]);
    expect(readTensorNumbers(model, sparse.values!)).toEqual([1.5, -2]);
    expect(readTensorNumbers(model, sparse.indices!)).toEqual([1, 7]);
  });

  it('round-trips every TypeProto kind with denotations', () => {
    const types: TypeInfo[] = [
      { kind: 'tensor', elemType: DataType.BFLOAT16, shape: [{ param: 'batch' }], denotation: 'TENSOR' },
      { kind: 'sparse_tensor', elemType: DataType.FLOAT, shape: [{ value: 10 }, { value: 10 }] },
      { kind: 'sequence', elemType: { kind: 'tensor', elemType: DataType.INT32 } },
      { kind: 'map', keyType: DataType.STRING, valueType: { kind: 'sequence', elemType: { kind: 'map', keyType: DataType.INT64, valueType: { kind: 'tensor', elemType: DataType.FLOAT } } } },
      { kind: 'optional', elemType: { kind: 'sequence', elemType: { kind: 'tensor', elemType: DataType.UINT8, shape: [] } } },
      { kind: 'opaque', domain: 'com.example', name: 'Handle' },
      { kind: 'unknown', denotation: 'only a denotation' },
    ];
    const model = readModelBytes(buildModel({ graph: { inputs: types.map((type, i) => ({ name: `v${i}`, type })) } }));
    expect(model.graph.inputs.map((v) => v.type)).toEqual(types);
  });

  it('round-trips functions (all fields) and training info', () => {
    const model = readModelBytes(buildModel({
      functions: [{
        name: 'RmsNorm', domain: 'custom', overload: 'fp16', inputs: ['x', 'w'], outputs: ['y'], attribute: ['axis'],
        attributeProto: { epsilon: attr.float(1e-6) }, docString: 'fn doc', opsetImport: [{ domain: '', version: 18 }],
        valueInfo: [{ name: 'sq', elemType: DataType.FLOAT }], metadataProps: { origin: 'test' },
        nodes: [
          { opType: 'Mul', inputs: ['x', 'x'], outputs: ['sq'] },
          { opType: 'ReduceMean', inputs: ['sq'], outputs: ['m'], attributes: { axes: attr.ref('axis', AttributeType.INTS) } },
        ],
      }],
      trainingInfo: [{
        initialization: { name: 'init', nodes: [{ opType: 'RandomNormal', outputs: ['w0'] }] },
        algorithm: { name: 'algo', nodes: [{ opType: 'Sub', inputs: ['w', 'g'], outputs: ['w_new'] }] },
        initializationBinding: { w: 'w0' }, updateBinding: { w: 'w_new' },
      }],
    }));
    const fn = model.functions[0]!;
    expect(fn).toMatchObject({ name: 'RmsNorm', domain: 'custom', overload: 'fp16', inputs: ['x', 'w'], outputs: ['y'], attribute: ['axis'], docString: 'fn doc', opsetImport: [{ domain: '', version: 18 }], metadataProps: [{ key: 'origin', value: 'test' }] });
    expect(fn.attributeProto[0]).toMatchObject({ name: 'epsilon', type: AttributeType.FLOAT });
    expect(fn.attributeProto[0]!.f).toBeCloseTo(1e-6, 12);
    expect(fn.valueInfo[0]!.name).toBe('sq');
    expect(fn.nodes.map((n) => n.opType)).toEqual(['Mul', 'ReduceMean']);
    expect(fn.nodes[1]!.attributes[0]).toMatchObject({ name: 'axes', type: AttributeType.INTS, refAttrName: 'axis', ints: [] });
    const ti = model.trainingInfo[0]!;
    expect(ti.initialization!.nodes[0]!.opType).toBe('RandomNormal');
    expect(ti.algorithm!.name).toBe('algo');
    expect(ti.initializationBinding).toEqual([{ key: 'w', value: 'w0' }]);
    expect(ti.updateBinding).toEqual([{ key: 'w', value: 'w_new' }]);
  });
});

describe('attributes', () => {
  const node = (attributes: Record<string, AttrInput>) => readModelBytes(buildModel({ graph: { nodes: [{ opType: 'X', attributes }] } }));

  it('round-trips every attribute type', () => {
    const body = { name: 'body', nodes: [{ opType: 'Identity', inputs: ['a'], outputs: ['b'] }] };
    const model = node({
      f: attr.float(2), eps: 1e-6, i: -3, big: attr.int(2n ** 62n), s: 'hello', t: attr.tensor({ name: 'c', dataType: DataType.FLOAT, dims: [2], floats: [1, 2] }),
      g: body, floats: [0.5, 1.5], floatsExplicit: attr.floats([1, 2]), ints: [-1, 0, 1], strs: ['a', 'b'],
      tensors: attr.tensors([{ dataType: DataType.INT64, dims: [], ints: [5] }]), graphs: attr.graphs([body, body]),
      sp: attr.sparseTensor({ values: { dataType: DataType.FLOAT, dims: [1], floats: [3] }, indices: { dataType: DataType.INT64, dims: [1], ints: [0] }, dims: [4] }),
      sps: attr.sparseTensors([{ dims: [1] }]), tp: attr.typeProto({ kind: 'tensor', elemType: DataType.FLOAT }),
      tps: attr.typeProtos([{ kind: 'sequence', elemType: { kind: 'tensor', elemType: DataType.INT8 } }]),
      doc: attr.documented(attr.int(1), 'why'),
    });
    const a = Object.fromEntries(model.graph.nodes[0]!.attributes.map((x) => [x.name, x]));
    expect(a.f).toMatchObject({ type: AttributeType.FLOAT, f: 2 });
    expect(a.eps!.type).toBe(AttributeType.FLOAT);
    expect(a.eps!.f).toBeCloseTo(1e-6, 12);
    expect(a.i).toMatchObject({ type: AttributeType.INT, i: -3 });
    expect(a.big).toMatchObject({ type: AttributeType.INT, i: 2 ** 62 });
    expect(a.s).toMatchObject({ type: AttributeType.STRING, s: 'hello' });
    expect(a.t!.type).toBe(AttributeType.TENSOR);
    expect(readTensorNumbers(model, a.t!.t!)).toEqual([1, 2]);
    expect(a.g!.type).toBe(AttributeType.GRAPH);
    expect(a.g!.g!.nodes[0]!.opType).toBe('Identity');
    expect(a.floats).toMatchObject({ type: AttributeType.FLOATS, floats: [0.5, 1.5] });
    expect(a.floatsExplicit).toMatchObject({ type: AttributeType.FLOATS, floats: [1, 2] });
    expect(a.ints).toMatchObject({ type: AttributeType.INTS, ints: [-1, 0, 1] });
    expect(a.strs).toMatchObject({ type: AttributeType.STRINGS, strings: ['a', 'b'] });
    expect(a.tensors!.type).toBe(AttributeType.TENSORS);
    expect(readTensorNumbers(model, a.tensors!.tensors[0]!)).toEqual([5]);
    expect(a.graphs!.graphs.map((x) => x.name)).toEqual(['body', 'body']);
    expect(a.sp!.type).toBe(AttributeType.SPARSE_TENSOR);
    expect(a.sp!.sparseTensor!.dims).toEqual([4]);
    expect(a.sps).toMatchObject({ type: AttributeType.SPARSE_TENSORS, sparseTensors: [{ dims: [1] }] });
    expect(a.tp).toMatchObject({ type: AttributeType.TYPE_PROTO, tp: { kind: 'tensor', elemType: DataType.FLOAT } });
    expect(a.tps!.typeProtos).toEqual([{ kind: 'sequence', elemType: { kind: 'tensor', elemType: DataType.INT8 } }]);
    expect(a.doc).toMatchObject({ type: AttributeType.INT, i: 1, docString: 'why' });
  });

  it('infers the type of IR-1 attributes that carry no type field', () => {
    const model = readModelBytes(buildModel({
      graph: { nodes: [{ opType: 'X', extraFields: [{ field: 5, wireType: 2, value: buildAttributeWithoutType() }] }] },
    }));
    expect(model.graph.nodes[0]!.attributes[0]).toMatchObject({ name: 'alpha', type: AttributeType.FLOAT, f: 0.5 });
  });

  it('reads packed repeated ints and floats in attributes', () => {
    // field 8 (ints) packed: [1, 300, -1]; field 7 (floats) packed: [0.25]
    const ints = new Uint8Array([1, 0xac, 0x02, ...[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]]);
    const floats = new Uint8Array(new Float32Array([0.25]).buffer);
    const attribute = concat(bytesOf('\x0a\x01a'), [0x42, ints.length], ints, [0x3a, 4], floats);
    const model = readModelBytes(buildModel({ graph: { nodes: [{ opType: 'X', extraFields: [{ field: 5, wireType: 2, value: attribute }] }] } }));
    expect(model.graph.nodes[0]!.attributes[0]).toMatchObject({ name: 'a', ints: [1, 300, -1], floats: [0.25], type: AttributeType.FLOATS });
  });
});

function bytesOf(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
}

function concat(...parts: Array<Uint8Array | number[]>): Uint8Array {
  const all = parts.flatMap((p) => Array.from(p));
  return Uint8Array.from(all);
}

function buildAttributeWithoutType(): Uint8Array {
  // name "alpha" (field 1), f = 0.5 (field 2, fixed32), no type field.
  return concat(bytesOf('\x0a\x05alpha'), [0x15], new Uint8Array(new Float32Array([0.5]).buffer));
}

describe('tensors', () => {
  it('records raw_data as a file range and reads it only on request', () => {
    const raw = new Uint8Array(new Float32Array([1, 2, 3, 4]).buffer);
    const bytes = buildModel({ graph: { initializers: [{ name: 'w', dataType: DataType.FLOAT, dims: [2, 2], raw }] } });
    const model = readModelBytes(bytes);
    const t = model.graph.initializers[0]!;
    expect(t).toMatchObject({ name: 'w', dims: [2, 2], dataType: DataType.FLOAT });
    expect(t.payload).toEqual({ kind: 'inline', field: 'raw_data', offset: expect.any(Number), length: 16 });
    if (t.payload.kind !== 'inline') throw new Error('unreachable');
    expect(Array.from(bytes.subarray(t.payload.offset, t.payload.offset + 16))).toEqual(Array.from(raw));
    expect(Array.from(readTensorBytes(model, t))).toEqual(Array.from(raw));
    expect(readTensorNumbers(model, t)).toEqual([1, 2, 3, 4]);
  });

  it.each([
    ['float_data packed', { dataType: DataType.FLOAT, dims: [3], floats: [1.5, -2, 0] }, [1.5, -2, 0]],
    ['float_data unpacked', { dataType: DataType.FLOAT, dims: [2], floats: [7, 8], packed: false }, [7, 8]],
    ['int32_data', { dataType: DataType.INT32, dims: [3], ints: [-5, 0, 2147483647] }, [-5, 0, 2147483647]],
    ['int32_data unpacked', { dataType: DataType.INT32, dims: [2], ints: [-1, 1], packed: false }, [-1, 1]],
    ['int64_data', { dataType: DataType.INT64, dims: [3], ints: [-1, 2 ** 40, 0] }, [-1, 2 ** 40, 0]],
    ['int64_data unpacked', { dataType: DataType.INT64, dims: [1], ints: [-7], packed: false }, [-7]],
    ['double_data', { dataType: DataType.DOUBLE, dims: [2], doubles: [0.1, -1e300] }, [0.1, -1e300]],
    ['double_data unpacked', { dataType: DataType.DOUBLE, dims: [1], doubles: [2.5], packed: false }, [2.5]],
    ['uint64_data (UINT64)', { dataType: DataType.UINT64, dims: [2], ints: [1, 2 ** 50] }, [1, 2 ** 50]],
    ['uint64_data (UINT32)', { dataType: DataType.UINT32, dims: [2], ints: [4294967295, 3] }, [4294967295, 3]],
    ['int32_data (INT8)', { dataType: DataType.INT8, dims: [3], ints: [-128, 0, 127] }, [-128, 0, 127]],
    ['int32_data (UINT8)', { dataType: DataType.UINT8, dims: [2], ints: [255, 1] }, [255, 1]],
    ['int32_data (INT16)', { dataType: DataType.INT16, dims: [2], ints: [-32768, 5] }, [-32768, 5]],
    ['int32_data (UINT16)', { dataType: DataType.UINT16, dims: [1], ints: [65535] }, [65535]],
    ['int32_data (BOOL)', { dataType: DataType.BOOL, dims: [3], ints: [1, 0, 1] }, [1, 0, 1]],
    ['int32_data (FLOAT16 bits)', { dataType: DataType.FLOAT16, dims: [3], ints: [0x3c00, 0xc000, 0x3555] }, [1, -2, 0.333251953125]],
    ['int32_data (BFLOAT16 bits)', { dataType: DataType.BFLOAT16, dims: [2], ints: [0x3f80, 0xbfc0] }, [1, -1.5]],
    ['int32_data (FLOAT8E4M3FN)', { dataType: DataType.FLOAT8E4M3FN, dims: [4], ints: [0x38, 0x7e, 0x01, 0xb8] }, [1, 448, 2 ** -9, -1]],
    ['int32_data (FLOAT8E4M3FNUZ)', { dataType: DataType.FLOAT8E4M3FNUZ, dims: [2], ints: [0x40, 0x7f] }, [1, 240]],
    ['int32_data (FLOAT8E5M2)', { dataType: DataType.FLOAT8E5M2, dims: [3], ints: [0x3c, 0x7b, 0x7c] }, [1, 57344, Infinity]],
    ['int32_data (FLOAT8E5M2FNUZ)', { dataType: DataType.FLOAT8E5M2FNUZ, dims: [2], ints: [0x40, 0x7f] }, [1, 57344]],
    ['int32_data (FLOAT8E8M0)', { dataType: DataType.FLOAT8E8M0, dims: [3], ints: [127, 128, 0] }, [1, 2, 2 ** -127]],
    ['int32_data (INT4, two per byte)', { dataType: DataType.INT4, dims: [3], ints: [0x8f, 0x07] }, [-1, -8, 7]],
    ['int32_data (UINT4)', { dataType: DataType.UINT4, dims: [2], ints: [0x5a] }, [10, 5]],
    ['int32_data (FLOAT4E2M1)', { dataType: DataType.FLOAT4E2M1, dims: [4], ints: [0x71, 0xf2] }, [0.5, 6, 1, -6]],
    ['int32_data (INT2, four per byte)', { dataType: DataType.INT2, dims: [4], ints: [0b11_10_01_00] }, [0, 1, -2, -1]],
    ['int32_data (UINT2)', { dataType: DataType.UINT2, dims: [5], ints: [0b11_10_01_00, 0b10] }, [0, 1, 2, 3, 2]],
  ] as Array<[string, TensorSpec, number[]]>)('decodes %s', (_label, spec, expected) => {
    const model = readModelBytes(buildModel({ graph: { initializers: [{ name: 't', ...spec }] } }));
    const t = model.graph.initializers[0]!;
    const values = readTensorNumbers(model, t)!;
    expect(values.length).toBe(expected.length);
    values.forEach((v, i) => (Number.isFinite(expected[i]!) && !Number.isInteger(expected[i]!) ? expect(v).toBeCloseTo(expected[i]!, 6) : expect(v).toBe(expected[i])));
  });

  it.each([
    [DataType.FLOAT, new Float32Array([1.25, -3]).buffer, [1.25, -3]],
    [DataType.DOUBLE, new Float64Array([1e-300]).buffer, [1e-300]],
    [DataType.INT64, new BigInt64Array([-2n, 2n ** 53n - 1n]).buffer, [-2, 2 ** 53 - 1]],
    [DataType.UINT64, new BigUint64Array([2n ** 63n]).buffer, [2 ** 63]],
    [DataType.INT32, new Int32Array([-7]).buffer, [-7]],
    [DataType.UINT32, new Uint32Array([4e9]).buffer, [4e9]],
    [DataType.INT16, new Int16Array([-300]).buffer, [-300]],
    [DataType.UINT16, new Uint16Array([60000]).buffer, [60000]],
    [DataType.INT8, new Int8Array([-100]).buffer, [-100]],
    [DataType.UINT8, new Uint8Array([200]).buffer, [200]],
    [DataType.BOOL, new Uint8Array([0, 2]).buffer, [0, 1]],
    [DataType.FLOAT16, new Uint16Array([0x7c00, 0x0001]).buffer, [Infinity, 2 ** -24]],
    [DataType.BFLOAT16, new Uint16Array([0x4049]).buffer, [3.140625]],
  ] as Array<[number, ArrayBuffer, number[]]>)('decodes raw_data of data type %i', (dataType, buffer, expected) => {
    const t = { name: 'r', dataType, dims: [expected.length], raw: new Uint8Array(buffer) };
    const model = readModelBytes(buildModel({ graph: { initializers: [t] } }));
    expect(readTensorNumbers(model, model.graph.initializers[0]!)).toEqual(expected);
  });

  it('gives NaN for the NaN encodings of the narrow float types', () => {
    for (const [dataType, bits] of [[DataType.FLOAT8E4M3FN, 0x7f], [DataType.FLOAT8E4M3FNUZ, 0x80], [DataType.FLOAT8E5M2, 0x7f], [DataType.FLOAT8E5M2FNUZ, 0x80], [DataType.FLOAT8E8M0, 0xff], [DataType.FLOAT16, 0x7e00]] as const) {
      const model = readModelBytes(buildModel({ graph: { initializers: [{ dataType, dims: [1], ints: [bits] }] } }));
      expect(readTensorNumbers(model, model.graph.initializers[0]!), `data type ${dataType}`).toEqual([Number.NaN]);
    }
  });

  it('keeps exact 64-bit bytes of int64_data beyond 2^53', () => {
    const t = tensorOf({ name: 'big', dataType: DataType.INT64, dims: [2], int64s: [2n ** 62n + 1n, -(2n ** 63n)] });
    const model = readModelBytes(buildModel({ graph: { initializers: [{ name: 'big', dataType: DataType.INT64, dims: [2], int64s: [2n ** 62n + 1n, -(2n ** 63n)] }] } }));
    const bytes = readTensorBytes(model, model.graph.initializers[0]!);
    expect(Array.from(new BigInt64Array(bytes.slice().buffer))).toEqual([2n ** 62n + 1n, -(2n ** 63n)]);
    expect(t.payload.kind).toBe('inline');
  });

  it('records string tensors as values and refuses them as numbers', () => {
    const model = readModelBytes(buildModel({ graph: { initializers: [{ name: 's', dataType: DataType.STRING, dims: [2], strings: ['a', 'ß'] }] } }));
    const t = model.graph.initializers[0]!;
    expect(t.payload).toEqual({ kind: 'values', field: 'string_data', values: ['a', 'ß'] });
    expect(readTensorNumbers(model, t)).toBeUndefined();
    expect(() => readTensorBytes(model, t)).toThrow(/string tensor/);
  });

  it('merges a packed field split over several occurrences', () => {
    const first = tensorOf({ dataType: DataType.FLOAT, dims: [1], floats: [1] });
    expect(first.payload.kind).toBe('inline');
    const model = readModelBytes(buildModel({ graph: { initializers: [{ name: 'split', dataType: DataType.INT64, dims: [3], ints: [1, 2], extraFields: [{ field: 7, wireType: 2, value: new Uint8Array([3]) }] }] } }));
    expect(readTensorNumbers(model, model.graph.initializers[0]!)).toEqual([1, 2, 3]);
  });

  it('returns undefined for tensors larger than maxElements, and for short payloads', () => {
    const model = readModelBytes(buildModel({ graph: { initializers: [
      { name: 'big', dataType: DataType.FLOAT, dims: [10], floats: Array.from({ length: 10 }, (_, i) => i) },
      { name: 'short', dataType: DataType.FLOAT, dims: [4], floats: [1] },
    ] } }));
    const [big, short] = model.graph.initializers;
    expect(readTensorNumbers(model, big!, 9)).toBeUndefined();
    expect(readTensorNumbers(model, big!, 10)).toHaveLength(10);
    expect(readTensorNumbers(model, short!)).toBeUndefined();
  });

  it('records segment, doc string, metadata and external-data entries', () => {
    const t = tensorOf({ name: 'e', dataType: DataType.FLOAT, dims: [4], segment: { begin: 0, end: 4 }, docString: 'd', metadataProps: { m: '1' }, external: { location: 'w.bin', offset: 4096, length: 16, checksum: 'abc' } });
    expect(t.segment).toEqual({ begin: 0, end: 4 });
    expect(t.docString).toBe('d');
    expect(t.metadataProps).toEqual([{ key: 'm', value: '1' }]);
    expect(t.payload).toEqual({ kind: 'external', location: 'w.bin', offset: 4096, length: 16, checksum: 'abc' });
    expect(t.externalData.map((e) => e.key)).toEqual(['location', 'offset', 'length', 'checksum']);
  });

  it('round-trips every data type value as written', () => {
    for (const dataType of Object.values(DataType)) {
      expect(tensorOf({ dataType, dims: [0] }).dataType).toBe(dataType);
    }
  });
});

describe('unknown fields', () => {
  it('skips unknown fields of every wire type, including groups, in every message', () => {
    const unknown = [
      { field: 999, wireType: 0 as const, value: 123456789n },
      { field: 998, wireType: 1 as const, value: 1.5 },
      { field: 997, wireType: 2 as const, value: 'future' },
      { field: 996, wireType: 5 as const, value: 2.5 },
      { field: 995, wireType: 3, raw: new Uint8Array([0x08, 0x01, (994 << 3 | 3) & 0x7f | 0x80, (994 << 3 | 3) >> 7, (994 << 3 | 4) & 0x7f | 0x80, (994 << 3 | 4) >> 7, (995 << 3 | 4) & 0x7f | 0x80, (995 << 3 | 4) >> 7]) },
    ];
    const model = readModelBytes(buildModel({
      extraFields: unknown,
      graph: {
        extraFields: unknown,
        nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'], extraFields: unknown, attributes: {} }],
        initializers: [{ name: 'w', dataType: DataType.FLOAT, dims: [1], floats: [1], extraFields: unknown }],
        inputs: [{ name: 'x', elemType: DataType.FLOAT, extraFields: unknown }],
      },
    }));
    expect(model.graph.nodes[0]!.opType).toBe('Relu');
    expect(model.graph.inputs[0]!.name).toBe('x');
    expect(readTensorNumbers(model, model.graph.initializers[0]!)).toEqual([1]);
  });
});
