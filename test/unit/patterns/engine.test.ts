// The matcher's mechanisms on hand-written graphs: alternatives, commutative inputs, axes as attribute or
// input, constants from Constant nodes or initializers, near misses (wrong exponent, epsilon 0.5, an inner
// value used outside), and the graphs it covers (subgraphs, function bodies).
import { describe, expect, it } from 'vitest';
import { attr, buildModel, DataType } from '../../../src/core/onnx/builder';
import { readModelBytes } from '../../../src/core/onnx/reader';
import { detectDecompositions } from '../../../src/core/patterns';
import { rmsModel, rmsNodes } from './rms-graph';

const patterns = (model: ReturnType<typeof rmsModel>) => detectDecompositions(model).map((d) => d.pattern);
const CHAIN = ['/norm/Pow', '/norm/ReduceMean', '/norm/Add', '/norm/Sqrt', '/norm/Div', '/norm/Mul', '/norm/Mul_1'];

describe('rms_norm forms', () => {
  it('the plain form: every node including its Constants, params read from them', () => {
    const [d] = detectDecompositions(rmsModel());
    expect(d!.pattern).toBe('rms_norm');
    expect(d!.nodes).toEqual(['/norm/two', '/norm/Pow', '/norm/ReduceMean', '/norm/eps', '/norm/Add', '/norm/Sqrt', '/norm/one', '/norm/Div', '/norm/Mul', '/norm/Mul_1']);
    expect(d!.params).toMatchObject({ axis: -1, has_weight: 1, weight_offset: 0, upcast: 0 });
    expect(d!.params.epsilon).toBeCloseTo(1e-6, 12);
    expect(d!.scope).toBe('norm');
  });

  it('alternatives: Mul(x, x) for the square and Reciprocal for 1/√', () => {
    expect(patterns(rmsModel({ square: true, reciprocal: true }))).toEqual(['rms_norm']);
  });

  it('commutative inputs: every Add and Mul with its operands swapped', () => {
    expect(patterns(rmsModel({ swapped: true }))).toEqual(['rms_norm']);
  });

  it('ReduceMean axes as an input from opset 18', () => {
    const [d] = detectDecompositions(rmsModel({ opset: 18 }));
    expect(d!.nodes).toContain('/norm/axes');
    expect(d!.params.axis).toBe(-1);
  });

  it('epsilon from an initializer', () => {
    expect(patterns(rmsModel({ epsilonInitializer: true, epsilon: 1e-5 }))).toEqual(['rms_norm']);
  });
});

describe('near misses do not match', () => {
  it('exponent 3', () => {
    expect(patterns(rmsModel({ exponent: 3 }))).toEqual([]);
  });

  it('epsilon 0.5', () => {
    expect(patterns(rmsModel({ epsilon: 0.5 }))).toEqual([]);
    expect(patterns(rmsModel({ epsilon: 0.5, epsilonInitializer: true }))).toEqual([]);
  });

  it('an inner value (1/√) also used outside the chain', () => {
    expect(patterns(rmsModel({ leakInner: true }))).toEqual([]);
  });

  it('an inner value that is a graph output', () => {
    const { nodes, initializers } = rmsNodes();
    const model = readModelBytes(buildModel({
      opsetImport: [{ domain: '', version: 17 }],
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }], outputs: [{ name: 'y' }, { name: '/norm/mean' }], initializers, nodes },
    }));
    expect(patterns(model)).toEqual([]);
  });
});

describe('where the matcher looks', () => {
  it('inside an If branch, by stable path, and an outer value read by the branch stays an escape', () => {
    const { nodes, initializers } = rmsNodes();
    const model = readModelBytes(buildModel({
      opsetImport: [{ domain: '', version: 17 }],
      graph: {
        inputs: [{ name: 'x', elemType: DataType.FLOAT }, { name: 'cond', elemType: DataType.BOOL }],
        outputs: [{ name: 'out' }],
        initializers,
        nodes: [{
          opType: 'If', name: 'branch', inputs: ['cond'], outputs: ['out'],
          attributes: {
            then_branch: attr.graph({ nodes, outputs: [{ name: 'y' }] }),
            else_branch: attr.graph({ nodes: [{ opType: 'Identity', inputs: ['x'], outputs: ['z'] }], outputs: [{ name: 'z' }] }),
          },
        }],
      },
    }));
    const found = detectDecompositions(model);
    expect(found.map((d) => [d.pattern, d.graph])).toEqual([['rms_norm', '/0:If/then_branch']]);
    expect(found[0]!.nodes).toEqual(expect.arrayContaining(CHAIN));
  });

  it('a value of the main graph read inside a subgraph is used outside the chain', () => {
    const { nodes, initializers } = rmsNodes();
    const model = readModelBytes(buildModel({
      opsetImport: [{ domain: '', version: 17 }],
      graph: {
        inputs: [{ name: 'x', elemType: DataType.FLOAT }, { name: 'cond', elemType: DataType.BOOL }],
        outputs: [{ name: 'y' }, { name: 'out' }],
        initializers,
        nodes: [...nodes, {
          opType: 'If', inputs: ['cond'], outputs: ['out'],
          attributes: {
            then_branch: attr.graph({ nodes: [{ opType: 'Identity', inputs: ['/norm/rstd'], outputs: ['a'] }], outputs: [{ name: 'a' }] }),
            else_branch: attr.graph({ nodes: [{ opType: 'Identity', inputs: ['x'], outputs: ['b'] }], outputs: [{ name: 'b' }] }),
          },
        }],
      },
    }));
    expect(patterns(model)).toEqual([]);
  });

  it('in a model-local function body', () => {
    const { nodes, initializers } = rmsNodes();
    const weight = initializers[0]!;
    const model = readModelBytes(buildModel({
      opsetImport: [{ domain: '', version: 17 }, { domain: 'local', version: 1 }],
      functions: [{
        name: 'MyNorm', domain: 'local', inputs: ['x'], outputs: ['y'], opsetImport: [{ domain: '', version: 17 }],
        nodes: [{ opType: 'Constant', name: 'w', outputs: ['/norm/weight'], attributes: { value: attr.tensor({ ...weight, name: undefined }) } }, ...nodes],
      }],
      graph: {
        inputs: [{ name: 'in', elemType: DataType.FLOAT }], outputs: [{ name: 'out' }],
        nodes: [{ opType: 'MyNorm', domain: 'local', inputs: ['in'], outputs: ['out'] }],
      },
    }));
    const found = detectDecompositions(model);
    expect(found.map((d) => [d.pattern, d.graph])).toEqual([['rms_norm', 'fn:local::MyNorm']]);
    expect(detectDecompositions(model, {}, { functions: false })).toEqual([]);
  });

  it('two norms side by side are two matches, never one', () => {
    const a = rmsNodes({ prefix: '/a/', input: 'x', output: 'h' });
    const b = rmsNodes({ prefix: '/b/', input: 'h', output: 'y' });
    const model = readModelBytes(buildModel({
      opsetImport: [{ domain: '', version: 17 }],
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }], outputs: [{ name: 'y' }], initializers: [...a.initializers, ...b.initializers], nodes: [...a.nodes, ...b.nodes] },
    }));
    const found = detectDecompositions(model);
    expect(found.map((d) => d.scope)).toEqual(['a', 'b']);
    expect(new Set([...found[0]!.nodes, ...found[1]!.nodes]).size).toBe(found[0]!.nodes.length + found[1]!.nodes.length);
  });

  it('a norm whose output feeds 200 Mul nodes (a hub below the anchor) is found once, with its own nodes only', () => {
    const norm = rmsNodes({ output: 'h' });
    const fanOut = Array.from({ length: 200 }, (_, i) => ({ opType: 'Mul', name: `/hub/Mul_${i}`, inputs: ['h', 'h'], outputs: [`y${i}`] }));
    const model = readModelBytes(buildModel({
      opsetImport: [{ domain: '', version: 17 }],
      graph: {
        inputs: [{ name: 'x', elemType: DataType.FLOAT }], outputs: fanOut.map((n) => ({ name: n.outputs[0]! })),
        initializers: norm.initializers, nodes: [...norm.nodes, ...fanOut],
      },
    }));
    const found = detectDecompositions(model);
    expect(found.map((d) => d.pattern)).toEqual(['rms_norm']);
    expect(found[0]!.nodes.filter((n) => !n.startsWith('/norm/'))).toEqual([]);
  });
});

describe('scope from dynamo metadata', () => {
  it('uses pkg.torch.onnx.name_scopes when node names carry no path', () => {
    const { nodes, initializers } = rmsNodes({ prefix: 'n_' });
    const scoped = nodes.map((n) => ({ ...n, metadataProps: { 'pkg.torch.onnx.name_scopes': "['', 'model', 'model.layers.0', 'model.layers.0.norm', 'pow_1']", 'pkg.torch.onnx.stack_trace': 'File "llama.py", line 70, in forward\n    x.pow(2)' } }));
    const model = readModelBytes(buildModel({
      opsetImport: [{ domain: '', version: 17 }],
      graph: { inputs: [{ name: 'x', elemType: DataType.FLOAT }], outputs: [{ name: 'y' }], initializers, nodes: scoped },
    }));
    const [d] = detectDecompositions(model);
    expect(d!.scope).toBe('model.layers.0.norm');
    expect(d!.sourceLocation).toBe('llama.py:70');
  });
});
