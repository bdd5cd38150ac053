// The text printer on hand-written models: the exact syntax of each construct, the node → line map, escaping,
// cutting of enormous strings, deep nesting and never reading weights.
import { describe, expect, it } from 'vitest';
import { AttributeType, DataType } from '../../../src/core/onnx/model';
import type { Graph, Model } from '../../../src/core/onnx/model';
import { formatFloat32, printModel, printedOpName, quote } from '../../../src/core/onnx/printer';
import { iterateNodes } from '../../../src/core/onnx/walk';
import { attribute, graph, model, node, tensor, tensorType, value } from './hand-models';

function ifModel(): Model {
  const thenBranch = graph('then_g', [node('Identity', ['X'], ['y'])], { outputs: [value('y', tensorType(DataType.FLOAT, [2]))] });
  const elseBranch = graph('else_g', [node('Neg', ['X'], ['z'])], {
    outputs: [value('z', tensorType(DataType.FLOAT, [2]))],
    initializers: [tensor('k', DataType.INT64, [2], { kind: 'values', field: 'int64_data', values: [1, 2] })],
  });
  return model(graph('main', [
    node('MatMul', ['X', 'W'], ['T'], { name: '/layers.0/MatMul' }),
    node('Softmax', ['T'], ['S'], {
      attributes: [
        attribute({ name: 'axis', type: AttributeType.INT, i: -1 }),
        attribute({ name: 'f', type: AttributeType.FLOAT, f: 1 }),
        attribute({ name: 'fs', type: AttributeType.FLOATS, floats: [0.1, 2] }),
        attribute({ name: 'e', type: AttributeType.INTS }),
        attribute({ name: 'mode', type: AttributeType.STRING, s: 'a"b' }),
      ],
    }),
    node('If', ['c'], ['C'], {
      attributes: [
        attribute({ name: 'then_branch', type: AttributeType.GRAPH, g: thenBranch }),
        attribute({ name: 'else_branch', type: AttributeType.GRAPH, g: elseBranch }),
      ],
    }),
    node('Gelu', ['S', '', 'B'], ['G'], { domain: 'com.microsoft' }),
    node('Dropout', ['', 'r'], ['D']),
  ], {
    inputs: [value('X', tensorType(DataType.FLOAT, ['N', 128])), value('c', tensorType(DataType.BOOL, [])), value('u', tensorType(DataType.FLOAT))],
    outputs: [value('C', tensorType(DataType.FLOAT, ['N', 'a b', '?']))],
    initializers: [tensor('W', DataType.FLOAT, [128, 10])],
  }), { opsetImport: [{ domain: '', version: 17 }, { domain: 'com.microsoft', version: 1 }], producerName: 'pytorch', producerVersion: '2.1' });
}

describe('printModel on a hand-written model', () => {
  const printed = printModel(ifModel(), { readTensorValues: false });
  const lines = printed.text.split('\n');

  it('writes the header, signature, declarations and nodes in ONNX textual syntax', () => {
    expect(printed.text).toBe([
      '<',
      '   ir_version: 8,',
      '   opset_import: ["" : 17, "com.microsoft" : 1],',
      '   producer_name: "pytorch",',
      '   producer_version: "2.1"',
      '>',
      'main (float[N, 128] X, bool c, float[] u) => (float[N, "a b", "?"] C)',
      '   <',
      '      float[128, 10] W = ...',
      '   >',
      '{',
      '   ["/layers.0/MatMul"] T = MatMul (X, W)',
      '   S = Softmax <axis = -1, f = 1.0, fs = [0.1, 2.0], e: ints = [], mode = "a\\"b"> (T)',
      '   C = If (c) <then_branch = then_g () => (float[2] y) {',
      '      y = Identity (X)',
      '   }, else_branch = else_g () => (float[2] z)',
      '      <',
      '         int64[2] k = {1, 2}',
      '      >',
      '   {',
      '      z = Neg (X)',
      '   }>',
      '   G = com.microsoft.Gelu (S, , B)',
      '   D = Dropout ("", r)',
      '}',
      '',
    ].join('\n'));
  });

  it('maps every node path of walk.ts to its line, and its op name to a range on that line', () => {
    const refs = [...iterateNodes(ifModel(), { functions: true })];
    expect(printed.nodeLines.size).toBe(refs.length);
    for (const ref of refs) {
      const line = printed.nodeLines.get(ref.path);
      expect(line, ref.path).toBeDefined();
      const range = printed.opRanges.get(ref.path)!;
      expect(range.line).toBe(line);
      expect(lines[line!]!.slice(range.start, range.end)).toBe(printedOpName(ref.node));
    }
    expect(lines[printed.nodeLines.get('/2:If/else_branch/0:Neg')!]).toBe('      z = Neg (X)');
  });
});

describe('strings from a hostile model', () => {
  const hostile = 'x<script>alert(1)</script>\u0000\u0007\u001b[31m\r\n\u2028\u202e\u2066\ufeff\ud800"\\';
  const huge = 'A'.repeat(1_000_000);
  const m = model(graph(hostile, [node(hostile, [hostile], [huge], { name: hostile, domain: hostile })], {
    inputs: [value(hostile, tensorType(DataType.FLOAT, [hostile]))],
  }), { producerName: hostile, docString: huge, metadataProps: [{ key: hostile, value: huge }] });
  const printed = printModel(m);

  it('escapes control, separator and bidi characters and lone surrogates', () => {
    // Only the line feeds the printer writes itself; no raw control or bidi character survives.
    expect(printed.text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/);
    expect(printed.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(printed.text).toContain('"x<script>alert(1)</script>\\u0000\\u0007\\u001b[31m\\r\\n\\u2028\\u202e\\u2066\\ufeff\\ud800\\"\\\\"');
  });

  it('cuts enormous strings and says how much was cut', () => {
    expect(printed.text.length).toBeLessThan(10_000);
    expect(printed.text).toContain(`...(+${1_000_000 - 512} chars)"`);
  });

  it('quotes an op name that is not an identifier instead of writing it raw', () => {
    expect(printedOpName({ domain: 'com.x', opType: 'a b', overload: '' })).toBe('com.x."a b"');
    expect(quote('tab\there')).toBe('"tab\\there"');
  });
});

describe('corrupt attributes', () => {
  it('prints the subgraph of an attribute whose declared type says it has none, so its nodes keep their lines', () => {
    const body = graph('body', [node('Relu', ['x'], ['y'])]);
    const m = model(graph('g', [node('Loop', ['n'], ['y'], { attributes: [attribute({ name: 'body', type: AttributeType.INTS, g: body, ints: [1] })] })]));
    const printed = printModel(m);
    expect(printed.text).toContain('y = Loop (n) <body: ints = [body () => () {');
    expect(printed.text.split('\n')[printed.nodeLines.get('/0:Loop/body/0:Relu')!]).toBe('      y = Relu (x)');
  });
});

describe('numbers', () => {
  it('prints float32 values in their shortest form and keeps float attributes recognisable as floats', () => {
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(Math.fround(1e-6))).toBe('0.000001');
    expect(formatFloat32(Math.fround(3.4028234663852886e38))).toBe('3.4028235e+38');
    expect(formatFloat32(Number.NEGATIVE_INFINITY)).toBe('-inf');
    const printed = printModel(model(graph('g', [node('LeakyRelu', ['x'], ['y'], { attributes: [attribute({ name: 'alpha', type: AttributeType.FLOAT, f: 2 })] })])));
    expect(printed.text).toContain('y = LeakyRelu <alpha = 2.0> (x)');
  });
});

describe('deep nesting', () => {
  /** `If` in the then-branch of `If` … `depth` levels down. */
  function nested(depth: number): Model {
    let inner: Graph = graph('leaf', [node('Relu', ['x'], ['y'])]);
    for (let i = 0; i < depth; i++) {
      inner = graph(`g${i}`, [node('If', ['c'], ['y'], { attributes: [attribute({ name: 'then_branch', type: AttributeType.GRAPH, g: inner })] })]);
    }
    return model(inner);
  }

  it('prints 10,000 levels of subgraphs without recursion, every node on its own line, indentation bounded', () => {
    const m = nested(10_000);
    const started = performance.now();
    const printed = printModel(m);
    const elapsed = performance.now() - started;
    expect(printed.nodeLines.size).toBe(10_001);
    const lines = printed.text.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(200);
    expect(lines[printed.nodeLines.get([...iterateNodes(m)].pop()!.path)!]!.trim()).toBe('y = Relu (x)');
    // Stable paths grow with depth (walk.ts), so keying 10,000 of them costs ~1 s; the reader itself refuses
    // files nested past 250 messages, so only hand-built models get this deep. Generous for loaded CI machines.
    expect(elapsed).toBeLessThan(15_000);
    expect(printed.text.length).toBeLessThan(4_000_000);
  });
});

describe('weights', () => {
  it('reads values only for tensors within maxConstantElements, and never the others', () => {
    const small = tensor('eps', DataType.FLOAT, []);
    const large = tensor('W', DataType.FLOAT, [4096, 4096]);
    const requested: string[] = [];
    const printed = printModel(model(graph('g', [], { initializers: [small, large] })), {
      readTensorValues: (t) => {
        requested.push(t.name);
        return [1e-6];
      },
    });
    expect(requested).toEqual(['eps']);
    expect(printed.text).toContain('float eps = {0.000001}');
    expect(printed.text).toContain('float[4096, 4096] W = ...');
  });

  it('shows external data as its location entries, without opening the file', () => {
    const external = { ...tensor('E', DataType.FLOAT, [2]), payload: { kind: 'external' as const, location: '../../etc/passwd', offset: 0 }, externalData: [{ key: 'location', value: '../../etc/passwd' }] };
    const printed = printModel(model(graph('g', [], { initializers: [external] })), { readTensorValues: () => { throw new Error('must not read'); } });
    expect(printed.text).toContain('float[2] E = ["location": "../../etc/passwd"]');
  });
});
